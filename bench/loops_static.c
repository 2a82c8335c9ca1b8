/*
 * The static accessor's loops: this file is compiled against a config.h generated for
 * static binding (AXV_BINDING_STATIC, AXV_STATIC_PREFIX), so axv_host_cpu_num() and
 * axv_time_current_ticks() are exactly the accessors a static build's components call.
 * BENCH_STATIC_OP selects the op: the trivial one is bound to prefix axv_bench (its
 * function returns a constant), the realistic one to axv_posix.
 */
#include <axvisor_api/axvisor_api.h>

#include "bench.h"

#if !AXV_BINDING_STATIC
#error "loops_static.c needs the static-binding config.h"
#endif

#define LOOP(op, binding, call)                                                      \
    BENCH_NOINLINE uint64_t BENCH_LOOP_NAME(op, binding, BENCH_SUFFIX)(uint64_t n) { \
        uint64_t sum = 0;                                                            \
        for (uint64_t i = 0; i < n; i++)                                             \
            sum += (uint64_t)(call);                                                 \
        return sum;                                                                  \
    }

#if BENCH_STATIC_OP_TRIVIAL
LOOP(trivial, static, axv_host_cpu_num())
#else
LOOP(realistic, static, axv_time_current_ticks())
#endif
