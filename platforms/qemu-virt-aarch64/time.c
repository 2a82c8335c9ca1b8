/* Time area, clock half: the generic timer's physical counter. The conversions split the
 * value at whole seconds so no 128-bit division (a libgcc call) is needed and the results
 * are exact (rounded down). */
#include "qemu_internal.h"

#define NANOS_PER_SEC UINT64_C(1000000000)

static uint64_t counter_hz;

void axv_qemu_time_start(void) {
    counter_hz = SYSREG_READ(cntfrq_el0);
    axv_qemu_timers_cpu_start();
}

axv_ticks_t axv_qemu_time_current_ticks(void) {
    /* isb: the counter read must not be hoisted above earlier instructions. */
    isb();
    return SYSREG_READ(cntpct_el0);
}

axv_nanos_t axv_qemu_time_ticks_to_nanos(axv_ticks_t ticks) {
    return ticks / counter_hz * NANOS_PER_SEC + ticks % counter_hz * NANOS_PER_SEC / counter_hz;
}

axv_ticks_t axv_qemu_time_nanos_to_ticks(axv_nanos_t nanos) {
    return nanos / NANOS_PER_SEC * counter_hz + nanos % NANOS_PER_SEC * counter_hz / NANOS_PER_SEC;
}
