/* The tiny platform's ops tables, generated from the op lists (member <op> of area <area> is
 * axv_tiny_<area>_<op>), and the platform that gathers them. */
#include "tiny.h"

#define AXV_IMPL_PREFIX axv_tiny
#include <axvisor_api/platform_impl.h>

const struct axv_platform axv_tiny_platform = {
    .name = "tiny",
    .memory = &axv_tiny_memory_ops,
    .time = &axv_tiny_time_ops,
    .vmm = &axv_tiny_vmm_ops,
    .host = &axv_tiny_host_ops,
    .arch = &axv_tiny_arch_ops,
    .console = &axv_tiny_console_ops,
};
