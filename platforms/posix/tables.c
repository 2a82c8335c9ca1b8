/* The platform's ops tables and its struct axv_platform, generated from the op lists: member
 * <op> of area <area> is axv_posix_<area>_<op>, so a missing op is a link error, never a silent
 * default. */
#include "posix_internal.h"

#define AXV_IMPL_PREFIX axv_posix
#define AXV_IMPL_PLATFORM axv_posix_platform
#define AXV_IMPL_PLATFORM_NAME "posix"
#include <axvisor_api/platform_impl.h>
