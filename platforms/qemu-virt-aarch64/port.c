/* Port hook for the core (AXV_PORT=external): sealing maps the registry's slots read-only
 * in the EL2 stage-1 tables (mmu.c), on every CPU. */
#include <axvisor_api/port.h>
#include "mmu.h"

int axv_port_protect_readonly(void *start, size_t size) {
    return axv_qemu_mmu_protect_readonly((uintptr_t)start, size);
}
