/*
 * Arch: a modelled GICv3 with 64 SPIs, and the four list registers of the CPU's vCPU
 * (vCPU 0). Hardware injection writes a free list register, as ICH_LR<n>_EL2 would.
 */
#include "tiny.h"

#define LR_EMPTY UINT32_MAX
#define GICD_IIDR_ARM UINT32_C(0x0300043B) /* ARM as implementer, GIC-600-like product */

static axv_irq_t list_regs[TINY_NUM_LIST_REGS] = {LR_EMPTY, LR_EMPTY, LR_EMPTY, LR_EMPTY};

int axv_tiny_gic_hardware_inject_virtual_interrupt(axv_irq_t irq) {
    if (irq >= TINY_NUM_INTIDS)
        return AXV_EINVAL;
    size_t free_lr = TINY_NUM_LIST_REGS;
    for (size_t i = 0; i < TINY_NUM_LIST_REGS; i++) {
        if (list_regs[i] == irq)
            return AXV_OK; /* already pending: a GIC holds one pending state per INTID */
        if (list_regs[i] == LR_EMPTY && free_lr == TINY_NUM_LIST_REGS)
            free_lr = i;
    }
    if (free_lr == TINY_NUM_LIST_REGS)
        return AXV_EBUSY;
    list_regs[free_lr] = irq;
    return AXV_OK;
}

bool axv_tiny_take_list_reg(axv_irq_t irq) {
    for (size_t i = 0; i < TINY_NUM_LIST_REGS; i++) {
        if (list_regs[i] == irq) {
            list_regs[i] = LR_EMPTY;
            return true;
        }
    }
    return false;
}

/* GICD_TYPER: ITLinesNumber (bits 4:0) = INTIDs / 32 - 1, CPUNumber (bits 7:5) = vCPUs - 1. */
uint32_t axv_tiny_gic_read_vgicd_typer(void) {
    return (TINY_NUM_INTIDS / 32u - 1u) | ((TINY_NUM_VCPUS - 1u) << 5);
}

uint32_t axv_tiny_gic_read_vgicd_iidr(void) {
    return GICD_IIDR_ARM;
}

axv_paddr_t axv_tiny_gic_host_gicd_base(void) {
    return TINY_GICD_BASE;
}

axv_paddr_t axv_tiny_gic_host_gicr_base(void) {
    return TINY_GICR_BASE;
}
