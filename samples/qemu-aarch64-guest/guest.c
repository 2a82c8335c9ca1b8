/* The EL1 guest: sets up its vectors and its view of the GICv3 CPU interface (the virtual
 * one, since the hypervisor routes IRQs with HCR_EL2.IMO), asks for a timer tick through a
 * hypercall, and counts the virtual interrupts it acknowledges. After K timer interrupts
 * and the hypervisor's SPI it asks to exit with status 0. Only EL1 registers and HVC here:
 * nothing of the hypervisor's code may run at EL1. */
#include <axvisor_api/qemu_virt.h>

#include "guest.h"

struct guest_counts guest_counts;

extern char guest_vectors[];
void guest_irq(void);

#define GIC_SPURIOUS 1020u

static uint64_t hypercall(uint64_t fn, uint64_t arg) {
    register uint64_t x0 __asm__("x0") = fn;
    register uint64_t x1 __asm__("x1") = arg;
    __asm__ volatile("hvc #0" : "+r"(x0) : "r"(x1) : "memory");
    return x0;
}

static void arm_timer(void) {
    if ((int64_t)hypercall(AXV_QEMU_HVC_SET_TIMER, GUEST_PERIOD_NS) != AXV_OK)
        hypercall(AXV_QEMU_HVC_EXIT, 90);
}

void guest_irq(void) {
    uint64_t iar;
    __asm__ volatile("mrs %0, S3_0_C12_C12_0" : "=r"(iar)); /* ICC_IAR1_EL1 */
    uint32_t intid = (uint32_t)iar & 0xffffffu;
    if (intid >= GIC_SPURIOUS)
        return;
    if (intid == GUEST_TIMER_IRQ) {
        guest_counts.timer_irqs++;
        if (guest_counts.timer_irqs < GUEST_TIMER_TICKS)
            arm_timer();
    } else if (intid == GUEST_SPI) {
        guest_counts.spis++;
    } else {
        /* Not ours: end the run at once rather than wait for interrupts that will not come. */
        guest_counts.other_irqs++;
        hypercall(AXV_QEMU_HVC_EXIT, 92);
    }
    /* EOImode 0: the write drops the priority and deactivates (clears the list register). */
    __asm__ volatile("msr S3_0_C12_C12_1, %0" ::"r"(iar)); /* ICC_EOIR1_EL1 */
    __asm__ volatile("isb");
}

void guest_main(void) {
    __asm__ volatile("msr vbar_el1, %0" ::"r"(guest_vectors));
    __asm__ volatile("msr S3_0_C12_C12_5, %0" ::"r"(UINT64_C(1))); /* ICC_SRE_EL1.SRE */
    __asm__ volatile("isb");
    __asm__ volatile("msr S3_0_C4_C6_0, %0" ::"r"(UINT64_C(0xff))); /* ICC_PMR_EL1 */
    __asm__ volatile("msr S3_0_C12_C12_7, %0" ::"r"(UINT64_C(1)));  /* ICC_IGRPEN1_EL1 */
    /* Vectors and interface ready before the first interrupt can be taken. */
    __asm__ volatile("isb");
    arm_timer();
    /* Check with IRQs masked, sleep, then open a window to take what woke us: an interrupt
     * arriving between the check and the WFI still wakes it (WFI ignores PSTATE.I), so the
     * last one cannot be lost. */
    while (guest_counts.timer_irqs < GUEST_TIMER_TICKS || guest_counts.spis == 0) {
        __asm__ volatile("wfi");
        __asm__ volatile("msr daifclr, #2\n\tisb\n\tmsr daifset, #2" ::: "memory");
    }
    hypercall(AXV_QEMU_HVC_EXIT, guest_counts.other_irqs == 0 ? 0 : 91);
    for (;;)
        __asm__ volatile("wfe");
}
