/* The Arm generic timer: the physical counter (CNTPCT_EL0 at CNTFRQ_EL0) and each CPU's EL2
 * physical timer CNTHP (PPI 26), whose compare value is an absolute count. The conversions
 * split the value at whole seconds so no 128-bit division (a libgcc call) is needed and the
 * results are exact (rounded down). */
#include "generic_timer.h"

#include "board.h"
#include "cpu.h"
#include "gic.h"

#define NANOS_PER_SEC UINT64_C(1000000000)

#define CNTHP_CTL_ENABLE (1u << 0)
#define CNTHP_CTL_IMASK (1u << 1)

static uint64_t counter_hz;

void axv_qemu_generic_timer_start(void) {
    counter_hz = SYSREG_READ(cntfrq_el0);
}

void axv_qemu_generic_timer_cpu_start(void) {
    axv_qemu_generic_timer_disarm();
    axv_qemu_gic_enable_ppi(QEMU_IRQ_HYP_TIMER);
}

axv_ticks_t axv_qemu_generic_timer_ticks(void) {
    /* isb: the counter read must not be hoisted above earlier instructions. */
    isb();
    return SYSREG_READ(cntpct_el0);
}

axv_nanos_t axv_qemu_generic_timer_to_nanos(axv_ticks_t ticks) {
    return ticks / counter_hz * NANOS_PER_SEC + ticks % counter_hz * NANOS_PER_SEC / counter_hz;
}

axv_ticks_t axv_qemu_generic_timer_to_ticks(axv_nanos_t nanos) {
    return nanos / NANOS_PER_SEC * counter_hz + nanos % NANOS_PER_SEC * counter_hz / NANOS_PER_SEC;
}

axv_nanos_t axv_qemu_generic_timer_now(void) {
    return axv_qemu_generic_timer_to_nanos(axv_qemu_generic_timer_ticks());
}

void axv_qemu_generic_timer_arm(axv_nanos_t deadline_ns) {
    /* Rounded up: the interrupt never comes before the deadline in nanoseconds. */
    axv_ticks_t ticks = axv_qemu_generic_timer_to_ticks(deadline_ns);
    if (axv_qemu_generic_timer_to_nanos(ticks) < deadline_ns)
        ticks++;
    SYSREG_WRITE(cnthp_cval_el2, ticks);
    SYSREG_WRITE(cnthp_ctl_el2, CNTHP_CTL_ENABLE);
    /* The new compare value must be in effect before IRQs are unmasked again. */
    isb();
}

void axv_qemu_generic_timer_disarm(void) {
    SYSREG_WRITE(cnthp_ctl_el2, CNTHP_CTL_IMASK);
    isb();
}
