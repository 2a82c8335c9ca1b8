/* Host area: the CPUs that came up (smp.c), out of the device tree's /cpus (QEMU's -smp). */
#include "qemu_internal.h"

static size_t cpus;

void axv_qemu_host_start(size_t cpu_count) {
    cpus = cpu_count;
}

size_t axv_qemu_host_cpu_num(void) {
    return cpus;
}
