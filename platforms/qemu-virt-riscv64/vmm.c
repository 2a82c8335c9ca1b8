/* Vmm area: one VM (id 0) with one vCPU per online hart, vCPU i pinned to hart i. Its
 * interrupts are the VS-level ones (AXV_QEMU_VIRQ_*), injected from any hart (virq.c). Of
 * them only the external interrupt stands for shared devices, and it goes to the vCPU
 * named, like the others (VMM-routed). */
#include <axvisor_api/qemu_virt.h>
#include "ops.h"
#include "percpu.h"
#include "virq.h"

static size_t vcpu_count(void) {
    return axv_qemu_percpu_count();
}

static bool known(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id) {
    return vm_id == 0 && vcpu_id < vcpu_count();
}

axv_vm_id_t axv_qemu_vmm_current_vm_id(void) {
    return 0;
}

axv_vcpu_id_t axv_qemu_vmm_current_vcpu_id(void) {
    return (axv_vcpu_id_t)this_cpu()->index;
}

int axv_qemu_vmm_vcpu_num(axv_vm_id_t vm_id, size_t *num) {
    if (num == NULL)
        return AXV_EINVAL;
    if (vm_id != 0)
        return AXV_ENOENT;
    *num = vcpu_count();
    return AXV_OK;
}

int axv_qemu_vmm_active_vcpus(axv_vm_id_t vm_id, uint64_t *mask) {
    if (mask == NULL)
        return AXV_EINVAL;
    if (vm_id != 0)
        return AXV_ENOENT;
    /* Every vCPU exists from boot on its own hart (at most 8, so the shift is defined). */
    *mask = (UINT64_C(1) << vcpu_count()) - 1u;
    return AXV_OK;
}

int axv_qemu_vmm_inject_interrupt(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, axv_irq_t irq) {
    if (!known(vm_id, vcpu_id))
        return AXV_ENOENT;
    return axv_qemu_virq_inject((size_t)vcpu_id, irq);
}

int axv_qemu_vmm_inject_interrupt_to_vcpus(axv_vm_id_t vm_id, uint64_t vcpu_mask, axv_irq_t irq) {
    if (vm_id != 0)
        return AXV_ENOENT;
    /* Lowest vCPU first, past failures, first error returned: as the fallback would. */
    int first = AXV_OK;
    for (size_t v = 0; v < 64u && vcpu_mask != 0; v++, vcpu_mask >>= 1) {
        if (!(vcpu_mask & 1u))
            continue;
        int rc = v < vcpu_count() ? axv_qemu_virq_inject(v, irq) : AXV_ENOENT;
        if (first == AXV_OK)
            first = rc;
    }
    return first;
}

int axv_qemu_vmm_notify_vcpu_timer_expired(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id) {
    if (!known(vm_id, vcpu_id))
        return AXV_ENOENT;
    return axv_qemu_virq_inject((size_t)vcpu_id, AXV_QEMU_VIRQ_TIMER);
}
