/* Each physical CPU's own data (percpu.c). TPIDR_EL2 points at the running CPU's (set before
 * any C code runs on it), so no CPU ever needs to know its index to find it. */
#ifndef AXV_QEMU_PERCPU_H
#define AXV_QEMU_PERCPU_H

#include <stddef.h>
#include <stdint.h>
#include "cpu.h"

/* stack_top is first: smp_entry.S loads it from the PSCI context id. */
struct axv_qemu_cpu {
    uint64_t stack_top;
    size_t index;
    uint64_t mpidr;      /* affinity only; recorded by the CPU itself in its bring-up */
    uint32_t online;     /* smp.c: written once with release by the CPU itself */
    uint32_t work_state; /* smp.c's mailbox */
    void (*work_fn)(void *);
    void *work_arg;
};

static inline struct axv_qemu_cpu *this_cpu(void) {
    return (struct axv_qemu_cpu *)(uintptr_t)SYSREG_READ(tpidr_el2);
}

/* The boot CPU's slot (index 0), made the calling CPU's by TPIDR_EL2. */
struct axv_qemu_cpu *axv_qemu_percpu_boot_cpu(void);
/* Slot @p index (below AXV_QEMU_MAX_CPUS), for smp.c to fill before the CPU starts. */
struct axv_qemu_cpu *axv_qemu_percpu_slot(size_t index);
/* How many CPUs came up: set once by the boot CPU before axv_qemu_main(), then constant. */
void axv_qemu_percpu_set_count(size_t count);
size_t axv_qemu_percpu_count(void);
/* CPU @p index when it is online, else NULL. */
struct axv_qemu_cpu *axv_qemu_percpu_online(size_t index);

#endif /* AXV_QEMU_PERCPU_H */
