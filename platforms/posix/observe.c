/* The observation hooks: tests (and the conformance suite) take a pending interrupt off a
 * vCPU from outside, to see what was delivered, and read a vCPU's VS-level pending bits. */
#include "pending.h"
#include "vcpu_irq.h"
#include "vm_table.h"

bool axv_posix_vcpu_take_pending(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, axv_irq_t irq) {
    if (irq >= AXV_POSIX_NUM_INTIDS)
        return false;
    struct axv_posix_vm *vm;
    struct axv_posix_vcpu *vcpu;
    if (axv_posix_vcpu_get(vm_id, vcpu_id, &vm, &vcpu) != AXV_OK)
        return false;
    bool was = axv_posix_pending_take(vcpu, irq);
    axv_posix_vm_put(vm);
    return was;
}

int axv_posix_vcpu_vs_pending(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, uint64_t *hvip) {
    if (hvip == NULL)
        return AXV_EINVAL;
    struct axv_posix_vm *vm;
    struct axv_posix_vcpu *vcpu;
    int rc = axv_posix_vcpu_get(vm_id, vcpu_id, &vm, &vcpu);
    if (rc != AXV_OK)
        return rc;
    if (axv_posix_vcpu_irq_riscv())
        *hvip = atomic_load(&vcpu->pending[0]) & AXV_POSIX_VS_IRQ_MASK;
    else
        *hvip = atomic_load_explicit(&vcpu->vs_pending, memory_order_acquire);
    axv_posix_vm_put(vm);
    return AXV_OK;
}

bool axv_posix_conformance_irq_pending(void *ctx, axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id,
                                       axv_irq_t irq) {
    (void)ctx;
    return axv_posix_vcpu_take_pending(vm_id, vcpu_id, irq);
}
