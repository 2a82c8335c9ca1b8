/* The virtual timer component (see vtimer.h). `armed`, `deadline_ns` and `expiry_error` are
 * shared with the expiry callback, which may run on another thread or interrupt the owner:
 * 1. the owner stores the deadline, then sets `armed` with release before registering, so a
 *    callback that runs at once sees both;
 * 2. the callback clears `armed` with a compare-and-swap, so of a stale and a current host
 *    timer only one notifies, and only once the current deadline has passed;
 * 3. `token` is the owner's alone (set and cancel), never read by the callback. */
#include "vtimer.h"

void vtimer_init(struct vtimer *t, axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id) {
    t->vm_id = vm_id;
    t->vcpu_id = vcpu_id;
    t->deadline_ns = 0;
    t->token = 0;
    t->armed = 0;
    t->expiry_error = AXV_OK;
}

bool vtimer_is_armed(const struct vtimer *t) {
    return __atomic_load_n(&t->armed, __ATOMIC_ACQUIRE) != 0;
}

static void record_expiry_error(struct vtimer *t, int rc) {
    int expected = AXV_OK;
    (void)__atomic_compare_exchange_n(&t->expiry_error, &expected, rc, false, __ATOMIC_RELAXED,
                                      __ATOMIC_RELAXED);
}

static void vtimer_expired(void *arg, axv_nanos_t now_ns) {
    struct vtimer *t = arg;
    int armed = 1;
    int rc;

    /* A timer replaced after it fired but before it ran finds a later deadline, or none. */
    if (!vtimer_is_armed(t) || now_ns < __atomic_load_n(&t->deadline_ns, __ATOMIC_RELAXED))
        return;
    if (!__atomic_compare_exchange_n(&t->armed, &armed, 0, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_RELAXED))
        return;
    rc = axv_vmm_notify_vcpu_timer_expired(t->vm_id, t->vcpu_id);
    if (rc != AXV_OK)
        record_expiry_error(t, rc);
}

/* AXV_ENOENT: the timer already ran, or runs now and will find the vtimer changed. */
static int cancel_host_timer(struct vtimer *t) {
    int rc;

    if (t->token == 0)
        return AXV_OK;
    if (!vtimer_is_armed(t)) { /* its expiry ran: nothing left to cancel */
        t->token = 0;
        return AXV_OK;
    }
    rc = axv_time_cancel_timer(t->token);
    if (rc != AXV_OK && rc != AXV_ENOENT)
        return rc;
    t->token = 0;
    __atomic_store_n(&t->armed, 0, __ATOMIC_RELEASE);
    return AXV_OK;
}

int vtimer_set_deadline(struct vtimer *t, axv_nanos_t deadline_ns) {
    axv_timer_token_t token = 0;
    int rc = cancel_host_timer(t);

    if (rc != AXV_OK)
        return rc;
    __atomic_store_n(&t->deadline_ns, deadline_ns, __ATOMIC_RELAXED);
    __atomic_store_n(&t->armed, 1, __ATOMIC_RELEASE);
    rc = axv_time_register_timer(deadline_ns, vtimer_expired, t, &token);
    if (rc != AXV_OK) {
        __atomic_store_n(&t->armed, 0, __ATOMIC_RELEASE);
        return rc;
    }
    t->token = token;
    return AXV_OK;
}

int vtimer_set_current(struct vtimer *table, size_t count, uint64_t delay_ns) {
    axv_vcpu_id_t id = axv_vmm_current_vcpu_id();

    if (id >= count || table[id].vm_id != axv_vmm_current_vm_id())
        return AXV_ENOENT;
    return vtimer_set_deadline(&table[id], axv_time_current_nanos() + delay_ns);
}

int vtimer_cancel(struct vtimer *t) {
    return cancel_host_timer(t);
}

int vtimer_take_error(struct vtimer *t) {
    return __atomic_exchange_n(&t->expiry_error, AXV_OK, __ATOMIC_RELAXED);
}
