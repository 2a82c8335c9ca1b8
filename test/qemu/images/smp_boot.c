/* qemu.smp.boot: every CPU of -smp came up (the command line says how many to expect), each
 * runs work posted to it and reports its own index and hardware id, atomic
 * read-modify-writes (LDAXR/STLXR; riscv64: AMO) stay exact while all CPUs hammer one
 * counter at once, and the frame allocator, used by all CPUs at once, never hands one frame
 * to two of them. The same image on both QEMU platforms (qemu.riscv64.smp.boot). */
#include <axvisor_api/qemu_virt.h>

#include "cmdline.h"

#define ROUNDS 200000u

struct report {
    volatile size_t index;
    volatile uint64_t id;
};

/* The calling CPU's hardware id as it reads it itself (AArch64: its MPIDR affinity), and
 * as the platform recorded it for CPU @p c. riscv64 S-mode cannot read its hart id
 * (mhartid is M-mode's): there both are the platform's record, which still checks each
 * CPU's index and that no two share an id. */
#if defined(__aarch64__)
#define ID_NAME " MPIDR "
static uint64_t own_id(void) {
    uint64_t mpidr;
    __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
    return mpidr & UINT64_C(0xff00ffffff);
}
static uint64_t recorded_id(size_t c) {
    return axv_qemu_cpu_mpidr(c);
}
#else
#define ID_NAME " hart id "
static uint64_t own_id(void) {
    return axv_qemu_cpu_hartid(axv_qemu_cpu_index());
}
static uint64_t recorded_id(size_t c) {
    return axv_qemu_cpu_hartid(c);
}
#endif

static struct report reports[AXV_QEMU_MAX_CPUS];
static uint64_t counter;
static uint32_t go;

#define FRAMES_PER_CPU 64u
static axv_paddr_t frames[AXV_QEMU_MAX_CPUS][FRAMES_PER_CPU];
static volatile int alloc_status[AXV_QEMU_MAX_CPUS];
static uint32_t go_alloc;

/* Takes FRAMES_PER_CPU frames, freeing and retaking each a few times on the way, all CPUs
 * at once; keeps the last set for the caller to compare. */
static void take_frames(void *arg) {
    (void)arg;
    size_t me = axv_qemu_cpu_index();
    while (!__atomic_load_n(&go_alloc, __ATOMIC_ACQUIRE)) {
    }
    int rc = AXV_OK;
    for (unsigned round = 0; round < 8u && rc == AXV_OK; round++) {
        for (unsigned i = 0; i < FRAMES_PER_CPU && rc == AXV_OK; i++) {
            if (round > 0)
                rc = axv_memory_dealloc_frame(frames[me][i]);
            if (rc == AXV_OK)
                rc = axv_memory_alloc_frame(&frames[me][i]);
        }
    }
    alloc_status[me] = rc;
}

static void report_self(void *arg) {
    struct report *r = arg;
    r->index = axv_qemu_cpu_index();
    r->id = own_id();
}

/* All CPUs start together (a shared flag), so the increments really overlap. */
static void hammer(void *arg) {
    (void)arg;
    while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE)) {
    }
    for (unsigned i = 0; i < ROUNDS; i++)
        __atomic_fetch_add(&counter, 1u, __ATOMIC_RELAXED);
}

static size_t expected_cpus(void) {
    char line[512];
    if (axv_qemu_cmdline(line, sizeof line) != AXV_OK)
        return 0;
    for (const char *p = line; *p != '\0'; p++)
        if (p[0] == 'c' && p[1] == 'p' && p[2] == 'u' && p[3] == 's' && p[4] == '=')
            return (size_t)(p[5] - '0');
    return 0;
}

/* How long posted work may take: the timer budget run-qemu.sh passes for this host. */
static axv_nanos_t budget_ns;

static bool wait_idle(size_t cpu) {
    axv_nanos_t give_up = axv_time_current_nanos() + budget_ns;
    while (!axv_qemu_cpu_idle(cpu))
        if (axv_time_current_nanos() > give_up)
            return false;
    return true;
}

int axv_qemu_main(void) {
    budget_ns = cmdline_timer_budget_ns(2000000000u);
    size_t n = axv_host_cpu_num();
    axv_qemu_puts("qemu.smp.boot: ");
    axv_qemu_put_dec(n);
    axv_qemu_puts(" CPU(s) online\n");
    if (n != expected_cpus() || n < 2) {
        axv_qemu_puts("qemu.smp.boot: FAILED: the CPUs online do not match -smp\n");
        return 1;
    }
    report_self(&reports[0]);
    for (size_t c = 1; c < n; c++) {
        reports[c].index = SIZE_MAX;
        if (axv_qemu_cpu_run(c, report_self, &reports[c]) != AXV_OK || !wait_idle(c)) {
            axv_qemu_puts("qemu.smp.boot: FAILED: a CPU does not run posted work\n");
            return 1;
        }
    }
    if (axv_qemu_cpu_run(0, report_self, NULL) != AXV_ENOENT ||
        axv_qemu_cpu_run(n, report_self, NULL) != AXV_ENOENT) {
        axv_qemu_puts("qemu.smp.boot: FAILED: work posted to CPU 0 or a missing CPU\n");
        return 1;
    }
    for (size_t c = 0; c < n; c++) {
        axv_qemu_puts("qemu.smp.boot: CPU ");
        axv_qemu_put_dec(reports[c].index);
        axv_qemu_puts(ID_NAME);
        axv_qemu_put_hex(reports[c].id);
        axv_qemu_puts("\n");
        if (reports[c].index != c || reports[c].id != recorded_id(c)) {
            axv_qemu_puts("qemu.smp.boot: FAILED: wrong index or hardware id\n");
            return 1;
        }
        for (size_t d = 0; d < c; d++)
            if (reports[d].id == reports[c].id) {
                axv_qemu_puts("qemu.smp.boot: FAILED: two CPUs with one hardware id\n");
                return 1;
            }
    }

    for (size_t c = 1; c < n; c++)
        if (axv_qemu_cpu_run(c, hammer, NULL) != AXV_OK) {
            axv_qemu_puts("qemu.smp.boot: FAILED: posting the counter work\n");
            return 1;
        }
    __atomic_store_n(&go, 1u, __ATOMIC_RELEASE);
    hammer(NULL);
    for (size_t c = 1; c < n; c++)
        if (!wait_idle(c)) {
            axv_qemu_puts("qemu.smp.boot: FAILED: the counter work did not finish\n");
            return 1;
        }
    axv_qemu_puts("qemu.smp.boot: shared counter ");
    axv_qemu_put_dec(counter);
    axv_qemu_puts(" of ");
    axv_qemu_put_dec((uint64_t)ROUNDS * n);
    axv_qemu_puts("\n");
    if (counter != (uint64_t)ROUNDS * n) {
        axv_qemu_puts("qemu.smp.boot: FAILED: atomic increments were lost\n");
        return 1;
    }

    for (size_t c = 1; c < n; c++)
        if (axv_qemu_cpu_run(c, take_frames, NULL) != AXV_OK) {
            axv_qemu_puts("qemu.smp.boot: FAILED: posting the allocator work\n");
            return 1;
        }
    __atomic_store_n(&go_alloc, 1u, __ATOMIC_RELEASE);
    take_frames(NULL);
    for (size_t c = 1; c < n; c++)
        if (!wait_idle(c)) {
            axv_qemu_puts("qemu.smp.boot: FAILED: the allocator work did not finish\n");
            return 1;
        }
    /* Every frame held now must be distinct: n * FRAMES_PER_CPU is small, so compare all. */
    size_t total = n * FRAMES_PER_CPU;
    for (size_t a = 0; a < total; a++) {
        if (alloc_status[a / FRAMES_PER_CPU] != AXV_OK) {
            axv_qemu_puts("qemu.smp.boot: FAILED: a concurrent alloc or free failed\n");
            return 1;
        }
        for (size_t b = a + 1; b < total; b++)
            if (frames[a / FRAMES_PER_CPU][a % FRAMES_PER_CPU] ==
                frames[b / FRAMES_PER_CPU][b % FRAMES_PER_CPU]) {
                axv_qemu_puts("qemu.smp.boot: FAILED: one frame handed to two owners\n");
                return 1;
            }
    }
    for (size_t a = 0; a < total; a++)
        if (axv_memory_dealloc_frame(frames[a / FRAMES_PER_CPU][a % FRAMES_PER_CPU]) != AXV_OK) {
            axv_qemu_puts("qemu.smp.boot: FAILED: freeing the frames\n");
            return 1;
        }
    axv_qemu_puts("qemu.smp.boot: concurrent allocator: ");
    axv_qemu_put_dec(total);
    axv_qemu_puts(" distinct frames\n");
    axv_qemu_puts("qemu.smp.boot: OK\n");
    return 0;
}
