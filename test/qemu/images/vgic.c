/* qemu.vgic: the list registers as the hardware has them (QEMU: 4). Direct injection takes
 * a free one and reports AXV_EBUSY when none is; injecting an INTID already pending reuses
 * its list register; the vmm area queues what does not fit and refills list registers as
 * they free up, in order; the queue's limit is reported as AXV_ENOMEM. */
#include <axvisor_api/qemu_virt.h>

static int failures;

static void check(bool ok, const char *what) {
    if (!ok) {
        axv_qemu_puts("qemu.vgic: FAILED: ");
        axv_qemu_puts(what);
        axv_qemu_puts("\n");
        failures++;
    }
}

/* How many list registers are free, from ICH_ELRSR_EL2. */
static unsigned free_lrs(void) {
    uint64_t elrsr;
    __asm__ volatile("mrs %0, S3_4_C12_C11_5" : "=r"(elrsr));
    unsigned n = 0;
    for (unsigned i = 0; i < 4; i++)
        n += (unsigned)(elrsr >> i) & 1u;
    return n;
}

int axv_qemu_main(void) {
    uint64_t vtr;
    __asm__ volatile("mrs %0, S3_4_C12_C11_1" : "=r"(vtr));
    unsigned lrs = (unsigned)(vtr & 0x1fu) + 1u;
    axv_qemu_puts("qemu.vgic: ");
    axv_qemu_put_dec(lrs);
    axv_qemu_puts(" list registers\n");
    check(lrs == 4 && free_lrs() == 4, "QEMU's GICv3 has 4 free list registers at boot");

    for (axv_irq_t i = 0; i < lrs; i++)
        check(axv_gic_hardware_inject_virtual_interrupt(32 + i) == AXV_OK,
              "injecting into a free list register");
    check(free_lrs() == 0, "every list register in use");
    check(axv_gic_hardware_inject_virtual_interrupt(32 + lrs) == AXV_EBUSY,
          "AXV_EBUSY when every list register is in use");
    check(axv_gic_hardware_inject_virtual_interrupt(32) == AXV_OK,
          "an INTID already pending is accepted with no free list register");
    check(axv_gic_hardware_inject_virtual_interrupt(1020) == AXV_EINVAL,
          "AXV_EINVAL for a special INTID");
    for (axv_irq_t i = 0; i < lrs; i++)
        check(axv_qemu_take_virtual_irq(32 + i), "each injected INTID pending once");
    check(!axv_qemu_take_virtual_irq(32), "INTID 32 in one list register only");
    check(free_lrs() == 4, "list registers free again after consumption");

    /* Through the vmm area: 6 INTIDs, two of them queued behind the list registers. */
    for (axv_irq_t i = 0; i < 6; i++)
        check(axv_vmm_inject_interrupt(0, 0, 40 + i) == AXV_OK, "vmm injection queues");
    check(!axv_qemu_take_virtual_irq(45), "a queued INTID is not in a list register yet");
    for (axv_irq_t i = 0; i < 6; i++)
        check(axv_qemu_take_virtual_irq(40 + i), "queued INTIDs refill freed list registers");

    /* The queue is finite: the platform says so instead of dropping an interrupt. */
    int rc = AXV_OK;
    axv_irq_t n = 0;
    while (rc == AXV_OK && n < 200) {
        rc = axv_vmm_inject_interrupt(0, 0, 100 + n);
        n++;
    }
    check(rc == AXV_ENOMEM, "AXV_ENOMEM when the queue is full");
    for (axv_irq_t i = 0; i + 1 < n; i++)
        check(axv_qemu_take_virtual_irq(100 + i), "every accepted INTID delivered");
    check(free_lrs() == 4, "nothing left behind");
    axv_qemu_puts(failures == 0 ? "qemu.vgic: OK\n" : "qemu.vgic: FAILED\n");
    return failures == 0 ? 0 : 1;
}
