/* The Arm generic timer (generic_timer.c): the system counter, and each CPU's EL2 physical
 * timer CNTHP that fires on it. A leaf: it calls nothing above it but the GIC. */
#ifndef AXV_QEMU_GENERIC_TIMER_H
#define AXV_QEMU_GENERIC_TIMER_H

#include <axvisor_api/types.h>

/* Reads the counter frequency: once, on the boot CPU, before any conversion. */
void axv_qemu_generic_timer_start(void);
/* The calling CPU's CNTHP masked, its PPI enabled. */
void axv_qemu_generic_timer_cpu_start(void);
axv_ticks_t axv_qemu_generic_timer_ticks(void);
axv_nanos_t axv_qemu_generic_timer_to_nanos(axv_ticks_t ticks);
axv_ticks_t axv_qemu_generic_timer_to_ticks(axv_nanos_t nanos);
axv_nanos_t axv_qemu_generic_timer_now(void);
/* The calling CPU's CNTHP fires once the counter reaches @p deadline_ns (never before). */
void axv_qemu_generic_timer_arm(axv_nanos_t deadline_ns);
void axv_qemu_generic_timer_disarm(void);

#endif /* AXV_QEMU_GENERIC_TIMER_H */
