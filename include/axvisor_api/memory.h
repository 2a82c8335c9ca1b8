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

#define AXV_AREA_OPS <axvisor_api/ops/memory.h>
#define AXV_AREA_BUILTIN
#include <axvisor_api/area_declare.h>

#endif /* AXVISOR_API_MEMORY_H */
