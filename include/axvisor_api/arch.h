/**
 * @file arch.h
 * @brief Arch area: GIC helpers (list-register injection, virtual distributor identity, host GIC
 * bases).
 *
 * Accessors, the ops table `struct axv_arch_ops` and its registration functions are
 * generated from the op list <axvisor_api/ops/arch.h>, where each op is documented.
 */
#ifndef AXVISOR_API_ARCH_H
#define AXVISOR_API_ARCH_H

#include <axvisor_api/types.h>

/**
 * @defgroup axv_area_arch Arch area
 * @ingroup axv_areas
 * @brief GIC helpers (list-register injection, virtual distributor identity, host GIC bases).
 *
 * Everything here except the hand-written helpers is generated from the op list
 * <axvisor_api/ops/arch.h>; each op's contract is written there once.
 * @{
 */

#define AXV_AREA_OPS <axvisor_api/ops/arch.h>
#define AXV_AREA_BUILTIN
#include <axvisor_api/area_declare.h>

/** @} */

#endif /* AXVISOR_API_ARCH_H */
