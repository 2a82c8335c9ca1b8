/* What the "demo" implementation of the vgic area records, for the tests to check. */
#ifndef DEMO_VGIC_IMPL_H
#define DEMO_VGIC_IMPL_H

#include <demo_vgic/vgic_api.h>

#ifdef __cplusplus
extern "C" {
#endif

struct demo_vgic_record {
    axv_irq_t routed_spi;
    uint64_t routed_mask;
    uint32_t ctlr;
    size_t raised;
    int64_t eight_sum;
};
extern struct demo_vgic_record demo_vgic_record;

#ifdef __cplusplus
}
#endif

/* The implementation's prototypes and the declaration of its table demo_vgic_ops. */
#define AXV_IMPL_PREFIX demo
#define AXV_IMPL_DECLARE_ONLY
#define AXV_AREA_OPS <demo_vgic/ops.h>
#include <axvisor_api/area_impl.h>
#undef AXV_IMPL_PREFIX

#endif /* DEMO_VGIC_IMPL_H */
