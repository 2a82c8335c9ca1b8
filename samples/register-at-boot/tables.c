/* The tiny platform's ops tables and the struct axv_platform that gathers them, generated
 * from the list of built-in areas (member <op> of area <area> is axv_tiny_<area>_<op>). */
#include "tiny.h"

#define AXV_IMPL_PREFIX axv_tiny
#define AXV_IMPL_PLATFORM axv_tiny_platform
#define AXV_IMPL_PLATFORM_NAME "tiny"
#include <axvisor_api/platform_impl.h>
