/* Registry storage, defaults and registration of the memory area. */
#include <axvisor_api/memory.h>

#define AXV_AREA_OPS <axvisor_api/ops/memory.h>
#include <axvisor_api/area_define.h>
