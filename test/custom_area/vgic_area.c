/* Registry storage of the "vgic" area, and the fallback its list promises. */
#include <demo_vgic/vgic_api.h>

#define AXV_AREA_OPS <demo_vgic/ops.h>
#include <axvisor_api/area_define.h>

int axv_vgic_fallback_raise_spis(const axv_irq_t *spis, size_t count) {
    if (spis == NULL && count != 0)
        return AXV_EINVAL;
    for (size_t i = 0; i < count; i++) {
        int rc = axv_vgic_route_spi(spis[i], 1);
        if (rc != AXV_OK)
            return rc;
    }
    return AXV_OK;
}
