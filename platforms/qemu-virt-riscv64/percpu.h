/* Each hart's own data (percpu.c). tp points at the running hart's (set before any C code
 * runs on it, and kept in sscratch too), so no hart needs to know its index to find it. */
#ifndef AXV_QEMU_PERCPU_H
#define AXV_QEMU_PERCPU_H

/* The first three at fixed offsets (percpu.c checks them): smp_entry.S loads stack_top from
 * the HSM opaque argument; trap.S uses trap_t0 and guest_trap_sp through tp. */
#define AXV_QEMU_CPU_TRAP_T0 8
#define AXV_QEMU_CPU_GUEST_TRAP_SP 16

#ifndef __ASSEMBLER__ /* trap.S includes this for the offsets above */
#include <stddef.h>
#include <stdint.h>

struct axv_qemu_cpu {
    uint64_t stack_top;
    uint64_t trap_t0;       /* t0 while trap.S picks a stack */
    uint64_t guest_trap_sp; /* vcpu.c: the stack a trap from the running guest uses */
    size_t index;
    uint64_t hartid;
    uint32_t online;     /* smp.c: written once with release by the hart itself */
    uint32_t work_state; /* smp.c's mailbox */
    void (*work_fn)(void *);
    void *work_arg;
    uint64_t virq_mailbox; /* virq.c: hvip bits other harts injected, not yet in hvip */
};

static inline struct axv_qemu_cpu *this_cpu(void) {
    struct axv_qemu_cpu *cpu;
    __asm__("mv %0, tp" : "=r"(cpu));
    return cpu;
}

/* The boot hart's slot (index 0), made the calling hart's (tp, sscratch). */
struct axv_qemu_cpu *axv_qemu_percpu_boot_cpu(uint64_t hartid);
/* Slot @p index (below AXV_QEMU_MAX_CPUS), for smp.c to fill before the hart starts. */
struct axv_qemu_cpu *axv_qemu_percpu_slot(size_t index);
/* How many harts came up: set once by the boot hart before axv_qemu_main(), then constant. */
void axv_qemu_percpu_set_count(size_t count);
size_t axv_qemu_percpu_count(void);
/* Hart @p index when it is online, else NULL. */
struct axv_qemu_cpu *axv_qemu_percpu_online(size_t index);
#endif

#endif /* AXV_QEMU_PERCPU_H */
