/* Definitions of the "vgic" fakes. Compiled as C99 to show the generator needs no more. */
#include "vgic_fakes.h"

#define AXV_AREA_OPS <demo_vgic/ops.h>
#include <axvisor_api/mock/fake_define.h>
