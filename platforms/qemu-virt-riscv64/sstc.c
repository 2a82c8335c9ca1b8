/* Time on the time CSR (rdtime, the platform's shared mtime at the timebase the device
 * tree gives: 10 MHz on virt) and each hart's timer on Sstc's stimecmp. Why stimecmp rather
 * than SBI set_timer: writing a CSR costs no trap to M-mode, the interrupt (STIP) follows
 * the compare value directly, so re-arming and disarming are plain writes with nothing left
 * pending, and it is what a guest gets as vstimecmp too. QEMU's rv64 has Sstc on by default
 * and OpenSBI 1.1 enables it for S-mode (menvcfg.STCE). The conversions split the value at
 * whole seconds, exact and without 128-bit division (a libgcc call). */
#include "sstc.h"

#include "cpu.h"

#define NANOS_PER_SEC UINT64_C(1000000000)

static uint64_t timebase_hz;

static void write_stimecmp(uint64_t value) {
    __asm__ volatile("csrw 0x14d, %0" ::"r"(value) : "memory");
}

void axv_qemu_sstc_start(uint64_t hz) {
    timebase_hz = hz;
}

void axv_qemu_sstc_cpu_start(void) {
    axv_qemu_sstc_disarm();
    CSR_SET(sie, UINT64_C(1) << IRQ_S_TIMER);
}

axv_ticks_t axv_qemu_sstc_ticks(void) {
    uint64_t t;
    __asm__ volatile("rdtime %0" : "=r"(t));
    return t;
}

axv_nanos_t axv_qemu_sstc_to_nanos(axv_ticks_t ticks) {
    return ticks / timebase_hz * NANOS_PER_SEC + ticks % timebase_hz * NANOS_PER_SEC / timebase_hz;
}

axv_ticks_t axv_qemu_sstc_to_ticks(axv_nanos_t nanos) {
    return nanos / NANOS_PER_SEC * timebase_hz +
           nanos % NANOS_PER_SEC * timebase_hz / NANOS_PER_SEC;
}

axv_nanos_t axv_qemu_sstc_now(void) {
    return axv_qemu_sstc_to_nanos(axv_qemu_sstc_ticks());
}

void axv_qemu_sstc_arm(axv_nanos_t deadline_ns) {
    /* Rounded up: the interrupt never comes before the deadline in nanoseconds. */
    axv_ticks_t ticks = axv_qemu_sstc_to_ticks(deadline_ns);
    if (axv_qemu_sstc_to_nanos(ticks) < deadline_ns)
        ticks++;
    write_stimecmp(ticks);
}

void axv_qemu_sstc_disarm(void) {
    /* STIP is (time >= stimecmp): the largest value keeps it down for good. */
    write_stimecmp(UINT64_MAX);
}
