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

#define AXV_AREA_OPS <axvisor_api/ops/host.h>
#define AXV_AREA_BUILTIN
#include <axvisor_api/area_declare.h>

#endif /* AXVISOR_API_HOST_H */
