/* The GICv3 virtualization interface: the calling CPU's list registers (ICH_LR<n>_EL2),
 * through which virtual interrupts reach the EL1 guest, and ICH_HCR_EL2. */
#include "gic.h"

#include <axvisor_api/axvisor_api.h>
#include "cpu.h"

/* ICH_LR<n>_EL2: State[63:62] (1 = pending), HW[61]=0 (purely virtual), Group[60] (1 =
 * group 1, what the guest acknowledges with ICC_IAR1_EL1), Priority[55:48], vINTID[31:0]. */
#define ICH_LR_STATE_PENDING (UINT64_C(1) << 62)
#define ICH_LR_GROUP1 (UINT64_C(1) << 60)
#define ICH_LR_PRIORITY(p) ((uint64_t)(p) << 48)
#define VIRQ_PRIORITY 0xa0u

/* ICH_HCR_EL2: En (virtual CPU interface on), UIE (underflow maintenance interrupt). */
#define ICH_HCR_EL2_EN (UINT64_C(1) << 0)
#define ICH_HCR_EL2_UIE (UINT64_C(1) << 1)

/* List registers are separate system registers; the index must be a constant in mrs/msr. */
static void write_lr(unsigned n, uint64_t v) {
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

static uint64_t read_lr(unsigned n) {
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

unsigned axv_qemu_lr_count(void) {
    return (unsigned)(SYSREG_READ(S3_4_C12_C11_1) & 0x1fu) + 1u; /* ICH_VTR_EL2.ListRegs */
}

int axv_qemu_lr_inject(axv_irq_t irq) {
    if (irq > QEMU_MAX_VIRQ)
        return AXV_EINVAL;
    uint64_t daif = irq_save();
    /* ICH_ELRSR_EL2 bit n set: LR n holds no interrupt and may be reused. */
    uint64_t empty = SYSREG_READ(S3_4_C12_C11_5);
    unsigned lrs = axv_qemu_lr_count();
    int rc = AXV_EBUSY;
    /* Already in a list register: two LRs with one vINTID are UNPREDICTABLE, so mark that
     * one pending (pending+active if the guest is handling it). */
    for (unsigned n = 0; n < lrs; n++) {
        uint64_t lr = read_lr(n);
        if (!(empty & (UINT64_C(1) << n)) && (uint32_t)lr == irq && (lr >> 62) != 0) {
            write_lr(n, lr | ICH_LR_STATE_PENDING);
            isb();
            irq_restore(daif);
            return AXV_OK;
        }
    }
    for (unsigned n = 0; n < lrs; n++) {
        if (empty & (UINT64_C(1) << n)) {
            write_lr(n,
                     ICH_LR_STATE_PENDING | ICH_LR_GROUP1 | ICH_LR_PRIORITY(VIRQ_PRIORITY) | irq);
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

bool axv_qemu_lr_take(axv_irq_t irq) {
    uint64_t daif = irq_save();
    bool found = false;
    unsigned lrs = axv_qemu_lr_count();
    for (unsigned n = 0; n < lrs && !found; n++) {
        uint64_t lr = read_lr(n);
        if ((lr >> 62) == 1u && (uint32_t)lr == irq) {
            write_lr(n, 0);
            isb();
            found = true;
        }
    }
    irq_restore(daif);
    return found;
}

/* A level interrupt: on while wanted, so it stops once the caller turns it off (or fills the
 * list registers again). */
void axv_qemu_lr_set_underflow(bool on) {
    uint64_t hcr = SYSREG_READ(S3_4_C12_C11_0); /* ICH_HCR_EL2 */
    uint64_t want = on ? hcr | ICH_HCR_EL2_UIE : hcr & ~ICH_HCR_EL2_UIE;
    if (want != hcr) {
        SYSREG_WRITE(S3_4_C12_C11_0, want);
        isb();
    }
}

void axv_qemu_lr_enable(void) {
    /* Read-modify-write: the underflow interrupt may be on already. */
    SYSREG_WRITE(S3_4_C12_C11_0, SYSREG_READ(S3_4_C12_C11_0) | ICH_HCR_EL2_EN);
    isb();
}
