/* The benchmark's call targets, in their own translation unit so no loop can inline them. */
#include <axvisor_api/axvisor_api.h>

#include "bench.h"

#define AXV_IMPL_PREFIX axv_posix
#define AXV_IMPL_DECLARE_ONLY
#include <axvisor_api/platform_impl.h>

size_t axv_bench_host_cpu_num(void) {
    return 4;
}

size_t (*bench_trivial_fp)(void) = axv_bench_host_cpu_num;
axv_ticks_t (*bench_realistic_fp)(void) = axv_posix_time_current_ticks;

static const struct bench_api bench_api = {
    .trivial = axv_bench_host_cpu_num,
    .realistic = axv_posix_time_current_ticks,
};
struct bench_device bench_dev = {.name = "bench", .api = &bench_api};

static const struct axv_host_ops bench_host_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_host_ops),
    .cpu_num = axv_bench_host_cpu_num,
};

void bench_register_trivial_host(void) {
    if (axv_host_register(&bench_host_ops) != AXV_OK)
        axv_fatal("bench: cannot register the trivial host table");
}
