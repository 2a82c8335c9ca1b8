/**
 * @file each_area.h
 * @ingroup axv_machinery
 * @brief Expands `AXV_EACH_AREA(area)` once per built-in area, in list order.
 *
 * For code that needs only the areas' names (an initialiser per area, a count, a call per
 * area). Define the macro, include this header where the expansion belongs (it may stand
 * inside an initialiser, an enum or a function body), and it is undefined again:
 * @code
 * #define AXV_EACH_AREA(area) .area = &my_##area##_ops,
 * #include <axvisor_api/each_area.h>
 * @endcode
 * The areas come from <axvisor_api/builtin_areas.h>. No include guard.
 */
#ifndef AXV_EACH_AREA
#error "define AXV_EACH_AREA(area) before including <axvisor_api/each_area.h>"
#endif

#define AXV_AREA_BEGIN(area) AXV_EACH_AREA(area)
#define AXV_OP(area, kind, ret, name, params)
#define AXV_AREA_END(area)
#include <axvisor_api/builtin_areas.h>
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END
#undef AXV_EACH_AREA
