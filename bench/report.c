/* Timing, statistics and CSV output shared by the benchmark's parts. */
#define _POSIX_C_SOURCE 200809L

#include "report.h"

#include <stdlib.h>
#include <time.h>

uint64_t bench_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * UINT64_C(1000000000) + (uint64_t)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_quantile(double *v, size_t n, double q) {
    if (n == 0)
        return 0.0;
    qsort(v, n, sizeof *v, cmp_double);
    size_t rank = (size_t)(q * (double)n + 0.999999999);
    if (rank == 0)
        rank = 1;
    if (rank > n)
        rank = n;
    return v[rank - 1];
}

void bench_csv_header(FILE *f) {
    fprintf(f, "benchmark,op,binding,mitigation,median_ns,min_ns,max_ns,ratio_to_direct\n");
}

void bench_csv_row(FILE *f, const struct bench_row *r) {
    fprintf(f, "%s,%s,%s,%s,%.3f,%.3f,%.3f,", r->benchmark, r->op, r->binding, r->mitigation,
            r->median_ns, r->min_ns, r->max_ns);
    if (r->ratio >= 0)
        fprintf(f, "%.2f", r->ratio);
    fprintf(f, "\n");
}
