/**
 * @file builtin_areas.h
 * @ingroup axv_machinery
 * @brief The list of built-in API areas: the one place that names them.
 *
 * Each line includes one area's op list. Everything that exists once per built-in area is
 * generated from this list by including it with `AXV_AREA_BEGIN`, `AXV_OP` and
 * `AXV_AREA_END` defined: the declarations (<axvisor_api/areas.h>), the registry storage
 * (lib/), the members of struct axv_platform, a platform's tables and prototypes
 * (<axvisor_api/platform_impl.h>), the static-binding check, the fakes, the gMock classes,
 * the generated per-op tests and the reference documentation. Code that only needs the
 * names visits them with <axvisor_api/each_area.h>.
 *
 * Adding a built-in area therefore means writing its op list in <axvisor_api/ops/> and
 * adding its line here; the order here is the order of struct axv_platform's members.
 *
 * No include guard: it is expanded once per generated piece.
 */
#ifndef AXV_OP
#error \
    "<axvisor_api/builtin_areas.h> is expanded by the generators: include <axvisor_api/axvisor_api.h>, or <axvisor_api/each_area.h> to visit the areas"
#endif

#include <axvisor_api/config.h>

#include <axvisor_api/ops/memory.h>
#include <axvisor_api/ops/time.h>
#include <axvisor_api/ops/vmm.h>
#include <axvisor_api/ops/host.h>
#include <axvisor_api/ops/arch.h>
#include <axvisor_api/ops/console.h>
#include <axvisor_api/ops/riscv.h>

/* Test builds only (CMake AXV_TEST_EXTRA_AREA): one more op list, which shows that a new
 * area needs nothing but its list and its line above. */
#ifdef AXV_TEST_EXTRA_AREA_OPS
#include AXV_TEST_EXTRA_AREA_OPS
#endif
