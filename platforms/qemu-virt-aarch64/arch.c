/* Arch area: the real GICv3 registers, and virtual interrupt injection through the list
 * registers of the GIC's virtualization extension (ICH_*_EL2). */
#include "qemu_internal.h"

#define GICD_TYPER 0x0004u
#define GICD_IIDR 0x0008u

/* ICH_LR<n>_EL2: State[63:62] (1 = pending), HW[61]=0 (purely virtual), Group[60] (1 =
 * group 1, what the guest acknowledges with ICC_IAR1_EL1), Priority[55:48], vINTID[31:0]. */
#define ICH_LR_STATE_PENDING (UINT64_C(1) << 62)
#define ICH_LR_GROUP1 (UINT64_C(1) << 60)
#define ICH_LR_PRIORITY(p) ((uint64_t)(p) << 48)
#define VIRQ_PRIORITY 0xa0u

uint32_t axv_qemu_arch_read_vgicd_typer(void) {
    return mmio_read32(QEMU_GICD_BASE + GICD_TYPER);
}

uint32_t axv_qemu_arch_read_vgicd_iidr(void) {
    return mmio_read32(QEMU_GICD_BASE + GICD_IIDR);
}

axv_paddr_t axv_qemu_arch_host_gicd_base(void) {
    return QEMU_GICD_BASE;
}

axv_paddr_t axv_qemu_arch_host_gicr_base(void) {
    return QEMU_GICR_BASE;
}

/* List registers are separate system registers; the index must be a constant in mrs/msr. */
void axv_qemu_write_lr(unsigned n, uint64_t v) {
    switch (n) {
    case 0:
        SYSREG_WRITE(S3_4_C12_C12_0, v);
        break;
    case 1:
        SYSREG_WRITE(S3_4_C12_C12_1, v);
        break;
    case 2:
        SYSREG_WRITE(S3_4_C12_C12_2, v);
        break;
    case 3:
        SYSREG_WRITE(S3_4_C12_C12_3, v);
        break;
    case 4:
        SYSREG_WRITE(S3_4_C12_C12_4, v);
        break;
    case 5:
        SYSREG_WRITE(S3_4_C12_C12_5, v);
        break;
    case 6:
        SYSREG_WRITE(S3_4_C12_C12_6, v);
        break;
    case 7:
        SYSREG_WRITE(S3_4_C12_C12_7, v);
        break;
    case 8:
        SYSREG_WRITE(S3_4_C12_C13_0, v);
        break;
    case 9:
        SYSREG_WRITE(S3_4_C12_C13_1, v);
        break;
    case 10:
        SYSREG_WRITE(S3_4_C12_C13_2, v);
        break;
    case 11:
        SYSREG_WRITE(S3_4_C12_C13_3, v);
        break;
    case 12:
        SYSREG_WRITE(S3_4_C12_C13_4, v);
        break;
    case 13:
        SYSREG_WRITE(S3_4_C12_C13_5, v);
        break;
    case 14:
        SYSREG_WRITE(S3_4_C12_C13_6, v);
        break;
    default:
        SYSREG_WRITE(S3_4_C12_C13_7, v);
        break;
    }
}

uint64_t axv_qemu_read_lr(unsigned n) {
    switch (n) {
    case 0:
        return SYSREG_READ(S3_4_C12_C12_0);
    case 1:
        return SYSREG_READ(S3_4_C12_C12_1);
    case 2:
        return SYSREG_READ(S3_4_C12_C12_2);
    case 3:
        return SYSREG_READ(S3_4_C12_C12_3);
    case 4:
        return SYSREG_READ(S3_4_C12_C12_4);
    case 5:
        return SYSREG_READ(S3_4_C12_C12_5);
    case 6:
        return SYSREG_READ(S3_4_C12_C12_6);
    case 7:
        return SYSREG_READ(S3_4_C12_C12_7);
    case 8:
        return SYSREG_READ(S3_4_C12_C13_0);
    case 9:
        return SYSREG_READ(S3_4_C12_C13_1);
    case 10:
        return SYSREG_READ(S3_4_C12_C13_2);
    case 11:
        return SYSREG_READ(S3_4_C12_C13_3);
    case 12:
        return SYSREG_READ(S3_4_C12_C13_4);
    case 13:
        return SYSREG_READ(S3_4_C12_C13_5);
    case 14:
        return SYSREG_READ(S3_4_C12_C13_6);
    default:
        return SYSREG_READ(S3_4_C12_C13_7);
    }
}

unsigned axv_qemu_num_list_registers(void) {
    return (unsigned)(SYSREG_READ(S3_4_C12_C11_1) & 0x1fu) + 1u; /* ICH_VTR_EL2.ListRegs */
}

int axv_qemu_arch_hardware_inject_virtual_interrupt(axv_irq_t irq) {
    if (irq > QEMU_MAX_VIRQ)
        return AXV_EINVAL;
    uint64_t daif = irq_save();
    /* ICH_ELRSR_EL2 bit n set: LR n holds no interrupt and may be reused. */
    uint64_t empty = SYSREG_READ(S3_4_C12_C11_5);
    unsigned lrs = axv_qemu_num_list_registers();
    int rc = AXV_EBUSY;
    /* Already in a list register: two LRs with one vINTID are UNPREDICTABLE, so mark that
     * one pending (pending+active if the guest is handling it). */
    for (unsigned n = 0; n < lrs; n++) {
        uint64_t lr = axv_qemu_read_lr(n);
        if (!(empty & (UINT64_C(1) << n)) && (uint32_t)lr == irq && (lr >> 62) != 0) {
            axv_qemu_write_lr(n, lr | ICH_LR_STATE_PENDING);
            isb();
            irq_restore(daif);
            return AXV_OK;
        }
    }
    for (unsigned n = 0; n < lrs; n++) {
        if (empty & (UINT64_C(1) << n)) {
            axv_qemu_write_lr(n, ICH_LR_STATE_PENDING | ICH_LR_GROUP1 |
                                     ICH_LR_PRIORITY(VIRQ_PRIORITY) | irq);
            /* The LR write must be visible to the CPU interface before anything depends on
             * it (a later ELRSR scan, or the ERET to the guest). */
            isb();
            rc = AXV_OK;
            break;
        }
    }
    irq_restore(daif);
    return rc;
}
