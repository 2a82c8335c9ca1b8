/*
 * VMM: one VM (id 0) of two vCPUs, both active; the boot CPU runs vCPU 0. Each vCPU has a
 * pending bitmap for INTIDs 0..95 that injection sets and the guest (here
 * axv_tiny_take_pending()) clears.
 */
#include "tiny.h"

#define WORD_BITS 32u

static uint32_t pending[TINY_NUM_VCPUS][TINY_NUM_INTIDS / WORD_BITS];

axv_vm_id_t axv_tiny_vmm_current_vm_id(void) {
    return TINY_VM_ID;
}

axv_vcpu_id_t axv_tiny_vmm_current_vcpu_id(void) {
    return 0;
}

int axv_tiny_vmm_vcpu_num(axv_vm_id_t vm_id, size_t *num) {
    if (vm_id != TINY_VM_ID)
        return AXV_ENOENT;
    if (num == NULL)
        return AXV_EINVAL;
    *num = TINY_NUM_VCPUS;
    return AXV_OK;
}

int axv_tiny_vmm_active_vcpus(axv_vm_id_t vm_id, uint64_t *mask) {
    if (vm_id != TINY_VM_ID)
        return AXV_ENOENT;
    if (mask == NULL)
        return AXV_EINVAL;
    *mask = (UINT64_C(1) << TINY_NUM_VCPUS) - 1u;
    return AXV_OK;
}

int axv_tiny_vmm_inject_interrupt(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, axv_irq_t irq) {
    if (vm_id != TINY_VM_ID || vcpu_id >= TINY_NUM_VCPUS)
        return AXV_ENOENT;
    if (irq >= TINY_NUM_INTIDS)
        return AXV_EINVAL;
    pending[vcpu_id][irq / WORD_BITS] |= UINT32_C(1) << (irq % WORD_BITS);
    return AXV_OK;
}

/* The optional op: platform_impl.h asks for every op, and a platform with nothing better
 * than a loop over the vCPUs forwards to the library's fallback, which does exactly that. */
int axv_tiny_vmm_inject_interrupt_to_vcpus(axv_vm_id_t vm_id, uint64_t vcpu_mask, axv_irq_t irq) {
    return axv_vmm_fallback_inject_interrupt_to_vcpus(vm_id, vcpu_mask, irq);
}

int axv_tiny_vmm_notify_vcpu_timer_expired(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id) {
    return axv_tiny_vmm_inject_interrupt(vm_id, vcpu_id, TINY_VTIMER_PPI);
}

bool axv_tiny_take_pending(axv_vm_id_t vm, axv_vcpu_id_t vcpu, axv_irq_t irq) {
    if (vm != TINY_VM_ID || vcpu >= TINY_NUM_VCPUS || irq >= TINY_NUM_INTIDS)
        return false;
    uint32_t bit = UINT32_C(1) << (irq % WORD_BITS);
    bool was = (pending[vcpu][irq / WORD_BITS] & bit) != 0;
    pending[vcpu][irq / WORD_BITS] &= ~bit;
    /* vCPU 0 runs on this CPU: an interrupt may also sit in its list registers. */
    if (vcpu == 0 && axv_tiny_take_list_reg(irq))
        was = true;
    return was;
}
