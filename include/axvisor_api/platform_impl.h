/**
 * @file platform_impl.h
 * @ingroup axv_machinery
 * @brief <axvisor_api/area_impl.h> for every built-in area at once: the prototypes (with
 * AXV_IMPL_DECLARE_ONLY) or the ops tables of a complete platform named AXV_IMPL_PREFIX,
 * and optionally its struct axv_platform.
 * @code
 * #define AXV_IMPL_PREFIX axv_posix
 * #define AXV_IMPL_PLATFORM axv_posix_platform  // optional: also the struct axv_platform
 * #define AXV_IMPL_PLATFORM_NAME "posix"         // its name (with AXV_IMPL_PLATFORM)
 * #define AXV_IMPL_DECLARE_ONLY        // in the platform's shared header; omit in tables.c
 * #include <axvisor_api/platform_impl.h>
 * @endcode
 * With AXV_IMPL_PLATFORM, the platform's table of every built-in area is member `.area` of
 * that struct (only declared with AXV_IMPL_DECLARE_ONLY). A platform without an area's
 * hardware defines `AXV_IMPL_OMIT_<area>` as 1 (in its shared header, so both inclusions
 * see it): that area needs no function, and its member stays NULL, so installing leaves
 * its defaults. No include guard; it undefines every macro above but the
 * `AXV_IMPL_OMIT_<area>`.
 */
#ifndef AXV_IMPL_PREFIX
#error "define AXV_IMPL_PREFIX (e.g. axv_posix) before including <axvisor_api/platform_impl.h>"
#endif

#include <axvisor_api/platform.h>

#ifdef AXV_IMPL_DECLARE_ONLY
#define AXV_PRIV_PLATFORM_DECLARE_ONLY
#endif

/* NOLINTNEXTLINE(bugprone-macro-parentheses): a header name for #include, not an expression */
#define AXV_AREA_OPS <axvisor_api/builtin_areas.h>
/* Keeps area_impl.h's omission test for the struct axv_platform below. */
#define AXV_PRIV_IMPL_KEEP_OMIT
#include <axvisor_api/area_impl.h>
#undef AXV_PRIV_IMPL_KEEP_OMIT

#ifdef AXV_IMPL_PLATFORM
AXV_EXTERN_C_BEGIN
#ifdef AXV_PRIV_PLATFORM_DECLARE_ONLY
extern const struct axv_platform AXV_IMPL_PLATFORM;
#else
#ifndef AXV_IMPL_PLATFORM_NAME
#error "define AXV_IMPL_PLATFORM_NAME (a string) with AXV_IMPL_PLATFORM"
#endif
const struct axv_platform AXV_IMPL_PLATFORM = {
    .name = AXV_IMPL_PLATFORM_NAME,
#define AXV_EACH_AREA(area) \
    AXV_PRIV_IMPL_UNLESS_OMITTED(area, (.area = &AXV_PRIV_CAT(AXV_IMPL_PREFIX, _##area##_ops), ))
#include <axvisor_api/each_area.h>
};
#endif
AXV_EXTERN_C_END
#endif

#undef AXV_PRIV_IMPL_FN
#undef AXV_PRIV_IMPL_TABLE
#undef AXV_PRIV_IMPL_UNLESS_OMITTED

#undef AXV_PRIV_PLATFORM_DECLARE_ONLY
#undef AXV_IMPL_PLATFORM
#undef AXV_IMPL_PLATFORM_NAME
#undef AXV_IMPL_PREFIX
