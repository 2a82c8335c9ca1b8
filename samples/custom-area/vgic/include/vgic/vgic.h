/*
 * A small virtual GIC distributor: the component of this sample. It keeps the guest-visible
 * state of a VM's SPIs (enabled, pending, target vCPUs) and delivers them through two areas:
 * the built-in vmm area (axv_vmm_inject_interrupt) and its own vgic_host area.
 * Not thread-safe: one vGIC is driven from one CPU at a time (a real one takes a lock).
 */
#ifndef VGIC_VGIC_H
#define VGIC_VGIC_H

#include <stdbool.h>
#include <stdint.h>
#include <vgic/host_api.h>

/* The most SPIs this vGIC models (INTIDs 32..95). */
#define VGIC_MAX_SPIS 64u
#define VGIC_FIRST_SPI 32u

struct vgic {
    axv_vm_id_t vm;
    size_t num_vcpus;
    uint32_t num_spis;
    uint64_t enabled;                /* bit i: SPI 32 + i enabled by the guest */
    uint64_t pending;                /* bit i: raised while disabled, delivered on enable */
    uint64_t targets[VGIC_MAX_SPIS]; /* vCPU mask of each SPI (GICD_ITARGETSR/IROUTER) */
};

/* Sets up the vGIC of VM @p vm. Returns AXV_OK, or the error of axv_vmm_vcpu_num(). */
int vgic_init(struct vgic *vgic, axv_vm_id_t vm);

/* The guest routes SPI @p irq to the vCPUs in @p vcpu_mask. AXV_EINVAL for a bad SPI or
 * mask. */
int vgic_route_spi(struct vgic *vgic, axv_irq_t irq, uint64_t vcpu_mask);

/* The guest enables or disables SPI @p irq (GICD_ISENABLER/ICENABLER); enabling delivers an
 * SPI raised while it was disabled. AXV_EINVAL for a bad SPI. */
int vgic_enable_spi(struct vgic *vgic, axv_irq_t irq, bool enable);

/* A device asserts SPI @p irq: delivered to its targets now if enabled, else kept pending.
 * AXV_EINVAL for a bad SPI; otherwise the first delivery error. */
int vgic_raise_spi(struct vgic *vgic, axv_irq_t irq);

#endif /* VGIC_VGIC_H */
