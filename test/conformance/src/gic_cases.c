/* gic cases: every value op of the area (GIC register values and base addresses) gives the
 * same answer each time. Generated from the op list, so a new value op gets its case; the
 * status op (hardware injection) needs the target vCPU's CPU and is not checked here. */
#include "suite.h"

/* One "<op>_stable" case per VALUE op; every VALUE op of the gic list takes no argument. */
#define AXV_CONF_STABLE_STATUS(area, ret, name)
#define AXV_CONF_STABLE_VOID(area, ret, name)
#define AXV_CONF_STABLE_FALLBACK(area, ret, name)
#define AXV_CONF_STABLE_VALUE(area, ret, name)                         \
    static void case_##name##_stable(struct axv_conf_case *c) {        \
        if (!AXV_CONF_REQUIRE(c, area, name))                          \
            return;                                                    \
        uint64_t first = (uint64_t)axv_##area##_##name();              \
        for (int i = 0; i < 3; i++) {                                  \
            uint64_t again = (uint64_t)axv_##area##_##name();          \
            if (again != first) {                                      \
                struct axv_conf_text *t = axv_conf_fail(c);            \
                axv_conf_put_str(t, #name " changed between calls: "); \
                axv_conf_put_hex(t, first);                            \
                axv_conf_put_str(t, " then ");                         \
                axv_conf_put_hex(t, again);                            \
                return;                                                \
            }                                                          \
        }                                                              \
    }
#define AXV_AREA_BEGIN(area)
#define AXV_OP(area, kind, ret, name, params) AXV_CONF_STABLE_##kind(area, ret, name)
#define AXV_AREA_END(area)
#include <axvisor_api/ops/gic.h>
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

#define AXV_CONF_ENTRY_STATUS(name)
#define AXV_CONF_ENTRY_VOID(name)
#define AXV_CONF_ENTRY_FALLBACK(name)
#define AXV_CONF_ENTRY_VALUE(name) {#name "_stable", case_##name##_stable},
#define AXV_AREA_BEGIN(area)
#define AXV_OP(area, kind, ret, name, params) AXV_CONF_ENTRY_##kind(name)
#define AXV_AREA_END(area)
static const struct axv_conf_case_def gic_cases[] = {
#include <axvisor_api/ops/gic.h>
};
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

const struct axv_conf_area_cases axv_conf_gic_cases = {gic_cases, AXV_CONF_COUNT(gic_cases)};
