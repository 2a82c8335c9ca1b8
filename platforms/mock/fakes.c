/* The fakes of the built-in areas, generated from their op lists. */
#include <axvisor_api/mock/fakes.h>

/* NOLINTNEXTLINE(bugprone-macro-parentheses): a header name for #include, not an expression */
#define AXV_AREA_OPS <axvisor_api/builtin_areas.h>
#include <axvisor_api/mock/fake_define.h>
