/* Virtual interrupts: the vCPU of hart i sees VS-level software, timer and external
 * interrupts (guest causes 1, 5, 9), which are bits 2, 6, 10 of hart i's hvip. Only hart i
 * can write its hvip, so another hart ORs the bit into hart i's mailbox (an AMO with
 * release) and sends it an IPI (SBI); hart i's handler swaps the mailbox for 0 (acquire) and
 * ORs it into hvip. Nothing is lost: a bit lands in the mailbox before the IPI is sent, and
 * every IPI taken after that drains it. Like a GIC pending bit, two injections of the same
 * interrupt before the guest takes it are one. */
#include "virq.h"

#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/qemu_virt.h>
#include "cpu.h"
#include "percpu.h"
#include "sbi.h"

/* hideleg bits of the VS interrupts: delegated, so the guest takes them itself. */
#define HIDELEG_VS (UINT64_C(1) << 2 | UINT64_C(1) << 6 | UINT64_C(1) << 10)

static bool hvip_bit(axv_irq_t irq, uint64_t *bit) {
    if (irq != AXV_QEMU_VIRQ_SOFT && irq != AXV_QEMU_VIRQ_TIMER && irq != AXV_QEMU_VIRQ_EXT)
        return false;
    /* A VS interrupt's hvip bit is one above the S-level cause the guest sees. */
    *bit = UINT64_C(1) << (irq + 1u);
    return true;
}

void axv_qemu_virq_cpu_start(void) {
    CSR_WRITE(hvip, 0);
    CSR_WRITE(hideleg, HIDELEG_VS);
}

void axv_qemu_virq_refill(void) {
    uint64_t bits = __atomic_exchange_n(&this_cpu()->virq_mailbox, 0, __ATOMIC_ACQUIRE);
    if (bits != 0)
        CSR_SET(hvip, bits);
}

int axv_qemu_virq_inject(size_t index, axv_irq_t irq) {
    uint64_t bit;
    if (!hvip_bit(irq, &bit))
        return AXV_EINVAL;
    struct axv_qemu_cpu *target = axv_qemu_percpu_online(index);
    if (target == NULL)
        return AXV_ENOENT;
    uint64_t flags = irq_save();
    if (target == this_cpu()) {
        CSR_SET(hvip, bit);
        irq_restore(flags);
        return AXV_OK;
    }
    irq_restore(flags);
    __atomic_fetch_or(&target->virq_mailbox, bit, __ATOMIC_RELEASE);
    /* SBI refuses an IPI only to a hart id it does not know, and this one is online: a
     * refusal is a broken platform, not an error the caller could handle. */
    if (axv_qemu_sbi_send_ipi(1, target->hartid) != 0)
        axv_fatal("qemu-virt: SBI refused the IPI to an online hart");
    return AXV_OK;
}

bool axv_qemu_take_virtual_irq(axv_irq_t irq) {
    uint64_t bit;
    if (!hvip_bit(irq, &bit))
        return false;
    uint64_t flags = irq_save();
    axv_qemu_virq_refill();
    bool pending = (CSR_READ(hvip) & bit) != 0;
    CSR_CLEAR(hvip, bit);
    irq_restore(flags);
    return pending;
}
