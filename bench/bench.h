/*
 * Shared declarations of the benchmark: the call targets (targets.c) and the measured loops
 * (loops.c, loops_static.c), each loop built once per mitigation (plain, retpoline).
 */
#ifndef AXV_BENCH_H
#define AXV_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include <axvisor_api/types.h>

#define BENCH_NOINLINE __attribute__((noinline))

/* The trivial op: returns a constant. Named like a static-binding platform function so the
 * static accessor can call it (prefix axv_bench). */
size_t axv_bench_host_cpu_num(void);

/* Raw global function pointers. */
extern size_t (*bench_trivial_fp)(void);
extern axv_ticks_t (*bench_realistic_fp)(void);

/* Zephyr-style device: a pointer to a constant API table. */
struct bench_api {
    size_t (*trivial)(void);
    axv_ticks_t (*realistic)(void);
};
struct bench_device {
    const char *name;
    const struct bench_api *api;
};
/* Not const, so that (as at a call site handed its device as an argument) the loads of
 * dev->api and api->op are repeated for every call rather than hoisted out of the loop. */
extern struct bench_device bench_dev;

/* The host table the dynamic accessor's trivial op reaches. */
void bench_register_trivial_host(void);

typedef uint64_t (*bench_loop_fn)(uint64_t n);

/* One measured loop: calls its op n times and returns the sum of the results. */
#define BENCH_LOOPS(X, suffix)   \
    X(trivial, direct, suffix)   \
    X(trivial, fnptr, suffix)    \
    X(trivial, zephyr, suffix)   \
    X(trivial, dynamic, suffix)  \
    X(realistic, direct, suffix) \
    X(realistic, fnptr, suffix)  \
    X(realistic, zephyr, suffix) \
    X(realistic, dynamic, suffix)
#define BENCH_STATIC_LOOPS(X, suffix) \
    X(trivial, static, suffix)        \
    X(realistic, static, suffix)

/* Two levels, so that a suffix given as a macro (BENCH_SUFFIX) is expanded first. */
#define BENCH_LOOP_NAME(op, binding, suffix) BENCH_LOOP_NAME_(op, binding, suffix)
#define BENCH_LOOP_NAME_(op, binding, suffix) bench_loop_##op##_##binding##_##suffix
#define BENCH_DECLARE_LOOP(op, binding, suffix) \
    uint64_t BENCH_LOOP_NAME(op, binding, suffix)(uint64_t n);
BENCH_LOOPS(BENCH_DECLARE_LOOP, plain)
BENCH_STATIC_LOOPS(BENCH_DECLARE_LOOP, plain)
#ifdef BENCH_HAVE_RETPOLINE
BENCH_LOOPS(BENCH_DECLARE_LOOP, retpoline)
BENCH_STATIC_LOOPS(BENCH_DECLARE_LOOP, retpoline)
#endif

#endif /* AXV_BENCH_H */
