/* Registry storage, defaults and registration of the time area. */
#include <axvisor_api/time.h>

#define AXV_AREA_OPS <axvisor_api/ops/time.h>
#include <axvisor_api/area_define.h>
