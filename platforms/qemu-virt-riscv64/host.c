/* Host area: the harts that came up (smp.c), out of the device tree's /cpus (QEMU's -smp). */
#include "ops.h"
#include "percpu.h"

size_t axv_qemu_host_cpu_num(void) {
    return axv_qemu_percpu_count();
}
