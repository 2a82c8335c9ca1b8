/**
 * @file areas.h
 * @brief Declares every built-in API area, generated from <axvisor_api/builtin_areas.h>.
 *
 * For each area `A` listed there: `struct axv_A_ops`, the op ids `axv_A_op_<op>`, one
 * `static inline` accessor `axv_A_<op>()` per op, `axv_A_register()`, `axv_A_validate()`,
 * `axv_A_get()`, `axv_A_reset()`, `axv_A_implements()` and the descriptor `axv_A_area`
 * (see <axvisor_api/area_declare.h>). Each op's contract is documented in its op list,
 * <axvisor_api/ops/A.h>.
 */
#ifndef AXVISOR_API_AREAS_H
#define AXVISOR_API_AREAS_H

#include <axvisor_api/types.h>

/* NOLINTNEXTLINE(bugprone-macro-parentheses): a header name for #include, not an expression */
#define AXV_AREA_OPS <axvisor_api/builtin_areas.h>
#define AXV_AREA_BUILTIN
#include <axvisor_api/area_declare.h>

AXV_EXTERN_C_BEGIN
/**
 * @ingroup axv_areas
 * @brief Position of each built-in area in <axvisor_api/builtin_areas.h>:
 * `axv_builtin_area_<area>`, and their count, #axv_num_builtin_areas.
 */
enum axv_builtin_area {
#define AXV_EACH_AREA(area) axv_builtin_area_##area,
#include <axvisor_api/each_area.h>
    axv_num_builtin_areas /**< Number of built-in areas. */
};
AXV_EXTERN_C_END

#endif /* AXVISOR_API_AREAS_H */
