// Two generated cases per op (see op_tests.h): for every built-in area from the list of
// built-in areas, and for the component-defined demo area from its own op list.
#include "test_support.h"

namespace {

#define AXV_AREA_OPS <axvisor_api/builtin_areas.h>
#include "op_tests.h"

#define AXV_AREA_OPS <demo_vgic/ops.h>
#include "op_tests.h"

} // namespace
