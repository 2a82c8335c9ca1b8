/**
 * @file console.h
 * @brief Console area: the hypervisor's byte console.
 *
 * Kept so that code written against one area's header still builds: every built-in area
 * is declared by <axvisor_api/areas.h>, generated from its op list
 * <axvisor_api/ops/console.h>, where each op is documented.
 */
#ifndef AXVISOR_API_CONSOLE_H
#define AXVISOR_API_CONSOLE_H

#include <axvisor_api/areas.h>

#endif /* AXVISOR_API_CONSOLE_H */
