/* Per-hart data: one struct axv_qemu_cpu per hart, and the count of those online. */
#include "percpu.h"

#include <stddef.h>
#include <axvisor_api/qemu_virt.h>

_Static_assert(offsetof(struct axv_qemu_cpu, stack_top) == 0, "smp_entry.S loads it at 0");
_Static_assert(offsetof(struct axv_qemu_cpu, trap_t0) == AXV_QEMU_CPU_TRAP_T0, "trap.S");
_Static_assert(offsetof(struct axv_qemu_cpu, guest_trap_sp) == AXV_QEMU_CPU_GUEST_TRAP_SP,
               "trap.S");

static struct axv_qemu_cpu cpus[AXV_QEMU_MAX_CPUS];
static size_t cpus_online; /* written by the boot hart before axv_qemu_main(), then constant */

struct axv_qemu_cpu *axv_qemu_percpu_boot_cpu(uint64_t hartid) {
    struct axv_qemu_cpu *cpu = &cpus[0];
    cpu->hartid = hartid;
    __asm__ volatile("mv tp, %0\n\tcsrw sscratch, %0" ::"r"(cpu) : "memory");
    return cpu;
}

struct axv_qemu_cpu *axv_qemu_percpu_slot(size_t index) {
    return index < AXV_QEMU_MAX_CPUS ? &cpus[index] : NULL;
}

void axv_qemu_percpu_set_count(size_t count) {
    cpus_online = count;
}

size_t axv_qemu_percpu_count(void) {
    return cpus_online;
}

struct axv_qemu_cpu *axv_qemu_percpu_online(size_t index) {
    if (index >= AXV_QEMU_MAX_CPUS || index >= cpus_online)
        return NULL;
    return &cpus[index];
}

size_t axv_qemu_cpu_index(void) {
    return this_cpu()->index;
}

uint64_t axv_qemu_cpu_hartid(size_t index) {
    struct axv_qemu_cpu *cpu = axv_qemu_percpu_online(index);
    return cpu == NULL ? UINT64_MAX : cpu->hartid;
}
