/**
 * @file builtin_areas.h
 * @brief The list of built-in API areas, for code that must visit each of them.
 */
#ifndef AXVISOR_API_BUILTIN_AREAS_H
#define AXVISOR_API_BUILTIN_AREAS_H

/**
 * @ingroup axv_machinery
 * @brief Expands `X(area)` once per built-in area, in a fixed order.
 *
 * struct axv_platform has one member per entry, named as the area.
 */
#define AXV_BUILTIN_AREAS(X) X(memory) X(time) X(vmm) X(host) X(arch) X(console)

#endif /* AXVISOR_API_BUILTIN_AREAS_H */
