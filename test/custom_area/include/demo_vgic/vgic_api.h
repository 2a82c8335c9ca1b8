/* The public header of the component-defined "vgic" area: three lines of machinery. */
#ifndef DEMO_VGIC_VGIC_API_H
#define DEMO_VGIC_VGIC_API_H

#include <axvisor_api/types.h>

#define AXV_AREA_OPS <demo_vgic/ops.h>
#include <axvisor_api/area_declare.h>

#endif /* DEMO_VGIC_VGIC_API_H */
