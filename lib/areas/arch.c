/* Registry storage, defaults and registration of the arch area. */
#include <axvisor_api/arch.h>

#define AXV_AREA_OPS <axvisor_api/ops/arch.h>
#include <axvisor_api/area_define.h>
