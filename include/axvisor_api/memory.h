/**
 * @file memory.h
 * @brief Memory area: physical frame allocation and physical/virtual address conversion.
 *
 * Kept so that code written against one area's header still builds: every built-in area
 * is declared by <axvisor_api/areas.h>, generated from its op list
 * <axvisor_api/ops/memory.h>, where each op is documented.
 */
#ifndef AXVISOR_API_MEMORY_H
#define AXVISOR_API_MEMORY_H

#include <axvisor_api/areas.h>

#endif /* AXVISOR_API_MEMORY_H */
