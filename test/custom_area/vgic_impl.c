/* An implementation of the "vgic" area with the naming convention <prefix>_<area>_<op>
 * (prefix "demo"): area_impl.h generates every prototype and the table demo_vgic_ops from
 * the op list, so this file only writes the functions. Built with DEMO_LEAVE_OUT_SPI_COUNT,
 * one op is missing, and linking anything that uses the table must fail naming it. */
#include "vgic_impl.h"

#define AXV_IMPL_PREFIX demo
#define AXV_AREA_OPS <demo_vgic/ops.h>
#include <axvisor_api/area_impl.h>

struct demo_vgic_record demo_vgic_record;

int demo_vgic_route_spi(axv_irq_t spi, uint64_t target_mask) {
    demo_vgic_record.routed_spi = spi;
    demo_vgic_record.routed_mask = target_mask;
    return spi >= 32 ? AXV_OK : AXV_EINVAL;
}

#ifndef DEMO_LEAVE_OUT_SPI_COUNT
uint32_t demo_vgic_spi_count(void) {
    return 64;
}
#endif

void demo_vgic_ctlr_written(uint32_t value) {
    demo_vgic_record.ctlr = value;
}

int demo_vgic_raise_spis(const axv_irq_t *spis, size_t count) {
    demo_vgic_record.raised = count;
    return spis != NULL || count == 0 ? AXV_OK : AXV_EINVAL;
}

int demo_vgic_eight_args(uint8_t a, uint16_t b, uint32_t c, uint64_t d, int8_t e, int16_t f,
                         int32_t g, int64_t h) {
    demo_vgic_record.eight_sum = a + b + c + (int64_t)d + e + f + g + h;
    return AXV_OK;
}
