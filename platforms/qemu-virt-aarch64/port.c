/* Port hook for the core (AXV_PORT=external). The MMU is off (no stage-1 page tables are
 * set up), so nothing can be made read-only: sealing still ends registration, and the
 * registry simply stays writable in memory. */
#include <axvisor_api/port.h>
#include <axvisor_api/types.h>

int axv_port_protect_readonly(void *start, size_t size) {
    (void)start;
    (void)size;
    return AXV_ENOSYS;
}
