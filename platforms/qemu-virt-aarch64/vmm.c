/* Vmm area: one VM (id 0) with one vCPU (id 0), the EL1 guest run by vcpu.c on this CPU.
 * Its list registers stay loaded whether or not the guest is running, so injection works
 * from any context: a timer callback, or the hypervisor before it enters the guest. */
#include "qemu_internal.h"

static bool known(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id) {
    return vm_id == 0 && vcpu_id == 0;
}

axv_vm_id_t axv_qemu_vmm_current_vm_id(void) {
    return 0;
}

axv_vcpu_id_t axv_qemu_vmm_current_vcpu_id(void) {
    return 0;
}

int axv_qemu_vmm_vcpu_num(axv_vm_id_t vm_id, size_t *num) {
    if (num == NULL)
        return AXV_EINVAL;
    if (vm_id != 0)
        return AXV_ENOENT;
    *num = 1;
    return AXV_OK;
}

int axv_qemu_vmm_active_vcpus(axv_vm_id_t vm_id, uint64_t *mask) {
    if (mask == NULL)
        return AXV_EINVAL;
    if (vm_id != 0)
        return AXV_ENOENT;
    *mask = 1;
    return AXV_OK;
}

int axv_qemu_vmm_inject_interrupt(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, axv_irq_t irq) {
    if (!known(vm_id, vcpu_id))
        return AXV_ENOENT;
    return axv_qemu_vgic_inject(irq);
}

int axv_qemu_vmm_inject_interrupt_to_vcpus(axv_vm_id_t vm_id, uint64_t vcpu_mask, axv_irq_t irq) {
    if (vm_id != 0)
        return AXV_ENOENT;
    /* vCPU 0 first, as the fallback would; any other bit names a vCPU that does not exist. */
    int rc = AXV_OK;
    if (vcpu_mask & 1u)
        rc = axv_qemu_vgic_inject(irq);
    if (rc == AXV_OK && (vcpu_mask & ~UINT64_C(1)) != 0)
        rc = AXV_ENOENT;
    return rc;
}

int axv_qemu_vmm_notify_vcpu_timer_expired(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id) {
    if (!known(vm_id, vcpu_id))
        return AXV_ENOENT;
    return axv_qemu_vgic_inject(QEMU_IRQ_VIRT_TIMER);
}
