/**
 * @file vtimer.h
 * @brief A small virtual timer component: one guest deadline per vCPU, built on the time
 * and vmm areas. It is the component the gMock adapters' tests exercise.
 *
 * vtimer_set_deadline() arms a one-shot host timer for the guest's deadline (cancelling the
 * one it armed before); when that timer fires the vtimer tells the VMM with
 * axv_vmm_notify_vcpu_timer_expired(), or, when the platform does not implement that
 * (AXV_ENOSYS), injects the virtual timer PPI itself with axv_vmm_inject_interrupt().
 *
 * A host timer that fires after it was replaced (its cancel came too late and returned
 * AXV_ENOENT) is recognised and ignored: the callback acts only while the vtimer is armed
 * and its current deadline has passed.
 *
 * Not synchronised: the calls for one vtimer and its expiry callback must not run
 * concurrently (run them on the vCPU's physical CPU with the host timer interrupt masked,
 * or under one lock). Different vtimers are independent.
 */
#ifndef AXV_TEST_VTIMER_H
#define AXV_TEST_VTIMER_H

#include <stdbool.h>
#include <axvisor_api/time.h>
#include <axvisor_api/vmm.h>

AXV_EXTERN_C_BEGIN

/** @brief INTID of the virtual timer PPI injected when the VMM cannot be notified. */
#define VTIMER_PPI 27u

/** @brief The virtual timer of one vCPU. Initialise with vtimer_init(); fields are private. */
struct vtimer {
    axv_vm_id_t vm_id;       /**< The vCPU's VM. */
    axv_vcpu_id_t vcpu_id;   /**< The vCPU. */
    axv_nanos_t deadline_ns; /**< The guest's deadline, valid while armed. */
    axv_timer_token_t token; /**< The host timer's token; 0 when disarmed. */
    int expiry_error;        /**< First error of an expiry since vtimer_take_error(). */
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
 * error of the notification, or of the injection that replaced it.
 * @param t The vtimer.
 * @return AXV_OK when every expiry since the last call was delivered.
 */
int vtimer_take_error(struct vtimer *t);

AXV_EXTERN_C_END

#endif /* AXV_TEST_VTIMER_H */
