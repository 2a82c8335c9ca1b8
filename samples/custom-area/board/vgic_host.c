/*
 * The board's implementation of the component-defined vgic_host area. area_impl.h, fed the
 * component's op list, generates the table board_vgic_host_ops from the functions below; a
 * missing one would be a link error naming it.
 */
#include "board.h"

#define AXV_IMPL_PREFIX board
/* NOLINTNEXTLINE(bugprone-macro-parentheses): a header name for #include, not an expression */
#define AXV_AREA_OPS <vgic/host_ops.h>
#include <axvisor_api/area_impl.h>

struct board_log board_log;

uint32_t board_vgic_host_spi_count(axv_vm_id_t vm_id) {
    return vm_id == BOARD_VM_ID ? BOARD_NUM_SPIS : 0;
}

int board_vgic_host_kick_vcpu(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id) {
    if (vm_id != BOARD_VM_ID || vcpu_id >= BOARD_NUM_VCPUS)
        return AXV_ENOENT;
    board_log.kicks[vcpu_id]++;
    board_log.ipis++;
    return AXV_OK;
}

/* One IPI for the whole mask: what a GICv3 SGI with a target list does. */
int board_vgic_host_kick_vcpus(axv_vm_id_t vm_id, uint64_t vcpu_mask) {
    if (vcpu_mask == 0)
        return AXV_OK;
    if (vm_id != BOARD_VM_ID || (vcpu_mask >> BOARD_NUM_VCPUS) != 0)
        return AXV_ENOENT;
    for (axv_vcpu_id_t vcpu = 0; vcpu < BOARD_NUM_VCPUS; vcpu++)
        board_log.kicks[vcpu] += (unsigned)((vcpu_mask >> vcpu) & 1u);
    board_log.ipis++;
    return AXV_OK;
}

void board_vgic_host_spi_enabled(axv_vm_id_t vm_id, axv_irq_t irq, bool enabled) {
    if (vm_id != BOARD_VM_ID || irq < 32 || irq - 32 >= BOARD_NUM_SPIS)
        return;
    uint64_t bit = UINT64_C(1) << (irq - 32);
    board_log.unmasked_spis =
        enabled ? board_log.unmasked_spis | bit : board_log.unmasked_spis & ~bit;
}
