/*
 * The posix platform's costs, through the accessors a hypervisor uses: timer
 * register+cancel with many timers pending, frame alloc+free, and the latency from an
 * injection on one thread to the halted vCPU's acknowledgement on another.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/posix.h>

#include "report.h"

#define LATENCY_IRQ 5u /* an SGI */

static void never_runs(void *arg, axv_nanos_t now_ns) {
    (void)arg;
    (void)now_ns;
    axv_fatal("bench: a timer due in an hour fired");
}

/* xorshift64: deadlines spread over an hour, so a timer lands anywhere in the heap. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint64_t rng(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static axv_nanos_t far_deadline(axv_nanos_t base) {
    return base + UINT64_C(3600000000000) + rng() % UINT64_C(3600000000000);
}

static void emit(FILE *csv, const char *benchmark, const char *op, double *v, size_t n,
                 const char *unit_note) {
    struct bench_row row = {
        .benchmark = benchmark, .binding = "dynamic", .mitigation = "plain", .ratio = -1};
    snprintf(row.op, sizeof row.op, "%s", op);
    row.median_ns = bench_quantile(v, n, 0.5);
    row.min_ns = v[0];
    row.max_ns = v[n - 1];
    printf("%-22s %-12s %10.1f  [%10.1f..%10.1f] %s\n", benchmark, op, row.median_ns, row.min_ns,
           row.max_ns, unit_note);
    if (csv)
        bench_csv_row(csv, &row);
}

static int bench_timers(const struct bench_posix_options *o, FILE *csv) {
    static const size_t levels[] = {1000, 100000, 1000000};
    axv_timer_token_t *pending = calloc(o->timers_max, sizeof *pending);
    double *ns = calloc(o->repeats, sizeof *ns);
    if (pending == NULL || ns == NULL)
        return AXV_ENOMEM;
    size_t npending = 0;
    int rc = AXV_OK;
    axv_nanos_t base = axv_time_current_nanos();
    for (size_t l = 0; l < sizeof levels / sizeof levels[0] && rc == AXV_OK; l++) {
        size_t level = levels[l] < o->timers_max ? levels[l] : o->timers_max;
        while (npending < level && rc == AXV_OK)
            rc =
                axv_time_register_timer(far_deadline(base), never_runs, NULL, &pending[npending++]);
        for (unsigned r = 0; r < o->repeats && rc == AXV_OK; r++) {
            uint64_t t0 = bench_now_ns();
            for (uint64_t i = 0; i < o->iters && rc == AXV_OK; i++) {
                axv_timer_token_t t;
                rc = axv_time_register_timer(far_deadline(base), never_runs, NULL, &t);
                if (rc == AXV_OK)
                    rc = axv_time_cancel_timer(t);
            }
            ns[r] = (double)(bench_now_ns() - t0) / (double)o->iters;
        }
        if (rc == AXV_OK) {
            char op[32];
            snprintf(op, sizeof op, "pending_%zu", level);
            emit(csv, "timer_register_cancel", op, ns, o->repeats, "ns per register+cancel");
        }
        if (level == o->timers_max)
            break;
    }
    for (size_t i = 0; i < npending; i++)
        if (axv_time_cancel_timer(pending[i]) != AXV_OK && rc == AXV_OK)
            rc = AXV_EINVAL;
    free(pending);
    free(ns);
    return rc;
}

static int bench_frames(const struct bench_posix_options *o, FILE *csv) {
    double *ns = calloc(o->repeats, sizeof *ns);
    if (ns == NULL)
        return AXV_ENOMEM;
    int rc = AXV_OK;
    for (unsigned r = 0; r < o->repeats && rc == AXV_OK; r++) {
        uint64_t t0 = bench_now_ns();
        for (uint64_t i = 0; i < o->iters && rc == AXV_OK; i++) {
            axv_paddr_t frame;
            rc = axv_memory_alloc_frame(&frame);
            if (rc == AXV_OK)
                rc = axv_memory_dealloc_frame(frame);
        }
        ns[r] = (double)(bench_now_ns() - t0) / (double)o->iters;
    }
    if (rc == AXV_OK)
        emit(csv, "frame_alloc_free", "4KiB", ns, o->repeats, "ns per alloc+free");
    free(ns);
    return rc;
}

/* Shared by the injector (this thread) and the vCPU. */
struct latency {
    _Atomic uint64_t stamp; /* when the injection started */
    _Atomic size_t done;    /* samples taken */
    double *samples;
    size_t want;
};

static void latency_guest(void *arg) {
    struct latency *l = arg;
    while (!axv_posix_guest_should_stop()) {
        int rc = axv_posix_guest_halt(UINT64_C(100000000));
        if (rc == AXV_EPERM)
            return;
        if (rc != AXV_OK)
            continue;
        axv_irq_t irq = axv_posix_guest_ack();
        uint64_t now = bench_now_ns();
        size_t i = atomic_load_explicit(&l->done, memory_order_relaxed);
        if (irq == LATENCY_IRQ && i < l->want) {
            l->samples[i] = (double)(now - atomic_load(&l->stamp));
            atomic_store_explicit(&l->done, i + 1, memory_order_release);
        }
    }
}

static int bench_latency(const struct bench_posix_options *o, FILE *csv) {
    struct latency l = {.samples = calloc(o->latency_samples, sizeof(double)),
                        .want = o->latency_samples};
    if (l.samples == NULL)
        return AXV_ENOMEM;
    axv_vm_id_t vm;
    int rc = axv_posix_vm_create(1, latency_guest, &l, &vm);
    if (rc == AXV_OK)
        rc = axv_posix_vm_start(vm);
    /* Each injection finds the vCPU halted: it is given 50 us to go back to sleep after
     * acknowledging the previous one. */
    const struct timespec settle = {0, 50000};
    for (size_t i = 0; i < l.want && rc == AXV_OK; i++) {
        nanosleep(&settle, NULL);
        atomic_store(&l.stamp, bench_now_ns());
        rc = axv_vmm_inject_interrupt(vm, 0, LATENCY_IRQ);
        uint64_t t0 = bench_now_ns();
        while (rc == AXV_OK && atomic_load_explicit(&l.done, memory_order_acquire) == i) {
            if (bench_now_ns() - t0 > UINT64_C(5000000000)) {
                fprintf(stderr, "axv_bench: interrupt %zu never delivered\n", i);
                rc = AXV_EBUSY;
            }
        }
    }
    if (rc == AXV_OK || rc == AXV_EBUSY)
        axv_posix_vm_destroy(vm);
    if (rc == AXV_OK) {
        double p50 = bench_quantile(l.samples, l.want, 0.5);
        double p99 = bench_quantile(l.samples, l.want, 0.99);
        struct bench_row row = {.benchmark = "inject_latency",
                                .binding = "dynamic",
                                .mitigation = "plain",
                                .min_ns = l.samples[0],
                                .max_ns = l.samples[l.want - 1],
                                .ratio = -1};
        printf("%-22s %-12s %10.1f  p99 %10.1f  [%10.1f..%10.1f] ns, %zu samples\n",
               "inject_latency", "p50", p50, p99, row.min_ns, row.max_ns, l.want);
        if (csv) {
            snprintf(row.op, sizeof row.op, "p50");
            row.median_ns = p50;
            bench_csv_row(csv, &row);
            snprintf(row.op, sizeof row.op, "p99");
            row.median_ns = p99;
            bench_csv_row(csv, &row);
        }
    }
    free(l.samples);
    return rc;
}

int bench_posix(const struct bench_posix_options *o, FILE *csv) {
    printf("\nPosix platform, ns: median of %u runs [min..max]\n", o->repeats);
    int rc = bench_timers(o, csv);
    if (rc == AXV_OK)
        rc = bench_frames(o, csv);
    if (rc == AXV_OK)
        rc = bench_latency(o, csv);
    if (rc != AXV_OK)
        fprintf(stderr, "axv_bench: posix measurement failed: %d\n", rc);
    return rc == AXV_OK ? 0 : 1;
}
