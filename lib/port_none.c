/* The port for builds with no way to protect memory: sealing still closes registration. */
#include <axvisor_api/port.h>
#include <axvisor_api/types.h>

int axv_port_protect_readonly(void *start, size_t size) {
    (void)start;
    (void)size;
    return AXV_ENOSYS;
}
