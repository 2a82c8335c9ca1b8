/**
 * @file area_declare.h
 * @brief Generates an API area's public declarations from its op list.
 *
 * Include it with `AXV_AREA_OPS` defined as the op list's path, in the area's header:
 * @code
 * #define AXV_AREA_OPS <my_component/vgic_ops.h>
 * #include <axvisor_api/area_declare.h>
 * @endcode
 * For an area `A` this declares:
 * - `enum axv_A_op` with one `axv_A_op_<op>` per op and `axv_A_num_ops`;
 * - `struct axv_A_ops`: `struct axv_ops_hdr hdr` then one function pointer per op, named as
 *   the op (the table a platform fills);
 * - one `static inline` accessor `axv_A_<op>()` per op: a single indirect call through the
 *   registry slot, with no NULL check (slots always hold a default);
 * - `axv_A_fallback_<op>()` for each `FALLBACK` op (the area's author defines it);
 * - `axv_A_register()`, `axv_A_validate()`, `axv_A_get()`, `axv_A_reset()`,
 *   `axv_A_implements()` and the descriptor `axv_A_area`.
 *
 * One translation unit must also include <axvisor_api/area_define.h> for the same list.
 * The names register, validate, get, reset and implements are taken: no op may use them.
 * This header has no include guard (it runs once per area); it undefines AXV_AREA_OPS.
 */
#ifndef AXV_AREA_OPS
#error "define AXV_AREA_OPS as the op list's path before including <axvisor_api/area_declare.h>"
#endif

#include <stdbool.h>
#include <axvisor_api/oplist.h>
#include <axvisor_api/registry.h>

AXV_EXTERN_C_BEGIN

/* Pass 1: op ids, for capability queries and generic tooling. */
#define AXV_AREA_BEGIN(area) enum axv_##area##_op {
#define AXV_OP(area, kind, ret, name, params) axv_##area##_op_##name,
#define AXV_AREA_END(area) \
    axv_##area##_num_ops   \
    }                      \
    ;
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 2: the ops table, the slot that holds its registered copy, and the area's API. */
#define AXV_AREA_BEGIN(area)  \
    struct axv_##area##_ops { \
        struct axv_ops_hdr hdr;
#define AXV_OP(area, kind, ret, name, params) ret (*name)(AXV_PARAMS(params));
#define AXV_AREA_END(area)                                                                       \
    }                                                                                            \
    ;                                                                                            \
    struct axv_##area##_slot {                                                                   \
        struct axv_##area##_ops ops;                                                             \
        struct axv_area_state state;                                                             \
    } AXV_ALIGNED(AXV_REGISTRY_ALIGN);                                                           \
    extern struct axv_##area##_slot axv_priv_##area##_slot AXV_HIDDEN;                           \
    extern const struct axv_area_desc axv_##area##_area;                                         \
    int axv_##area##_register(const struct axv_##area##_ops *ops);                               \
    int axv_##area##_validate(const struct axv_##area##_ops *ops);                               \
    int axv_##area##_get(struct axv_##area##_ops *out);                                          \
    int axv_##area##_reset(void);                                                                \
    static inline bool axv_##area##_implements(enum axv_##area##_op op) {                        \
        return axv_area_op_implemented(&axv_priv_##area##_slot.state, op, axv_##area##_num_ops); \
    }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 3: fallbacks and accessors. An accessor is one load and one indirect call. */
#define AXV_PRIV_FALLBACK_DECL_STATUS(area, ret, name, params)
#define AXV_PRIV_FALLBACK_DECL_VALUE(area, ret, name, params)
#define AXV_PRIV_FALLBACK_DECL_VOID(area, ret, name, params)
#define AXV_PRIV_FALLBACK_DECL_FALLBACK(area, ret, name, params) \
    ret axv_##area##_fallback_##name(AXV_PARAMS(params));
#define AXV_AREA_BEGIN(area)
#define AXV_OP(area, kind, ret, name, params)                                                     \
    AXV_PRIV_FALLBACK_DECL_##kind(area, ret, name, params) static inline ret axv_##area##_##name( \
        AXV_PARAMS(params)) {                                                                     \
        AXV_PRIV_RETURN_##kind axv_priv_##area##_slot.ops.name(AXV_ARGS(params));                 \
    }
#define AXV_AREA_END(area)
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END
#undef AXV_PRIV_FALLBACK_DECL_STATUS
#undef AXV_PRIV_FALLBACK_DECL_VALUE
#undef AXV_PRIV_FALLBACK_DECL_VOID
#undef AXV_PRIV_FALLBACK_DECL_FALLBACK

AXV_EXTERN_C_END

#undef AXV_AREA_OPS
