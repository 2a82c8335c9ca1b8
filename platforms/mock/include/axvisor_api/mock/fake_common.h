/**
 * @file fake_common.h
 * @brief What every generated fake shares: the history bound and the lock that makes
 * recording a call atomic.
 */
#ifndef AXVISOR_API_MOCK_FAKE_COMMON_H
#define AXVISOR_API_MOCK_FAKE_COMMON_H

#include <axvisor_api/compiler.h>

AXV_EXTERN_C_BEGIN

/**
 * @defgroup axv_fakes Fakes
 * @brief Recording, programmable stand-ins for every op, generated from the op lists.
 * @{
 */

/**
 * @brief How many calls a fake keeps the arguments of, in its `history`.
 *
 * The first AXV_FAKE_HISTORY calls since the last reset are kept; later calls still update
 * `call_count` and `last`, and count in `history_dropped`. Fixed (not a configuration
 * knob) because it sizes structs that the installed library and its users share.
 */
#define AXV_FAKE_HISTORY 32

/**
 * @brief Takes the lock every fake holds while it records a call and picks its result.
 *
 * Recording is thereby atomic: fakes may be called from several threads at once (a timer
 * thread and the test, say), and each call lands whole in `call_count`, `last` and
 * `history`. The lock is a spinlock with yielding, shared by all fakes of all areas.
 *
 * Tests read and program fakes without it once the other threads are joined or idle;
 * take it only to read or change a fake while other threads may be calling it. Never
 * call a fake, or a reset, while holding it: the lock is not recursive. A fake's
 * `custom` function runs after the lock is released, so it may call other fakes.
 * @note Hosted code; callable from any thread.
 */
void axv_fake_lock(void);

/**
 * @brief Releases the lock taken by axv_fake_lock().
 * @note Only by the thread that holds it.
 */
void axv_fake_unlock(void);

/** @} */

AXV_EXTERN_C_END

#endif /* AXVISOR_API_MOCK_FAKE_COMMON_H */
