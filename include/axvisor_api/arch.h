/**
 * @file arch.h
 * @brief Arch area: GIC helpers for the virtual interrupt controller.
 *
 * Kept so that code written against one area's header still builds: every built-in area
 * is declared by <axvisor_api/areas.h>, generated from its op list
 * <axvisor_api/ops/arch.h>, where each op is documented.
 */
#ifndef AXVISOR_API_ARCH_H
#define AXVISOR_API_ARCH_H

#include <axvisor_api/areas.h>

#endif /* AXVISOR_API_ARCH_H */
