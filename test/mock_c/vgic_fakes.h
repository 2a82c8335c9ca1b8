/* Fakes of the component-defined "vgic" area (test/custom_area), declared from its op
 * list with the same generator the built-in areas use. */
#ifndef AXV_MOCK_C_VGIC_FAKES_H
#define AXV_MOCK_C_VGIC_FAKES_H

#include <demo_vgic/vgic_api.h>

#define AXV_AREA_OPS <demo_vgic/ops.h>
#include <axvisor_api/mock/fake_declare.h>

#endif /* AXV_MOCK_C_VGIC_FAKES_H */
