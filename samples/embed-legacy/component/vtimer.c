/* The vtimer component, and a doorbell that rings every active vCPU: axvisor_api only. */
#include "vtimer.h"

static uint64_t *shared_count(const struct vtimer *vt) {
    return (uint64_t *)axv_memory_phys_to_virt(vt->page);
}

int vtimer_init(struct vtimer *vt, axv_vm_id_t vm, axv_vcpu_id_t vcpu) {
    *vt = (struct vtimer){.vm = vm, .vcpu = vcpu};
    int rc = axv_memory_alloc_frame(&vt->page);
    if (rc == AXV_OK)
        *shared_count(vt) = 0;
    return rc;
}

static void vtimer_expired(void *arg, axv_nanos_t now_ns) {
    struct vtimer *vt = arg;
    (void)now_ns;
    vt->armed = false;
    vt->expirations++;
    *shared_count(vt) = vt->expirations;
    /* Nothing to do with an error here: the vCPU is gone, its timer with it. */
    (void)axv_vmm_notify_vcpu_timer_expired(vt->vm, vt->vcpu);
}

int vtimer_arm(struct vtimer *vt, axv_nanos_t delay_ns) {
    /* AXV_ENOENT means it fired meanwhile: either way nothing is armed now. */
    if (vt->armed)
        (void)axv_time_cancel_timer(vt->token);
    vt->armed = false;
    int rc = axv_time_register_timer(axv_time_current_nanos() + delay_ns, vtimer_expired, vt,
                                     &vt->token);
    vt->armed = rc == AXV_OK;
    return rc;
}

uint64_t vtimer_published_count(const struct vtimer *vt) {
    return *shared_count(vt);
}

void vtimer_fini(struct vtimer *vt) {
    if (vt->armed)
        (void)axv_time_cancel_timer(vt->token);
    vt->armed = false;
    (void)axv_memory_dealloc_frame(vt->page);
}

int doorbell_ring_all(axv_irq_t sgi) {
    uint64_t active = 0;
    int rc = axv_vmm_current_vm_active_vcpus(&active);
    if (rc != AXV_OK)
        return rc;
    return axv_vmm_inject_interrupt_to_vcpus(axv_vmm_current_vm_id(), active, sgi);
}
