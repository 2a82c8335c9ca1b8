/* The virtual timer component (see vtimer.h). */
#include "vtimer.h"

void vtimer_init(struct vtimer *t, axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id) {
    t->vm_id = vm_id;
    t->vcpu_id = vcpu_id;
    t->deadline_ns = 0;
    t->token = 0;
    t->expiry_error = AXV_OK;
}

bool vtimer_is_armed(const struct vtimer *t) {
    return t->token != 0; /* tokens are never 0 */
}

static void record_expiry_error(struct vtimer *t, int rc) {
    if (t->expiry_error == AXV_OK)
        t->expiry_error = rc;
}

static void vtimer_expired(void *arg, axv_nanos_t now_ns) {
    struct vtimer *t = arg;
    int rc;

    /* A timer replaced after it fired but before it ran finds a later deadline, or none. */
    if (!vtimer_is_armed(t) || now_ns < t->deadline_ns)
        return;
    t->token = 0;
    rc = axv_vmm_notify_vcpu_timer_expired(t->vm_id, t->vcpu_id);
    if (rc != AXV_OK)
        record_expiry_error(t, rc);
}

/* AXV_ENOENT: the timer already ran, or runs now and will find the vtimer changed. */
static int cancel_host_timer(struct vtimer *t) {
    int rc;

    if (!vtimer_is_armed(t))
        return AXV_OK;
    rc = axv_time_cancel_timer(t->token);
    if (rc != AXV_OK && rc != AXV_ENOENT)
        return rc;
    t->token = 0;
    return AXV_OK;
}

int vtimer_set_deadline(struct vtimer *t, axv_nanos_t deadline_ns) {
    axv_timer_token_t token = 0;
    int rc = cancel_host_timer(t);

    if (rc != AXV_OK)
        return rc;
    rc = axv_time_register_timer(deadline_ns, vtimer_expired, t, &token);
    if (rc != AXV_OK)
        return rc;
    t->deadline_ns = deadline_ns;
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
    int rc = t->expiry_error;

    t->expiry_error = AXV_OK;
    return rc;
}
