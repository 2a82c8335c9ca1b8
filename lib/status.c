/* Status code descriptions. */
#include <axvisor_api/types.h>

const char *axv_strerror(int status) {
    switch (status) {
    case AXV_OK:
        return "success";
    case AXV_EPERM:
        return "operation not permitted (registry sealed?)";
    case AXV_ENOENT:
        return "no such object";
    case AXV_ENOMEM:
        return "out of memory or resources";
    case AXV_EBUSY:
        return "resource busy";
    case AXV_EINVAL:
        return "invalid argument";
    case AXV_ENOSYS:
        return "operation not implemented by the platform";
    case AXV_EVERSION:
        return "ops table ABI version mismatch";
    default:
        return "unknown status";
    }
}
