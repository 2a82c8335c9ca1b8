/* Host facts: the CPUs the hypervisor process may run on; no device tree (a process boots
 * from none, and a hosted test that needs one builds its own). */
#include <unistd.h>

#include "posix_internal.h"

size_t axv_posix_host_cpu_num(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

/* cppcheck-suppress constParameter ; the op's signature: an out-parameter, unwritten here */
int axv_posix_host_fdt_address(axv_paddr_t *addr) {
    return addr == NULL ? AXV_EINVAL : AXV_ENOENT;
}
