/* Secondary CPUs: starting them with PSCI CPU_ON (each then runs boot.c's bring-up), and the
 * idle loop in which a secondary runs work posted to it.
 *
 * Memory ordering. RAM is Normal write-back inner-shareable memory (mmu.c; every CPU turns
 * its MMU on before touching shared data), so the CPUs' caches are coherent and only the
 * order of accesses needs care: every cross-CPU hand-off below is a store-release paired
 * with a load-acquire (STLR/LDAR). The one read-modify-write (claiming a CPU's mailbox) is a
 * compare-and-swap, i.e. LDAXR/STLXR on this ARMv8.0 CPU (inline: -mno-outline-atomics),
 * which the architecture guarantees on Normal inner-shareable write-back memory.
 * qemu.smp.boot checks an atomic counter under QEMU's parallel TCG threads (and showed that
 * plain read-modify-writes do lose increments there). */
#include "smp.h"

#include <axvisor_api/axvisor_api.h>
#include "generic_timer.h"

#define PSCI_CPU_ON_64 0xc4000003u /* PSCI 0.2+, SMC64 calling convention */
#define PSCI_SUCCESS 0
/* A secondary that does not report within this long counts as not started. Generous: under
 * QEMU on a loaded host the new vCPU's thread may wait a long time for a host CPU. */
#define START_TIMEOUT_NS UINT64_C(5000000000)
#define SECONDARY_STACK_SIZE 0x4000u

/* Mailbox states: a poster claims IDLE -> CLAIMED (CAS), fills fn/arg, publishes POSTED
 * with release; the CPU runs it and returns to IDLE with release. */
#define WORK_IDLE 0u
#define WORK_CLAIMED 1u
#define WORK_POSTED 2u

static uint8_t stacks[AXV_QEMU_MAX_CPUS][SECONDARY_STACK_SIZE] __attribute__((aligned(16)));

void axv_qemu_secondary_entry(void);

/* DSB then SEV: the event must not overtake the store that it announces. */
static void wake_all(void) {
    __asm__ volatile("dsb sy\n\tsev" ::: "memory");
}

static int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context) {
    /* QEMU's DT says method = "smc" under virtualization=on: PSCI is QEMU's EL3 firmware. */
    register uint64_t x0 __asm__("x0") = PSCI_CPU_ON_64;
    register uint64_t x1 __asm__("x1") = mpidr;
    register uint64_t x2 __asm__("x2") = entry;
    register uint64_t x3 __asm__("x3") = context;
    __asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)::"memory");
    return (int64_t)x0;
}

size_t axv_qemu_smp_start_secondaries(const struct axv_qemu_board *board) {
    size_t n = 1;
    uint64_t boot_mpidr = axv_qemu_percpu_slot(0)->mpidr;
    size_t listed = board->cpu_count < AXV_QEMU_MAX_CPUS ? board->cpu_count : AXV_QEMU_MAX_CPUS;
    /* cppcheck-suppress knownConditionTrueFalse ; 2.10 takes `x < C ? x : C` for below 1 */
    for (size_t i = 0; i < listed && n < AXV_QEMU_MAX_CPUS; i++) {
        uint64_t mpidr = board->cpu_mpidr[i] & MPIDR_AFFINITY_MASK;
        if (mpidr == boot_mpidr)
            continue;
        struct axv_qemu_cpu *cpu = axv_qemu_percpu_slot(n);
        cpu->index = n;
        cpu->stack_top = (uint64_t)(uintptr_t)(stacks[n] + SECONDARY_STACK_SIZE);
        /* The CPU starts with the MMU and caches off and reads its struct (and the page
         * tables) from memory: the DSB makes the stores complete before the SMC starts it.
         * (On hardware the boot CPU's cached lines would also need cleaning to the point of
         * coherency; QEMU models no caches.) */
        __asm__ volatile("dsb sy" ::: "memory");
        if (psci_cpu_on(mpidr, (uint64_t)(uintptr_t)axv_qemu_secondary_entry,
                        (uint64_t)(uintptr_t)cpu) != PSCI_SUCCESS)
            continue;
        uint64_t give_up = axv_qemu_generic_timer_now() + START_TIMEOUT_NS;
        /* Acquire: pairs with the secondary's release, so its init is visible once seen. */
        while (!__atomic_load_n(&cpu->online, __ATOMIC_ACQUIRE) &&
               axv_qemu_generic_timer_now() < give_up) {
        }
        /* A CPU that never reported may still come up later on its slot's stack: stop
         * here rather than give that slot to another CPU. */
        if (!__atomic_load_n(&cpu->online, __ATOMIC_ACQUIRE))
            break;
        n++;
    }
    return n;
}

void axv_qemu_smp_report_online(struct axv_qemu_cpu *cpu) {
    /* Release: everything this CPU set up is visible to whoever sees online = 1. */
    __atomic_store_n(&cpu->online, 1u, __ATOMIC_RELEASE);
}

void axv_qemu_smp_idle(struct axv_qemu_cpu *cpu) {
    irq_enable();
    for (;;) {
        if (__atomic_load_n(&cpu->work_state, __ATOMIC_ACQUIRE) == WORK_POSTED) {
            cpu->work_fn(cpu->work_arg);
            /* Release: the work's effects are visible to whoever sees IDLE (acquire). */
            __atomic_store_n(&cpu->work_state, WORK_IDLE, __ATOMIC_RELEASE);
            wake_all();
        } else {
            /* A post between the check and the WFE has already sent its SEV, which makes
             * this WFE return at once: no wake-up is lost. */
            __asm__ volatile("wfe" ::: "memory");
        }
    }
}

int axv_qemu_cpu_run(size_t index, void (*fn)(void *), void *arg) {
    if (fn == NULL)
        return AXV_EINVAL;
    struct axv_qemu_cpu *cpu = axv_qemu_percpu_online(index);
    if (cpu == NULL || index == 0)
        return AXV_ENOENT;
    uint32_t expected = WORK_IDLE;
    /* Acquire on success: the previous work's effects happen before this one is set up. */
    if (!__atomic_compare_exchange_n(&cpu->work_state, &expected, WORK_CLAIMED, false,
                                     __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return AXV_EBUSY;
    cpu->work_fn = fn;
    cpu->work_arg = arg;
    /* Release: fn and arg are visible to the CPU that reads POSTED with acquire. */
    __atomic_store_n(&cpu->work_state, WORK_POSTED, __ATOMIC_RELEASE);
    wake_all();
    return AXV_OK;
}

bool axv_qemu_cpu_idle(size_t index) {
    struct axv_qemu_cpu *cpu = axv_qemu_percpu_online(index);
    return cpu == NULL || __atomic_load_n(&cpu->work_state, __ATOMIC_ACQUIRE) == WORK_IDLE;
}

void axv_qemu_wait_for_interrupt(void) {
    __asm__ volatile("wfi" ::: "memory");
}
