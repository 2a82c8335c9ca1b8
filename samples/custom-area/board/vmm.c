/* The board's vmm ops: a partial table written by hand, which is allowed; the ops it leaves
 * NULL get the registry's defaults. */
#include "board.h"

static int board_vcpu_num(axv_vm_id_t vm_id, size_t *num) {
    if (vm_id != BOARD_VM_ID)
        return AXV_ENOENT;
    if (num == NULL)
        return AXV_EINVAL;
    *num = BOARD_NUM_VCPUS;
    return AXV_OK;
}

static int board_inject_interrupt(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, axv_irq_t irq) {
    if (vm_id != BOARD_VM_ID || vcpu_id >= BOARD_NUM_VCPUS)
        return AXV_ENOENT;
    if (irq >= 128)
        return AXV_EINVAL;
    board_log.pending[vcpu_id][irq / 64] |= UINT64_C(1) << (irq % 64);
    return AXV_OK;
}

const struct axv_vmm_ops board_vmm_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_vmm_ops),
    .vcpu_num = board_vcpu_num,
    .inject_interrupt = board_inject_interrupt,
};
