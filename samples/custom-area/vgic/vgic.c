/* The vGIC component: written against axvisor_api only (the vmm area and its own vgic_host
 * area), so it runs on any platform that implements them. */
#include <vgic/vgic.h>

#include <axvisor_api/vmm.h>

static bool spi_index(const struct vgic *vgic, axv_irq_t irq, uint32_t *index) {
    if (irq < VGIC_FIRST_SPI || irq - VGIC_FIRST_SPI >= vgic->num_spis)
        return false;
    *index = irq - VGIC_FIRST_SPI;
    return true;
}

int vgic_init(struct vgic *vgic, axv_vm_id_t vm) {
    size_t num_vcpus = 0;
    int rc = axv_vmm_vcpu_num(vm, &num_vcpus);
    if (rc != AXV_OK)
        return rc;
    uint32_t spis = axv_vgic_host_spi_count(vm);
    *vgic = (struct vgic){
        .vm = vm, .num_vcpus = num_vcpus, .num_spis = spis < VGIC_MAX_SPIS ? spis : VGIC_MAX_SPIS};
    /* Out of reset every SPI targets vCPU 0, as on a GICv2 with affinity routing off. */
    for (uint32_t i = 0; i < VGIC_MAX_SPIS; i++)
        vgic->targets[i] = 1;
    return AXV_OK;
}

int vgic_route_spi(struct vgic *vgic, axv_irq_t irq, uint64_t vcpu_mask) {
    uint32_t i;
    uint64_t all = vgic->num_vcpus >= 64 ? UINT64_MAX : (UINT64_C(1) << vgic->num_vcpus) - 1u;
    if (!spi_index(vgic, irq, &i) || vcpu_mask == 0 || (vcpu_mask & ~all) != 0)
        return AXV_EINVAL;
    vgic->targets[i] = vcpu_mask;
    return AXV_OK;
}

/* Makes SPI index @p i pending on each target vCPU, then kicks them all at once. */
static int deliver(struct vgic *vgic, uint32_t i) {
    int first_error = AXV_OK;
    for (axv_vcpu_id_t vcpu = 0; vcpu < vgic->num_vcpus; vcpu++) {
        if (((vgic->targets[i] >> vcpu) & 1u) == 0)
            continue;
        int rc = axv_vmm_inject_interrupt(vgic->vm, vcpu, VGIC_FIRST_SPI + i);
        if (rc != AXV_OK && first_error == AXV_OK)
            first_error = rc;
    }
    int rc = axv_vgic_host_kick_vcpus(vgic->vm, vgic->targets[i]);
    return first_error != AXV_OK ? first_error : rc;
}

int vgic_enable_spi(struct vgic *vgic, axv_irq_t irq, bool enable) {
    uint32_t i;
    if (!spi_index(vgic, irq, &i))
        return AXV_EINVAL;
    uint64_t bit = UINT64_C(1) << i;
    if (enable == ((vgic->enabled & bit) != 0))
        return AXV_OK;
    vgic->enabled ^= bit;
    axv_vgic_host_spi_enabled(vgic->vm, irq, enable);
    if (enable && (vgic->pending & bit) != 0) {
        vgic->pending &= ~bit;
        return deliver(vgic, i);
    }
    return AXV_OK;
}

int vgic_raise_spi(struct vgic *vgic, axv_irq_t irq) {
    uint32_t i;
    if (!spi_index(vgic, irq, &i))
        return AXV_EINVAL;
    if ((vgic->enabled & (UINT64_C(1) << i)) == 0) {
        vgic->pending |= UINT64_C(1) << i;
        return AXV_OK;
    }
    return deliver(vgic, i);
}
