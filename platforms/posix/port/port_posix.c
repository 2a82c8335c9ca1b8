/* The POSIX port: sealing makes registry pages read-only with mprotect(). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include <axvisor_api/port.h>
#include <axvisor_api/types.h>

int axv_port_protect_readonly(void *start, size_t size) {
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0)
        return AXV_ENOSYS;
    /* Slots are AXV_REGISTRY_ALIGN-aligned; a host with larger pages cannot protect them
     * without also protecting their neighbours. */
    if ((uintptr_t)start % (uintptr_t)page != 0 || size % (size_t)page != 0)
        return AXV_EINVAL;
    if (mprotect(start, size, PROT_READ) != 0)
        return errno == ENOMEM ? AXV_ENOMEM : AXV_EINVAL;
    return AXV_OK;
}
