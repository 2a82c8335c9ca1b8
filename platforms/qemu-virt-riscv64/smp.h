/* Secondary harts (smp.c): starting them with SBI HSM, their online report, and the idle
 * loop in which they run posted work. */
#ifndef AXV_QEMU_SMP_H
#define AXV_QEMU_SMP_H

#include <stddef.h>
#include <axvisor_api/compiler.h>
#include "board.h"
#include "percpu.h"

/* Starts every other hart of @p board, one by one, each through its bring-up, and returns
 * how many harts are up (the boot hart included): the first that does not report in time
 * ends the list. */
size_t axv_qemu_smp_start_secondaries(const struct axv_qemu_board *board);
/* The calling hart finished its bring-up (store-release, for the waiting boot hart). */
void axv_qemu_smp_report_online(struct axv_qemu_cpu *cpu);
/* A secondary's life after its bring-up: interrupts on, running posted work. */
AXV_NORETURN void axv_qemu_smp_idle(struct axv_qemu_cpu *cpu);

#endif /* AXV_QEMU_SMP_H */
