/* Results of the benchmark: timing helpers, statistics and the CSV/table output. */
#ifndef AXV_BENCH_REPORT_H
#define AXV_BENCH_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Monotonic time in nanoseconds. */
uint64_t bench_now_ns(void);

/* Sorts v and returns its q-quantile (0..1, nearest rank). */
double bench_quantile(double *v, size_t n, double q);

/* One result row: a benchmark (call, timer_register_cancel, ...), what it was measured on,
 * the binding and mitigation, and the median/min/max in ns. ratio < 0 means "none". */
struct bench_row {
    const char *benchmark;
    char op[32];
    const char *binding;
    const char *mitigation;
    double median_ns, min_ns, max_ns, ratio;
};

void bench_csv_header(FILE *f);
void bench_csv_row(FILE *f, const struct bench_row *r);

/* Options of the posix measurements. */
struct bench_posix_options {
    unsigned repeats;
    uint64_t iters;         /* register+cancel and alloc+free pairs per repeat */
    size_t timers_max;      /* largest pending-timer level (levels: 1k, 100k, 1M) */
    size_t latency_samples; /* inject->delivery samples */
};

/* Runs the posix measurements, printing them and adding rows to csv (may be NULL). */
int bench_posix(const struct bench_posix_options *o, FILE *csv);

#endif /* AXV_BENCH_REPORT_H */
