/* Host: the tiny machine has one CPU, and boots without a device tree. */
#include "tiny.h"

size_t axv_tiny_host_cpu_num(void) {
    return 1;
}

/* cppcheck-suppress constParameter ; the op's signature: an out-parameter, unwritten here */
int axv_tiny_host_fdt_address(axv_paddr_t *addr) {
    return addr == NULL ? AXV_EINVAL : AXV_ENOENT;
}
