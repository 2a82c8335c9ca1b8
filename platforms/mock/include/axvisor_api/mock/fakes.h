/**
 * @file fakes.h
 * @brief Fakes of every built-in area, and the mock platform that installs them.
 *
 * For every op `O` of every built-in area `A` there is a fake: the global object
 * `axv_fake_A_O` records each call (`call_count`, `last`, `history`, `history_dropped`)
 * and says what the call returns (`return_value`, `return_seq`, or a `custom` function);
 * `axv_fake_A_ops` is a table of all the area's fakes and axv_fake_A_reset() clears them.
 * <axvisor_api/mock/fake_declare.h> documents the members; a component-defined area gets
 * the same from its own op list with that header and <axvisor_api/mock/fake_define.h>.
 *
 * A test typically does:
 * @code
 * axv_mock_reset_all();
 * axv_mock_install();                         // accessors now reach the fakes
 * axv_fake_host_cpu_num.return_value = 4;
 * run_code_under_test();                      // calls axv_host_cpu_num() ...
 * assert(axv_fake_host_cpu_num.call_count == 1);
 * @endcode
 *
 * Installed fakes replace the defaults, including the fallback of `FALLBACK` ops: to get
 * the fallback back, point the fake's `custom` at it, e.g.
 * `axv_fake_vmm_inject_interrupt_to_vcpus.custom = axv_vmm_fallback_inject_interrupt_to_vcpus;`
 * (it then calls the other fakes). The console fake also receives the default fatal
 * handler's message, since an installed console counts as implemented.
 *
 * Hosted code, for host tests: link `axvisor_api::mock`.
 */
#ifndef AXVISOR_API_MOCK_FAKES_H
#define AXVISOR_API_MOCK_FAKES_H

#include <axvisor_api/axvisor_api.h>

/* NOLINTNEXTLINE(bugprone-macro-parentheses): a header name for #include, not an expression */
#define AXV_AREA_OPS <axvisor_api/builtin_areas.h>
#include <axvisor_api/mock/fake_declare.h>

AXV_EXTERN_C_BEGIN

/**
 * @addtogroup axv_fakes
 * @{
 */

/**
 * @brief The mock platform, named "mock": every built-in area's table is its fake table
 * (`.memory = &axv_fake_memory_ops`, ...).
 */
extern const struct axv_platform axv_mock_platform;

/**
 * @brief Resets every fake of every built-in area, as each axv_fake_<area>_reset() does.
 *
 * Only the fakes' state changes; the registry is left as it is (so installed fakes stay
 * installed). Component-defined areas' fakes are reset by their own
 * axv_fake_<area>_reset().
 * @note Call it while no other thread calls a fake (it takes axv_fake_lock() per area).
 */
void axv_mock_reset_all(void);

/**
 * @brief Installs #axv_mock_platform, so that every built-in accessor reaches its fake.
 *
 * Does not reset the fakes; call axv_mock_reset_all() for that. To undo it, reset the areas
 * (`axv_<area>_reset()`) or register the tables saved with `axv_<area>_get()` beforehand.
 * @return What axv_platform_install() returns: AXV_OK, or AXV_EPERM once the registry is
 *         sealed.
 * @note Boot-time rules apply, as for any platform install: not concurrently with
 *       accessor calls on other threads.
 */
int axv_mock_install(void);

/** @} */

AXV_EXTERN_C_END

#endif /* AXVISOR_API_MOCK_FAKES_H */
