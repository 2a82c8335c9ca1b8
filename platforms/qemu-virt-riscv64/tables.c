/* The platform's ops tables and its struct axv_platform, generated from the op lists: member
 * <op> of area <area> is axv_qemu_<area>_<op>, so a missing op is a link error, never a silent
 * default. */
#include "ops.h"

#define AXV_IMPL_PREFIX axv_qemu
#define AXV_IMPL_PLATFORM axv_qemu_virt_platform
#define AXV_IMPL_PLATFORM_NAME "qemu-virt-riscv64"
#include <axvisor_api/platform_impl.h>
