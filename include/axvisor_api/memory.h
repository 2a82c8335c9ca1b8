/**
 * @file memory.h
 * @brief Memory area: physical frame allocation and physical/virtual address conversion.
 *
 * Accessors, the ops table `struct axv_memory_ops` and its registration functions are
 * generated from the op list <axvisor_api/ops/memory.h>, where each op is documented.
 */
#ifndef AXVISOR_API_MEMORY_H
#define AXVISOR_API_MEMORY_H

#include <axvisor_api/types.h>

/**
 * @defgroup axv_area_memory Memory area
 * @ingroup axv_areas
 * @brief Physical frame allocation and physical/virtual address conversion.
 *
 * Everything here except the hand-written helpers is generated from the op list
 * <axvisor_api/ops/memory.h>; each op's contract is written there once.
 * @{
 */

#define AXV_AREA_OPS <axvisor_api/ops/memory.h>
#define AXV_AREA_BUILTIN
#include <axvisor_api/area_declare.h>

/** @} */

#endif /* AXVISOR_API_MEMORY_H */
