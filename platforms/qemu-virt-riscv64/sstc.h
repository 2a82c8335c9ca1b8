/* The hart's clock and timer (sstc.c): the time CSR at the device tree's timebase, and each
 * hart's Sstc stimecmp. */
#ifndef AXV_QEMU_SSTC_H
#define AXV_QEMU_SSTC_H

#include <axvisor_api/time.h>

/* The timebase from the device tree: once, on the boot hart, before any conversion. */
void axv_qemu_sstc_start(uint64_t timebase_hz);
/* The calling hart's timer disarmed, its interrupt enabled. */
void axv_qemu_sstc_cpu_start(void);
axv_ticks_t axv_qemu_sstc_ticks(void);
axv_nanos_t axv_qemu_sstc_to_nanos(axv_ticks_t ticks);
axv_ticks_t axv_qemu_sstc_to_ticks(axv_nanos_t nanos);
axv_nanos_t axv_qemu_sstc_now(void);
/* Interrupts the calling hart at @p deadline_ns (never before it). */
void axv_qemu_sstc_arm(axv_nanos_t deadline_ns);
/* Takes the calling hart's timer interrupt down until the next arm. */
void axv_qemu_sstc_disarm(void);

#endif /* AXV_QEMU_SSTC_H */
