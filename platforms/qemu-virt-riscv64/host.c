/* Host area: the harts that came up (smp.c), out of the device tree's /cpus (QEMU's -smp),
 * and where that device tree is (dtb.c keeps the address OpenSBI passed in a1; boot.c keeps
 * its frames from the allocator). */
#include "board.h"
#include "ops.h"
#include "percpu.h"

size_t axv_qemu_host_cpu_num(void) {
    return axv_qemu_percpu_count();
}

int axv_qemu_host_fdt_address(axv_paddr_t *addr) {
    if (addr == NULL)
        return AXV_EINVAL;
    axv_paddr_t found = axv_qemu_dtb_address();
    if (found == 0)
        return AXV_ENOENT;
    *addr = found;
    return AXV_OK;
}
