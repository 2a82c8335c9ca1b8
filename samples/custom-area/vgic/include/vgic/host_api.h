/*
 * The vgic_host area's API, generated from its op list: struct axv_vgic_host_ops, one
 * accessor axv_vgic_host_<op>() per op (one indirect call through the registry), and
 * axv_vgic_host_register/validate/get/reset/implements, exactly as for a built-in area.
 */
#ifndef VGIC_HOST_API_H
#define VGIC_HOST_API_H

#include <stdbool.h>
#include <axvisor_api/types.h>

/* NOLINTNEXTLINE(bugprone-macro-parentheses): a header name for #include, not an expression */
#define AXV_AREA_OPS <vgic/host_ops.h>
#include <axvisor_api/area_declare.h>

#endif /* VGIC_HOST_API_H */
