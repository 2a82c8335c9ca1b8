/**
 * @file axvisor_api.h
 * @brief Umbrella header: every built-in area, the registry and platform installation.
 */
#ifndef AXVISOR_API_AXVISOR_API_H
#define AXVISOR_API_AXVISOR_API_H

#include <axvisor_api/types.h>
#include <axvisor_api/registry.h>
#include <axvisor_api/memory.h>
#include <axvisor_api/time.h>
#include <axvisor_api/vmm.h>
#include <axvisor_api/host.h>
#include <axvisor_api/arch.h>
#include <axvisor_api/console.h>
#include <axvisor_api/platform.h>

#endif /* AXVISOR_API_AXVISOR_API_H */
