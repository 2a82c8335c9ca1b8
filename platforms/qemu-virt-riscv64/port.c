/* Port hook for the core (AXV_PORT=external): sealing maps the registry read-only in the
 * HS-mode Sv39 tables (mmu.c), on every hart. The registry's objects are smaller than a page
 * and share pages; image.ld gives section axv_registry pages of its own, so the pages
 * covering an object hold nothing else and can be protected whole. */
#include <stdint.h>

#include <axvisor_api/port.h>
#include <axvisor_api/types.h>
#include "mmu.h"

#define PAGE_SIZE 0x1000u

extern char axv_registry_start[], axv_registry_end[]; /* image.ld, page-aligned */

int axv_port_protect_readonly(void *start, size_t size) {
    uintptr_t begin = (uintptr_t)start, end = begin + size;
    if (begin < (uintptr_t)axv_registry_start || end > (uintptr_t)axv_registry_end || end < begin)
        return AXV_EINVAL;
    uintptr_t first = begin & ~(uintptr_t)(PAGE_SIZE - 1);
    uintptr_t last = (end + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1);
    return axv_qemu_mmu_protect_readonly(first, last - first);
}
