/**
 * @file console.h
 * @brief Console area: the hypervisor's byte console.
 *
 * Accessors, the ops table `struct axv_console_ops` and its registration functions are
 * generated from the op list <axvisor_api/ops/console.h>, where each op is documented.
 */
#ifndef AXVISOR_API_CONSOLE_H
#define AXVISOR_API_CONSOLE_H

#include <axvisor_api/types.h>

/**
 * @defgroup axv_area_console Console area
 * @ingroup axv_areas
 * @brief The hypervisor's byte console.
 *
 * Everything here except the hand-written helpers is generated from the op list
 * <axvisor_api/ops/console.h>; each op's contract is written there once.
 * @{
 */

#define AXV_AREA_OPS <axvisor_api/ops/console.h>
#define AXV_AREA_BUILTIN
#include <axvisor_api/area_declare.h>

/** @} */

#endif /* AXVISOR_API_CONSOLE_H */
