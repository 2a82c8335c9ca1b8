/**
 * @file gic.h
 * @brief Gic area: GIC helpers for the virtual interrupt controller (the 0.1 `arch` area).
 *
 * Like the other per-area headers, kept so that code written against one area's header
 * builds: every built-in area is declared by <axvisor_api/areas.h>, generated from its op list
 * <axvisor_api/ops/gic.h>, where each op is documented.
 */
#ifndef AXVISOR_API_GIC_H
#define AXVISOR_API_GIC_H

#include <axvisor_api/areas.h>

#endif /* AXVISOR_API_GIC_H */
