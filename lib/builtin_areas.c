/* Registry storage, defaults and registration of every built-in area, generated from the
 * list of built-in areas. */
#include <axvisor_api/areas.h>

/* NOLINTNEXTLINE(bugprone-macro-parentheses): a header name for #include, not an expression */
#define AXV_AREA_OPS <axvisor_api/builtin_areas.h>
#include <axvisor_api/area_define.h>
