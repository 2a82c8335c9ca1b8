/* Registry storage, defaults and registration of the console area. */
#include <axvisor_api/console.h>

#define AXV_AREA_OPS <axvisor_api/ops/console.h>
#include <axvisor_api/area_define.h>
