/**
 * @file axvisor_api.h
 * @brief Umbrella header: every built-in area, the registry and platform installation.
 */

/**
 * @defgroup axv_areas API areas
 * @brief The built-in areas: one ops table, one accessor per op, and the area's
 * register/validate/get/reset/implements functions and descriptor.
 *
 * Each area is generated from its op list in <axvisor_api/ops/>, listed once in
 * <axvisor_api/builtin_areas.h>; components define their own areas with the same machinery
 * (@ref axv_machinery).
 */
#ifndef AXVISOR_API_AXVISOR_API_H
#define AXVISOR_API_AXVISOR_API_H

#include <axvisor_api/types.h>
#include <axvisor_api/registry.h>
#include <axvisor_api/areas.h>
#include <axvisor_api/time.h>
#include <axvisor_api/vmm.h>
#include <axvisor_api/host_irq.h>
#include <axvisor_api/platform.h>

#endif /* AXVISOR_API_AXVISOR_API_H */
