/* Secondary harts: starting them with SBI HSM hart_start (each then runs boot.c's bring-up),
 * and the idle loop in which a secondary runs work posted to it. Cross-hart hand-offs are
 * release/acquire pairs (RVWMO: fence-based or .aq/.rl AMOs); claiming a hart's mailbox is a
 * compare-and-swap (LR/SC). A poster wakes the hart with an IPI (SBI), which ends its WFI. */
#include "smp.h"

#include <axvisor_api/axvisor_api.h>
#include "cpu.h"
#include "sbi.h"
#include "sstc.h"

/* A secondary that does not report within this long counts as not started. Generous: under
 * QEMU on a loaded host the new hart's thread may wait a long time for a host CPU. */
#define START_TIMEOUT_NS UINT64_C(20000000000)
/* How often a hart that SBI still reports stopped is asked to start again. */
#define RESTART_PERIOD_NS UINT64_C(500000000)
#define SECONDARY_STACK_SIZE 0x4000u

/* Mailbox states: a poster claims IDLE -> CLAIMED (CAS), fills fn/arg, publishes POSTED
 * with release; the hart runs it and returns to IDLE with release. */
#define WORK_IDLE 0u
#define WORK_CLAIMED 1u
#define WORK_POSTED 2u

static uint8_t stacks[AXV_QEMU_MAX_CPUS][SECONDARY_STACK_SIZE] __attribute__((aligned(16)));

void axv_qemu_secondary_entry(void);

static void put_signed(long value) {
    if (value < 0)
        axv_qemu_puts("-");
    axv_qemu_put_dec(value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value);
}

/* Starts @p cpu's hart and waits until it reports online. A hart that SBI still calls
 * stopped after a while is asked again, in case the start did not take (under load a
 * secondary was once seen not to report within 5 s, cause unknown). Says why it gave up,
 * since a missing hart otherwise shows only as a smaller CPU count. */
static bool start_and_wait(struct axv_qemu_cpu *cpu) {
    uint64_t entry = (uint64_t)(uintptr_t)axv_qemu_secondary_entry;
    uint64_t now = axv_qemu_sstc_now();
    uint64_t give_up = now + START_TIMEOUT_NS;
    uint64_t next_check = now + RESTART_PERIOD_NS;
    long rc = axv_qemu_sbi_hart_start(cpu->hartid, entry, (uint64_t)(uintptr_t)cpu);
    /* Acquire: pairs with the secondary's release, so its init is visible once seen. */
    while (!__atomic_load_n(&cpu->online, __ATOMIC_ACQUIRE)) {
        now = axv_qemu_sstc_now();
        if (now >= give_up)
            break;
        if (now >= next_check) {
            next_check = now + RESTART_PERIOD_NS;
            if (axv_qemu_sbi_hart_status(cpu->hartid) == AXV_QEMU_SBI_HART_STOPPED)
                rc = axv_qemu_sbi_hart_start(cpu->hartid, entry, (uint64_t)(uintptr_t)cpu);
        }
    }
    if (__atomic_load_n(&cpu->online, __ATOMIC_ACQUIRE))
        return true;
    axv_qemu_puts("qemu-virt: hart ");
    axv_qemu_put_dec(cpu->hartid);
    axv_qemu_puts(" did not come online (last hart_start: ");
    put_signed(rc);
    axv_qemu_puts(", HSM state: ");
    put_signed(axv_qemu_sbi_hart_status(cpu->hartid));
    axv_qemu_puts(")\n");
    return false;
}

size_t axv_qemu_smp_start_secondaries(const struct axv_qemu_board *board) {
    size_t n = 1;
    uint64_t boot_hart = axv_qemu_percpu_slot(0)->hartid;
    size_t listed = board->hart_count < AXV_QEMU_MAX_CPUS ? board->hart_count : AXV_QEMU_MAX_CPUS;
    /* cppcheck-suppress knownConditionTrueFalse ; 2.10 takes `x < C ? x : C` for below 1 */
    for (size_t i = 0; i < listed && n < AXV_QEMU_MAX_CPUS; i++) {
        uint64_t hartid = board->hart_id[i];
        if (hartid == boot_hart)
            continue;
        struct axv_qemu_cpu *cpu = axv_qemu_percpu_slot(n);
        cpu->index = n;
        cpu->hartid = hartid;
        cpu->stack_top = (uint64_t)(uintptr_t)(stacks[n] + SECONDARY_STACK_SIZE);
        /* The stores above before the hart reads them: the ecall is no fence by itself. */
        __asm__ volatile("fence rw, rw" ::: "memory");
        if (!start_and_wait(cpu))
            break;
        n++;
    }
    return n;
}

void axv_qemu_smp_report_online(struct axv_qemu_cpu *cpu) {
    /* Release: everything this hart set up is visible to whoever sees online = 1. */
    __atomic_store_n(&cpu->online, 1u, __ATOMIC_RELEASE);
}

void axv_qemu_smp_idle(struct axv_qemu_cpu *cpu) {
    for (;;) {
        /* Checked with interrupts masked: a post after the check leaves its IPI pending in
         * sip, and WFI returns for a pending interrupt enabled in sie even while sstatus.SIE
         * is clear, so no wake-up is lost; the IPI is then taken when SIE comes back. */
        (void)irq_save();
        if (__atomic_load_n(&cpu->work_state, __ATOMIC_ACQUIRE) == WORK_POSTED) {
            irq_enable();
            cpu->work_fn(cpu->work_arg);
            /* Release: the work's effects are visible to whoever sees IDLE (acquire). */
            __atomic_store_n(&cpu->work_state, WORK_IDLE, __ATOMIC_RELEASE);
        } else {
            __asm__ volatile("wfi" ::: "memory");
            irq_enable();
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
    /* Release: fn and arg are visible to the hart that reads POSTED with acquire. */
    __atomic_store_n(&cpu->work_state, WORK_POSTED, __ATOMIC_RELEASE);
    (void)axv_qemu_sbi_send_ipi(1, cpu->hartid);
    return AXV_OK;
}

bool axv_qemu_cpu_idle(size_t index) {
    struct axv_qemu_cpu *cpu = axv_qemu_percpu_online(index);
    return cpu == NULL || __atomic_load_n(&cpu->work_state, __ATOMIC_ACQUIRE) == WORK_IDLE;
}

void axv_qemu_wait_for_interrupt(void) {
    irq_enable();
    __asm__ volatile("wfi" ::: "memory");
}
