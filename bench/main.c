/*
 * axv_bench: what a call through each binding costs, and what the posix platform's timers,
 * frames and interrupt injection cost. See doc/performance.md.
 *
 *   axv_bench [--repeats R] [--min-ms M | --iters N] [--csv FILE] [--no-posix]
 *             [--posix-iters N] [--timers-max N] [--latency-samples N]
 *   axv_bench --loop NAME --iters N     run one call loop once (for callgrind)
 *   axv_bench --list                    list the call loops' names
 */
#define _POSIX_C_SOURCE 200809L

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/posix.h>

#include "bench.h"
#include "report.h"

struct variant {
    const char *op;
    const char *binding;
    const char *mitigation;
    bench_loop_fn fn;
    uint64_t iters;
    double *ns; /* per repeat */
};

#define VARIANT(op, binding, suffix) \
    {#op, #binding, #suffix, BENCH_LOOP_NAME(op, binding, suffix), 0, NULL},
static struct variant variants[] = {BENCH_LOOPS(VARIANT, plain) BENCH_STATIC_LOOPS(VARIANT, plain)
#ifdef BENCH_HAVE_RETPOLINE
                                        BENCH_LOOPS(VARIANT, retpoline)
                                            BENCH_STATIC_LOOPS(VARIANT, retpoline)
#endif
};
#define NUM_VARIANTS (sizeof variants / sizeof variants[0])
static const char *const binding_order[] = {"direct", "fnptr", "zephyr", "dynamic", "static"};

static volatile uint64_t sink; /* every loop's result goes here */

static void loop_name(const struct variant *v, char *buf, size_t size) {
    snprintf(buf, size, "%s_%s_%s", v->op, v->binding, v->mitigation);
}

static double run_once(struct variant *v) {
    uint64_t t0 = bench_now_ns();
    sink = v->fn(v->iters);
    uint64_t t1 = bench_now_ns();
    return (double)(t1 - t0) / (double)v->iters;
}

/* Doubles the iteration count until one run lasts at least min_ns. */
static void calibrate(struct variant *v, uint64_t min_ns) {
    v->iters = 1000;
    for (;;) {
        uint64_t t0 = bench_now_ns();
        sink = v->fn(v->iters);
        uint64_t dt = bench_now_ns() - t0;
        if (dt >= min_ns || v->iters >= (UINT64_C(1) << 32))
            return;
        v->iters *= 2;
    }
}

static const struct variant *find_direct(const struct variant *v) {
    for (size_t i = 0; i < NUM_VARIANTS; i++)
        if (strcmp(variants[i].op, v->op) == 0 && strcmp(variants[i].binding, "direct") == 0 &&
            strcmp(variants[i].mitigation, v->mitigation) == 0)
            return &variants[i];
    return NULL;
}

static double median_of(const struct variant *v, unsigned repeats, double *scratch, double *mn,
                        double *mx) {
    memcpy(scratch, v->ns, repeats * sizeof *scratch);
    double med = bench_quantile(scratch, repeats, 0.5);
    *mn = scratch[0];
    *mx = scratch[repeats - 1];
    return med;
}

static void run_calls(unsigned repeats, uint64_t min_ns, uint64_t fixed_iters, FILE *csv) {
    for (size_t i = 0; i < NUM_VARIANTS; i++) {
        variants[i].ns = calloc(repeats, sizeof(double));
        if (variants[i].ns == NULL)
            axv_fatal("bench: out of memory");
        if (fixed_iters)
            variants[i].iters = fixed_iters;
        else
            calibrate(&variants[i], min_ns);
    }
    /* Interleaved, so that a noisy moment hits every variant a little rather than one a lot. */
    for (unsigned r = 0; r < repeats; r++)
        for (size_t i = 0; i < NUM_VARIANTS; i++)
            variants[i].ns[r] = run_once(&variants[i]);

    double *scratch = calloc(repeats, sizeof(double));
    if (scratch == NULL)
        axv_fatal("bench: out of memory");
    printf("Call cost, ns/call: median of %u runs [min..max], ratio to the direct call of the "
           "same build\n",
           repeats);
    printf("%-10s %-8s %-10s %9s %21s %7s\n", "op", "binding", "mitigation", "median", "[min..max]",
           "ratio");
    const char *ops[] = {"trivial", "realistic"};
    const char *mits[] = {"plain", "retpoline"};
    for (size_t o = 0; o < 2; o++)
        for (size_t m = 0; m < 2; m++)
            for (size_t b = 0; b < sizeof binding_order / sizeof binding_order[0]; b++)
                for (size_t i = 0; i < NUM_VARIANTS; i++) {
                    struct variant *v = &variants[i];
                    if (strcmp(v->op, ops[o]) || strcmp(v->mitigation, mits[m]) ||
                        strcmp(v->binding, binding_order[b]))
                        continue;
                    double mn, mx, dmn, dmx;
                    double med = median_of(v, repeats, scratch, &mn, &mx);
                    double dmed = median_of(find_direct(v), repeats, scratch, &dmn, &dmx);
                    struct bench_row row = {.benchmark = "call",
                                            .binding = v->binding,
                                            .mitigation = v->mitigation,
                                            .median_ns = med,
                                            .min_ns = mn,
                                            .max_ns = mx,
                                            .ratio = dmed > 0 ? med / dmed : 0};
                    snprintf(row.op, sizeof row.op, "%s", v->op);
                    printf("%-10s %-8s %-10s %9.2f  [%8.2f..%8.2f] %6.2fx\n", v->op, v->binding,
                           v->mitigation, med, mn, mx, row.ratio);
                    if (csv)
                        bench_csv_row(csv, &row);
                }
    free(scratch);
}

static int run_loop(const char *name, uint64_t iters) {
    char buf[64];
    for (size_t i = 0; i < NUM_VARIANTS; i++) {
        loop_name(&variants[i], buf, sizeof buf);
        if (strcmp(buf, name) == 0) {
            sink = variants[i].fn(iters);
            return 0;
        }
    }
    fprintf(stderr, "axv_bench: no loop named %s (see --list)\n", name);
    return 2;
}

static void usage(FILE *f) {
    fprintf(f, "usage: axv_bench [--repeats R] [--min-ms M | --iters N] [--csv FILE] "
               "[--no-posix]\n"
               "                 [--posix-iters N] [--timers-max N] [--latency-samples N]\n"
               "       axv_bench --loop NAME --iters N | --list\n");
}

static uint64_t number(const char *s) {
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (*s == '\0' || *end != '\0') {
        fprintf(stderr, "axv_bench: not a number: %s\n", s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv) {
    unsigned repeats = 11;
    uint64_t min_ms = 20, iters = 0;
    const char *csv_path = NULL, *loop = NULL;
    bool posix = true, list = false;
    struct bench_posix_options po = {
        .repeats = 0, .iters = 100000, .timers_max = 1000000, .latency_samples = 2000};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = true;
        if (strcmp(a, "--no-posix") == 0) {
            posix = false;
            takes = false;
        } else if (strcmp(a, "--list") == 0) {
            list = true;
            takes = false;
        } else if (strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (val == NULL) {
            usage(stderr);
            return 2;
        } else if (strcmp(a, "--repeats") == 0) {
            repeats = (unsigned)number(val);
        } else if (strcmp(a, "--min-ms") == 0) {
            min_ms = number(val);
        } else if (strcmp(a, "--iters") == 0) {
            iters = number(val);
        } else if (strcmp(a, "--csv") == 0) {
            csv_path = val;
        } else if (strcmp(a, "--loop") == 0) {
            loop = val;
        } else if (strcmp(a, "--posix-iters") == 0) {
            po.iters = number(val);
        } else if (strcmp(a, "--timers-max") == 0) {
            po.timers_max = number(val);
        } else if (strcmp(a, "--latency-samples") == 0) {
            po.latency_samples = number(val);
        } else {
            usage(stderr);
            return 2;
        }
        if (takes)
            i++;
    }
    if (repeats == 0 || po.iters == 0 || po.latency_samples == 0) {
        fprintf(stderr, "axv_bench: counts must be positive\n");
        return 2;
    }
    if (list) {
        char buf[64];
        for (size_t i = 0; i < NUM_VARIANTS; i++) {
            loop_name(&variants[i], buf, sizeof buf);
            printf("%s\n", buf);
        }
        return 0;
    }

    /* Booted like a hypervisor: the posix platform installed, then the trivial host table
     * in place of its host area, then the registry sealed. */
    if (axv_posix_init(NULL) != AXV_OK || axv_platform_install(&axv_posix_platform) != AXV_OK) {
        fprintf(stderr, "axv_bench: cannot start the posix platform\n");
        return 1;
    }
    bench_register_trivial_host();
    if (axv_api_seal() != AXV_OK) {
        fprintf(stderr, "axv_bench: cannot seal the registry\n");
        return 1;
    }

    int rc = 0;
    if (loop != NULL) {
        rc = run_loop(loop, iters ? iters : 1000000);
    } else {
        FILE *csv = NULL;
        if (csv_path != NULL) {
            csv = fopen(csv_path, "w");
            if (csv == NULL) {
                perror(csv_path);
                return 1;
            }
            bench_csv_header(csv);
        }
        run_calls(repeats, min_ms * 1000000u, iters, csv);
        if (posix) {
            po.repeats = repeats;
            rc = bench_posix(&po, csv);
        }
        if (csv != NULL && fclose(csv) != 0) {
            perror(csv_path);
            rc = 1;
        }
    }
    struct axv_posix_shutdown_report report;
    if (axv_posix_shutdown(&report) != AXV_OK)
        rc = 1;
    return rc;
}
