/*
 * The measured loops for direct, function-pointer, Zephyr-style and dynamic-accessor calls.
 * Built twice: BENCH_SUFFIX plain, and retpoline with the compiler's retpoline flags. Each
 * loop is what n consecutive call sites cost: the call, plus adding its result to a sum
 * (which keeps the call's result live).
 */
#include <errno.h>

#include <axvisor_api/axvisor_api.h>

#include "bench.h"

#define AXV_IMPL_PREFIX axv_posix
#define AXV_IMPL_DECLARE_ONLY
#include <axvisor_api/platform_impl.h>

#ifndef BENCH_SUFFIX
#error "define BENCH_SUFFIX (plain or retpoline)"
#endif

/* What a Zephyr driver API wrapper does: the table comes from the device, and an op left
 * NULL answers -ENOSYS. */
static inline size_t z_trivial(const struct bench_device *dev) {
    const struct bench_api *api = dev->api;
    if (api->trivial == NULL)
        return (size_t)-ENOSYS;
    return api->trivial();
}

static inline axv_ticks_t z_realistic(const struct bench_device *dev) {
    const struct bench_api *api = dev->api;
    if (api->realistic == NULL)
        return (axv_ticks_t)-ENOSYS;
    return api->realistic();
}

#define LOOP(op, binding, call)                                                      \
    BENCH_NOINLINE uint64_t BENCH_LOOP_NAME(op, binding, BENCH_SUFFIX)(uint64_t n) { \
        uint64_t sum = 0;                                                            \
        for (uint64_t i = 0; i < n; i++)                                             \
            sum += (uint64_t)(call);                                                 \
        return sum;                                                                  \
    }

LOOP(trivial, direct, axv_bench_host_cpu_num())
LOOP(trivial, fnptr, bench_trivial_fp())
LOOP(trivial, zephyr, z_trivial(&bench_dev))
LOOP(trivial, dynamic, axv_host_cpu_num())
LOOP(realistic, direct, axv_posix_time_current_ticks())
LOOP(realistic, fnptr, bench_realistic_fp())
LOOP(realistic, zephyr, z_realistic(&bench_dev))
LOOP(realistic, dynamic, axv_time_current_ticks())
