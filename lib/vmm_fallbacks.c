/* The vmm area's fallbacks: what its FALLBACK ops do when no table implements them. */
#include <axvisor_api/vmm.h>

/* Delivering to the remaining vCPUs after a failure loses less than stopping would, and
 * the caller still learns that something failed. */
int axv_vmm_fallback_inject_interrupt_to_vcpus(axv_vm_id_t vm_id, uint64_t vcpu_mask,
                                               axv_irq_t irq) {
    int first_error = AXV_OK;
    for (axv_vcpu_id_t vcpu = 0; vcpu_mask != 0; vcpu++, vcpu_mask >>= 1) {
        if ((vcpu_mask & 1u) == 0)
            continue;
        int rc = axv_vmm_inject_interrupt(vm_id, vcpu, irq);
        if (rc != AXV_OK && first_error == AXV_OK)
            first_error = rc;
    }
    return first_error;
}
