/**
 * @file area_impl.h
 * @ingroup axv_machinery
 * @brief Generates the prototypes and the ops table of an implementation of an area (the
 * C counterpart of the Rust crate's `api_impl`), from the area's op list.
 *
 * An implementation names its op functions `<prefix>_<area>_<op>`, e.g.
 * `axv_posix_memory_alloc_frame`. With that convention the op list gives everything else:
 * @code
 * // In a header the implementation's files share: prototypes and the table's declaration.
 * #define AXV_IMPL_PREFIX axv_posix
 * #define AXV_IMPL_DECLARE_ONLY
 * #define AXV_AREA_OPS <axvisor_api/ops/memory.h>
 * #include <axvisor_api/area_impl.h>
 *
 * // In one C file: the table `const struct axv_memory_ops axv_posix_memory_ops`, with every
 * // member pointing at the function of the same name.
 * #define AXV_IMPL_PREFIX axv_posix
 * #define AXV_AREA_OPS <axvisor_api/ops/memory.h>
 * #include <axvisor_api/area_impl.h>
 * @endcode
 * Every op must then be implemented: a missing one is a link error naming the function,
 * never a silent default. (A platform that leaves ops out writes its table by hand; NULL
 * members get the registry's defaults.) For a `FALLBACK` op with nothing better to offer,
 * the function forwards to the area's `axv_<area>_fallback_<op>()`. The same names are what
 * a static binding of the accessors calls directly.
 *
 * `AXV_AREA_OPS` may name a list of op lists: <axvisor_api/platform_impl.h> passes the
 * built-in list, for a whole platform in one inclusion. An implementation that does not
 * have an area of that list (the riscv area on an aarch64 board) defines
 * `AXV_IMPL_OMIT_<area>` as 1 before including: no prototype, no function and no table is
 * then asked for that area, and <axvisor_api/platform_impl.h> leaves its member of the
 * struct axv_platform NULL, so the area keeps its defaults. No include guard; it undefines
 * AXV_AREA_OPS and AXV_IMPL_DECLARE_ONLY, and keeps AXV_IMPL_PREFIX and every
 * `AXV_IMPL_OMIT_<area>` (both inclusions, prototypes and table, need them).
 */
#ifndef AXV_AREA_OPS
#error "define AXV_AREA_OPS as the op list's path before including <axvisor_api/area_impl.h>"
#endif
#ifndef AXV_IMPL_PREFIX
#error "define AXV_IMPL_PREFIX (e.g. axv_posix) before including <axvisor_api/area_impl.h>"
#endif

#include <axvisor_api/oplist.h>
#include <axvisor_api/registry.h>

/** @cond AXV_PRIVATE */
#define AXV_PRIV_IMPL_FN(area, name) AXV_PRIV_CAT(AXV_IMPL_PREFIX, _##area##_##name)
#define AXV_PRIV_IMPL_TABLE(area) AXV_PRIV_CAT(AXV_IMPL_PREFIX, _##area##_ops)
/* AXV_PRIV_IMPL_UNLESS_OMITTED(area, (code)) gives code, or nothing when
 * AXV_IMPL_OMIT_<area> is defined as 1 (the test of Linux's IS_ENABLED(): only a macro
 * defined as 1 turns into the placeholder `0,` that shifts 1 into the second argument).
 * The chosen KEEP macro is applied through AXV_PRIV_CALL, and TEST is variadic, so that
 * cppcheck's preprocessor (test/analysis) expands it as compilers do. */
#define AXV_PRIV_OMIT_PLACEHOLDER_1 0,
#define AXV_PRIV_OMIT_SECOND(ignored, val, ...) val
/* NOLINTNEXTLINE(bugprone-macro-parentheses): tokens spliced into an argument list */
#define AXV_PRIV_OMIT_TEST(...) AXV_PRIV_OMIT_SECOND(__VA_ARGS__ 1, 0, ~)
#define AXV_PRIV_OMIT_IS_1(value) AXV_PRIV_OMIT_TEST(AXV_PRIV_OMIT_PLACEHOLDER_##value)
#define AXV_PRIV_OMIT_IS_1_(value) AXV_PRIV_OMIT_IS_1(value)
#define AXV_PRIV_OMIT_KEEP_0(...) __VA_ARGS__
#define AXV_PRIV_OMIT_KEEP_1(...)
#define AXV_PRIV_IMPL_UNLESS_OMITTED(area, code)                                                \
    AXV_PRIV_CALL(AXV_PRIV_CAT(AXV_PRIV_OMIT_KEEP_, AXV_PRIV_OMIT_IS_1_(AXV_IMPL_OMIT_##area)), \
                  code)
/** @endcond */

AXV_EXTERN_C_BEGIN

/* Pass 1: one prototype per op, and the table's declaration. */
#define AXV_AREA_BEGIN(area)      \
    AXV_PRIV_IMPL_UNLESS_OMITTED( \
        area, (extern const struct axv_##area##_ops AXV_PRIV_IMPL_TABLE(area);))
#define AXV_OP(area, kind, ret, name, params) \
    AXV_PRIV_IMPL_UNLESS_OMITTED(area, (ret AXV_PRIV_IMPL_FN(area, name)(AXV_PARAMS(params));))
#define AXV_AREA_END(area)
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 2: the table, unless only declarations were asked for. */
#ifndef AXV_IMPL_DECLARE_ONLY
#define AXV_AREA_BEGIN(area) \
    AXV_PRIV_IMPL_UNLESS_OMITTED(area, (const struct axv_##area##_ops AXV_PRIV_IMPL_TABLE(area) = { \
        .hdr = AXV_OPS_HDR_INIT(struct axv_##area##_ops),))
#define AXV_OP(area, kind, ret, name, params) \
    AXV_PRIV_IMPL_UNLESS_OMITTED(area, (.name = AXV_PRIV_IMPL_FN(area, name), ))
#define AXV_AREA_END(area) AXV_PRIV_IMPL_UNLESS_OMITTED(area, ( \
    }                                                           \
    ;))
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END
#endif

AXV_EXTERN_C_END

#ifndef AXV_PRIV_IMPL_KEEP_OMIT
#undef AXV_PRIV_IMPL_FN
#undef AXV_PRIV_IMPL_TABLE
#undef AXV_PRIV_IMPL_UNLESS_OMITTED
#endif
#undef AXV_IMPL_DECLARE_ONLY
#undef AXV_AREA_OPS
