/**
 * @file port.h
 * @brief Hooks the core library needs from its environment (the "port").
 *
 * The core (lib/) is freestanding: it calls no libc and no OS. What it needs from outside
 * is listed here and provided at link time by exactly one port, chosen with the CMake
 * variable `AXV_PORT`:
 * - `posix`: hosted builds; protects with mprotect().
 * - `none`: no memory protection available (the library's own freestanding default).
 * - `external`: the image provides these functions itself (a bare-metal platform).
 */
#ifndef AXVISOR_API_PORT_H
#define AXVISOR_API_PORT_H

#include <stddef.h>
#include <axvisor_api/compiler.h>

AXV_EXTERN_C_BEGIN

/**
 * @defgroup axv_port Port hooks
 * @brief What a build environment provides to the core library.
 * @{
 */

/**
 * @brief Makes [@p start, @p start + @p size) read-only, for axv_api_seal().
 *
 * Called once per registry object (each tracked area's slot, then the core state), all in
 * section `axv_registry`; @p start and @p size are multiples of AXV_REGISTRY_ALIGN. With
 * the hosted default (AXV_REGISTRY_ALIGN = the page size) every object has pages of its own.
 * On bare metal (default 64) the objects share pages: the image's linker script
 * page-aligns section `axv_registry` and pads it to a page boundary, and the port maps
 * the pages covering [@p start, @p start + @p size) read-only in its stage-1 page tables
 * (they hold registry objects only), or protects the whole section on the first call.
 * @param start Start of a registry object.
 * @param size Its size.
 * @return AXV_OK; AXV_ENOSYS when the port cannot protect memory; AXV_EINVAL when the
 *         range does not fit the MMU's pages; another negative code on failure.
 * @note Called at boot, from axv_api_seal() only.
 */
int axv_port_protect_readonly(void *start, size_t size);

/** @} */

AXV_EXTERN_C_END

#endif /* AXVISOR_API_PORT_H */
