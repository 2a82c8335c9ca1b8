/**
 * @file host.h
 * @brief Host area: facts about the physical machine.
 *
 * Accessors, the ops table `struct axv_host_ops` and its registration functions are
 * generated from the op list <axvisor_api/ops/host.h>, where each op is documented.
 */
#ifndef AXVISOR_API_HOST_H
#define AXVISOR_API_HOST_H

#include <axvisor_api/types.h>

/**
 * @defgroup axv_area_host Host area
 * @ingroup axv_areas
 * @brief Facts about the physical machine.
 *
 * Everything here except the hand-written helpers is generated from the op list
 * <axvisor_api/ops/host.h>; each op's contract is written there once.
 * @{
 */

#define AXV_AREA_OPS <axvisor_api/ops/host.h>
#define AXV_AREA_BUILTIN
#include <axvisor_api/area_declare.h>

/** @} */

#endif /* AXVISOR_API_HOST_H */
