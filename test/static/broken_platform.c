/*
 * The platform "broken" of static.missing_op: every op of every built-in area, generated
 * from the list of built-in areas as axv_broken_<area>_<op>, except memory.alloc_frame, which the macro
 * below renames out of the way (token pasting yields the name, then rescanning replaces it).
 */
#include <axvisor_api/axvisor_api.h>

#define axv_broken_memory_alloc_frame axv_broken_memory_alloc_frame_renamed

#define AXV_BROKEN_BODY_STATUS(ret) return AXV_ENOSYS;
#define AXV_BROKEN_BODY_FALLBACK(ret) return AXV_ENOSYS;
#define AXV_BROKEN_BODY_VALUE(ret) return (ret)0;
#define AXV_BROKEN_BODY_VOID(ret)

#define AXV_AREA_BEGIN(area)
#define AXV_OP(area, kind, ret, name, params)            \
    ret axv_broken_##area##_##name(AXV_PARAMS(params));  \
    ret axv_broken_##area##_##name(AXV_PARAMS(params)) { \
        AXV_UNUSED_PARAMS(params)                        \
        AXV_BROKEN_BODY_##kind(ret)                      \
    }
#define AXV_AREA_END(area)
#include <axvisor_api/builtin_areas.h>
