/* The fakes of the built-in areas, generated from their op lists. */
#include <axvisor_api/mock/fakes.h>

#define AXV_AREA_OPS <axvisor_api/ops/memory.h>
#include <axvisor_api/mock/fake_define.h>
#define AXV_AREA_OPS <axvisor_api/ops/time.h>
#include <axvisor_api/mock/fake_define.h>
#define AXV_AREA_OPS <axvisor_api/ops/vmm.h>
#include <axvisor_api/mock/fake_define.h>
#define AXV_AREA_OPS <axvisor_api/ops/host.h>
#include <axvisor_api/mock/fake_define.h>
#define AXV_AREA_OPS <axvisor_api/ops/arch.h>
#include <axvisor_api/mock/fake_define.h>
#define AXV_AREA_OPS <axvisor_api/ops/console.h>
#include <axvisor_api/mock/fake_define.h>
