/**
 * @file area_declare.h
 * @ingroup axv_machinery
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
 *
 * Static binding: with `AXV_AREA_STATIC_PREFIX` defined (say as `my_plat`), each accessor
 * is instead one direct call to `my_plat_<area>_<op>()`, declared here; the registry still
 * validates and stores tables, but no accessor reads them, and `axv_A_implements()` is
 * true for every op (the bound functions must all exist, or the link fails naming the
 * missing one). The built-in areas' headers define `AXV_AREA_BUILTIN`, which binds them
 * to `AXV_STATIC_PREFIX` when the generated config.h says `AXV_BINDING_STATIC`;
 * component-defined areas stay dynamic unless their header opts in.
 *
 * This header has no include guard (it runs once per area); it undefines AXV_AREA_OPS,
 * AXV_AREA_BUILTIN and AXV_AREA_STATIC_PREFIX.
 */
#ifndef AXV_AREA_OPS
#error "define AXV_AREA_OPS as the op list's path before including <axvisor_api/area_declare.h>"
#endif

#include <stdbool.h>
#include <axvisor_api/oplist.h>
#include <axvisor_api/registry.h>

#if defined(AXV_AREA_BUILTIN) && AXV_BINDING_STATIC && !defined(AXV_AREA_STATIC_PREFIX)
#define AXV_AREA_STATIC_PREFIX AXV_STATIC_PREFIX
#endif

/* The one place the binding shows: what an accessor calls, and what implements() says. */
#ifdef AXV_AREA_STATIC_PREFIX
#define AXV_PRIV_ACCESSOR_TARGET(area, name) AXV_PRIV_CAT(AXV_AREA_STATIC_PREFIX, _##area##_##name)
#define AXV_PRIV_ACCESSOR_DECL(area, ret, name, params) \
    ret AXV_PRIV_ACCESSOR_TARGET(area, name)(AXV_PARAMS(params));
#define AXV_PRIV_IMPLEMENTS(area, op) axv_area_op_in_range(op, axv_##area##_num_ops)
#else
#define AXV_PRIV_ACCESSOR_TARGET(area, name) axv_priv_##area##_slot.ops.name
#define AXV_PRIV_ACCESSOR_DECL(area, ret, name, params)
#define AXV_PRIV_IMPLEMENTS(area, op) \
    axv_area_op_implemented(&axv_priv_##area##_slot.state, op, axv_##area##_num_ops)
#endif

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
/* NOLINTNEXTLINE(bugprone-macro-parentheses): name is a member declarator, ret a type */
#define AXV_OP(area, kind, ret, name, params) ret (*name)(AXV_PARAMS(params));
#define AXV_AREA_END(area)                                                \
    }                                                                     \
    ;                                                                     \
    struct axv_##area##_slot {                                            \
        struct axv_##area##_ops ops;                                      \
        struct axv_area_state state;                                      \
    } AXV_ALIGNED(AXV_REGISTRY_ALIGN);                                    \
    extern struct axv_##area##_slot axv_priv_##area##_slot AXV_HIDDEN;    \
    extern const struct axv_area_desc axv_##area##_area;                  \
    int axv_##area##_register(const struct axv_##area##_ops *ops);        \
    int axv_##area##_validate(const struct axv_##area##_ops *ops);        \
    int axv_##area##_get(struct axv_##area##_ops *out);                   \
    int axv_##area##_reset(void);                                         \
    static inline bool axv_##area##_implements(enum axv_##area##_op op) { \
        return AXV_PRIV_IMPLEMENTS(area, op);                             \
    }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 3: fallbacks and accessors. An accessor is one load and one indirect call (one
 * direct call in static binding). */
#define AXV_PRIV_FALLBACK_DECL_STATUS(area, ret, name, params)
#define AXV_PRIV_FALLBACK_DECL_VALUE(area, ret, name, params)
#define AXV_PRIV_FALLBACK_DECL_VOID(area, ret, name, params)
#define AXV_PRIV_FALLBACK_DECL_FALLBACK(area, ret, name, params) \
    ret axv_##area##_fallback_##name(AXV_PARAMS(params));
#define AXV_AREA_BEGIN(area)
#define AXV_OP(area, kind, ret, name, params)                                                \
    AXV_PRIV_FALLBACK_DECL_##kind(area, ret, name, params) AXV_PRIV_ACCESSOR_DECL(           \
        area, ret, name, params) static inline ret axv_##area##_##name(AXV_PARAMS(params)) { \
        AXV_PRIV_RETURN_##kind AXV_PRIV_ACCESSOR_TARGET(area, name)(AXV_ARGS(params));       \
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

#undef AXV_PRIV_ACCESSOR_TARGET
#undef AXV_PRIV_ACCESSOR_DECL
#undef AXV_PRIV_IMPLEMENTS
#undef AXV_AREA_STATIC_PREFIX
#undef AXV_AREA_BUILTIN
#undef AXV_AREA_OPS
