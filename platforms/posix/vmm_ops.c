/* The vmm ops: which VM and vCPU the caller is, vCPU counts and active masks, and interrupt
 * injection into any vCPU from any thread.
 *
 * Every op that names a VM holds a reference to it while it works (vm_table.c), so a
 * concurrent destroy answers it AXV_ENOENT or waits for it, never frees under it. The checks
 * come in one order everywhere: AXV_EPERM (not started), AXV_EINVAL for a NULL out-pointer,
 * AXV_ENOENT (VM, then vCPU or mask), AXV_EINVAL for the interrupt number (a GIC INTID, or
 * in RISC-V mode VSSIP/VSTIP/VSEIP: vcpu_irq.c). */
#include "delivery.h"
#include "posix_internal.h"
#include "vcpu_irq.h"
#include "vm_table.h"

/* Never fatal: off vCPU threads (and so before start) the answer is AXV_POSIX_NO_VM. */
axv_vm_id_t axv_posix_vmm_current_vm_id(void) {
    struct axv_posix_vcpu *self = axv_posix_vcpu_self();
    return self != NULL ? self->vm->id : AXV_POSIX_NO_VM;
}

axv_vcpu_id_t axv_posix_vmm_current_vcpu_id(void) {
    struct axv_posix_vcpu *self = axv_posix_vcpu_self();
    return self != NULL ? self->id : AXV_POSIX_NO_VCPU;
}

int axv_posix_vmm_vcpu_num(axv_vm_id_t vm_id, size_t *num) {
    if (!axv_posix_vmm_started())
        return AXV_EPERM;
    if (num == NULL)
        return AXV_EINVAL;
    struct axv_posix_vm *vm = axv_posix_vm_get(vm_id);
    if (vm == NULL)
        return AXV_ENOENT;
    *num = vm->num_vcpus;
    axv_posix_vm_put(vm);
    return AXV_OK;
}

int axv_posix_vmm_active_vcpus(axv_vm_id_t vm_id, uint64_t *mask) {
    if (!axv_posix_vmm_started())
        return AXV_EPERM;
    if (mask == NULL)
        return AXV_EINVAL;
    struct axv_posix_vm *vm = axv_posix_vm_get(vm_id);
    if (vm == NULL)
        return AXV_ENOENT;
    *mask = atomic_load(&vm->active);
    axv_posix_vm_put(vm);
    return AXV_OK;
}

int axv_posix_vmm_inject_interrupt(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, axv_irq_t irq) {
    struct axv_posix_vm *vm;
    struct axv_posix_vcpu *vcpu;
    int rc = axv_posix_vcpu_get(vm_id, vcpu_id, &vm, &vcpu);
    if (rc != AXV_OK)
        return rc;
    if (axv_posix_vcpu_irq_valid(irq))
        axv_posix_vmm_deliver(vm, vcpu, irq);
    else
        rc = AXV_EINVAL;
    axv_posix_vm_put(vm);
    return rc;
}

/* All or nothing: the whole mask and the INTID are checked before any vCPU is touched. */
int axv_posix_vmm_inject_interrupt_to_vcpus(axv_vm_id_t vm_id, uint64_t vcpu_mask, axv_irq_t irq) {
    if (!axv_posix_vmm_started())
        return AXV_EPERM;
    struct axv_posix_vm *vm = axv_posix_vm_get(vm_id);
    if (vm == NULL)
        return AXV_ENOENT;
    int rc = AXV_OK;
    /* A 64-vCPU VM takes any mask (and a shift by 64 would be undefined). */
    if (vm->num_vcpus < 64u && (vcpu_mask >> vm->num_vcpus) != 0)
        rc = AXV_ENOENT;
    else if (!axv_posix_vcpu_irq_valid(irq))
        rc = AXV_EINVAL;
    for (uint64_t left = rc == AXV_OK ? vcpu_mask : 0; left != 0; left &= left - 1u)
        axv_posix_vmm_deliver(vm, &vm->vcpus[__builtin_ctzll(left)], irq);
    axv_posix_vm_put(vm);
    return rc;
}

int axv_posix_vmm_notify_vcpu_timer_expired(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id) {
    return axv_posix_vmm_inject_interrupt(vm_id, vcpu_id, axv_posix_vcpu_timer_irq());
}
