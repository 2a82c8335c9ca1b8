/**
 * @file vtimer.h
 * @brief The virtual timer component: one guest deadline per vCPU, built only on the time
 * and vmm areas, so the same file serves the AArch64 and riscv64 QEMU samples and the POSIX
 * test of it (test/posix/vtimer_test.cc) unchanged; the gMock tests check it call by call.
 *
 * vtimer_set_deadline() arms a one-shot host timer for the guest's deadline (cancelling the
 * one it armed before); when that timer fires the vtimer tells the VMM with
 * axv_vmm_notify_vcpu_timer_expired(), which delivers the vCPU's timer interrupt in the
 * platform's way (a PPI on GIC platforms, VSTIP on RISC-V). What is per architecture (how a
 * guest asks, how its interrupt is taken down) stays in the platform and the guest.
 *
 * A host timer that fires after it was replaced (its cancel came too late and returned
 * AXV_ENOENT) is recognised and ignored: the callback acts only while the vtimer is armed
 * and its current deadline has passed.
 *
 * The expiry callback may run concurrently with the owner's calls (on posix the timer
 * service is its own thread; on bare metal it may interrupt the owner): the state it shares
 * with them, whether the vtimer is armed, its deadline and the first expiry error, is read
 * and written atomically, and the vtimer is armed before its host timer is registered, so
 * an expiry that comes at once is not missed. The owner's calls for one vtimer (set,
 * cancel, take_error) must come from one context at a time. Different vtimers are
 * independent.
 */
#ifndef AXV_SAMPLES_VTIMER_H
#define AXV_SAMPLES_VTIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <axvisor_api/time.h>
#include <axvisor_api/vmm.h>

AXV_EXTERN_C_BEGIN

/** @brief The virtual timer of one vCPU. Initialise with vtimer_init(); fields are private. */
struct vtimer {
    axv_vm_id_t vm_id;       /**< The vCPU's VM. */
    axv_vcpu_id_t vcpu_id;   /**< The vCPU. */
    axv_nanos_t deadline_ns; /**< The guest's deadline, valid while armed (atomic). */
    axv_timer_token_t token; /**< The host timer's token (the owner's only). */
    int armed;               /**< 1 while an expiry is due to the guest (atomic). */
    int expiry_error;        /**< First error of an expiry since vtimer_take_error() (atomic). */
};

/**
 * @brief Initialises a disarmed vtimer for vCPU @p vcpu_id of VM @p vm_id.
 * @param t The vtimer.
 * @param vm_id The VM.
 * @param vcpu_id The vCPU.
 */
void vtimer_init(struct vtimer *t, axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id);

/**
 * @brief Sets the guest deadline: cancels the host timer armed before, if any, and arms one
 * for @p deadline_ns.
 * @param t The vtimer.
 * @param deadline_ns Absolute monotonic deadline; one in the past fires as soon as possible.
 * @return AXV_OK once armed. An error of axv_time_cancel_timer() other than AXV_ENOENT
 *         (which means the old timer already fired) is returned with the vtimer unchanged,
 *         still armed for its old deadline. An error of axv_time_register_timer() is
 *         returned with the vtimer disarmed.
 */
int vtimer_set_deadline(struct vtimer *t, axv_nanos_t deadline_ns);

/**
 * @brief Sets the calling vCPU's deadline @p delay_ns nanoseconds from now: what a
 * hypervisor does with its guests' timer requests, on any platform.
 * @param table The VM's vtimers, indexed by vCPU id, initialised with vtimer_init().
 * @param count Entries in @p table.
 * @param delay_ns The guest's delay.
 * @return As vtimer_set_deadline(); AXV_ENOENT when axv_vmm_current_vcpu_id() is not below
 *         @p count or the calling vCPU's VM is not the one its entry was initialised for.
 * @note In the calling vCPU's context (axv_vmm_current_vm_id() and
 *       axv_vmm_current_vcpu_id() name it), under vtimer_set_deadline()'s rule.
 */
int vtimer_set_current(struct vtimer *table, size_t count, uint64_t delay_ns);

/**
 * @brief Disarms the vtimer, cancelling its host timer.
 * @param t The vtimer.
 * @return AXV_OK once disarmed (also when it was not armed, or the timer already fired);
 *         another error of axv_time_cancel_timer() with the vtimer unchanged.
 */
int vtimer_cancel(struct vtimer *t);

/**
 * @brief Tells whether the vtimer is armed (set and not yet expired or cancelled).
 * @param t The vtimer.
 * @return true while armed.
 */
bool vtimer_is_armed(const struct vtimer *t);

/**
 * @brief Returns, and forgets, the first error an expiry met since the last call: the
 * error of axv_vmm_notify_vcpu_timer_expired().
 * @param t The vtimer.
 * @return AXV_OK when every expiry since the last call was delivered.
 */
int vtimer_take_error(struct vtimer *t);

AXV_EXTERN_C_END

#endif /* AXV_SAMPLES_VTIMER_H */
