/**
 * @file platform_impl.h
 * @ingroup axv_machinery
 * @brief <axvisor_api/area_impl.h> for every built-in area at once: the prototypes (with
 * AXV_IMPL_DECLARE_ONLY) or the ops tables of a complete platform named AXV_IMPL_PREFIX.
 * @code
 * #define AXV_IMPL_PREFIX axv_posix
 * #define AXV_IMPL_DECLARE_ONLY        // in the platform's shared header; omit in tables.c
 * #include <axvisor_api/platform_impl.h>
 * @endcode
 * No include guard; it undefines AXV_IMPL_PREFIX and AXV_IMPL_DECLARE_ONLY.
 */
#ifndef AXV_IMPL_PREFIX
#error "define AXV_IMPL_PREFIX (e.g. axv_posix) before including <axvisor_api/platform_impl.h>"
#endif

#include <axvisor_api/builtin_areas.h>
#include <axvisor_api/platform.h>

/* Includes cannot be generated, so the areas are listed here; the check keeps the list and
 * AXV_BUILTIN_AREAS in step. */
#define AXV_PRIV_IMPL_COUNT(area) +1
typedef char axv_priv_platform_impl_lists_every_area[(0 AXV_BUILTIN_AREAS(AXV_PRIV_IMPL_COUNT)) == 6
                                                         ? 1
                                                         : -1];
#undef AXV_PRIV_IMPL_COUNT

#ifdef AXV_IMPL_DECLARE_ONLY
#define AXV_PRIV_PLATFORM_DECLARE_ONLY
#endif

#ifdef AXV_PRIV_PLATFORM_DECLARE_ONLY
#define AXV_IMPL_DECLARE_ONLY
#endif
#define AXV_AREA_OPS <axvisor_api/ops/memory.h>
#include <axvisor_api/area_impl.h>

#ifdef AXV_PRIV_PLATFORM_DECLARE_ONLY
#define AXV_IMPL_DECLARE_ONLY
#endif
#define AXV_AREA_OPS <axvisor_api/ops/time.h>
#include <axvisor_api/area_impl.h>

#ifdef AXV_PRIV_PLATFORM_DECLARE_ONLY
#define AXV_IMPL_DECLARE_ONLY
#endif
#define AXV_AREA_OPS <axvisor_api/ops/vmm.h>
#include <axvisor_api/area_impl.h>

#ifdef AXV_PRIV_PLATFORM_DECLARE_ONLY
#define AXV_IMPL_DECLARE_ONLY
#endif
#define AXV_AREA_OPS <axvisor_api/ops/host.h>
#include <axvisor_api/area_impl.h>

#ifdef AXV_PRIV_PLATFORM_DECLARE_ONLY
#define AXV_IMPL_DECLARE_ONLY
#endif
#define AXV_AREA_OPS <axvisor_api/ops/arch.h>
#include <axvisor_api/area_impl.h>

#ifdef AXV_PRIV_PLATFORM_DECLARE_ONLY
#define AXV_IMPL_DECLARE_ONLY
#endif
#define AXV_AREA_OPS <axvisor_api/ops/console.h>
#include <axvisor_api/area_impl.h>

#undef AXV_PRIV_PLATFORM_DECLARE_ONLY
#undef AXV_IMPL_PREFIX
