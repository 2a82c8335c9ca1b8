/* The platform's ops tables, generated from the op lists: member <op> of area <area> is
 * axv_qemu_<area>_<op>, so a missing op is a link error, never a silent default. */
#include "qemu_internal.h"

#define AXV_IMPL_PREFIX axv_qemu
#include <axvisor_api/platform_impl.h>
