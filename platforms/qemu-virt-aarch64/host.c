/* Host area: the CPU count from the device tree's /cpus node (QEMU's -smp). Only CPU 0
 * runs the platform; the others stay parked in start.S. */
#include "qemu_internal.h"

static size_t cpus;

void axv_qemu_host_start(size_t cpu_count) {
    cpus = cpu_count;
}

size_t axv_qemu_host_cpu_num(void) {
    return cpus;
}
