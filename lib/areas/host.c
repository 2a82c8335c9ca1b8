/* Registry storage, defaults and registration of the host area. */
#include <axvisor_api/host.h>

#define AXV_AREA_OPS <axvisor_api/ops/host.h>
#include <axvisor_api/area_define.h>
