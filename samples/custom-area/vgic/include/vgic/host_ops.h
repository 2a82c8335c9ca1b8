/*
 * Op list of "vgic_host": the services the vGIC component needs from the platform under it,
 * beyond what the built-in areas give. Written once, here; <axvisor_api/area_declare.h>
 * turns it into struct axv_vgic_host_ops, the accessors axv_vgic_host_<op>() and the rest.
 *
 * Each entry is AXV_OP(area, KIND, return type, name, (type, name, ...)) or (void). The
 * KIND decides what a platform that leaves the op out gets:
 * - STATUS: the op returns AXV_ENOSYS;
 * - VALUE and VOID: axv_fatal("vgic_host.<op> is not implemented");
 * - FALLBACK: axv_vgic_host_fallback_<op>(), which the area's author writes (host_area.c).
 * No include guard: the generators expand the list several times.
 */
#ifndef AXV_OP
#error "an op list is expanded by <axvisor_api/area_declare.h>; include <vgic/host_api.h>"
#endif

AXV_AREA_BEGIN(vgic_host)

/**
 * @brief How many SPIs (INTIDs 32 and up) the platform gives VM @p vm_id.
 * @param vm_id The VM.
 * @return The count, at most 988; 0 for an unknown VM. Fatal when not implemented.
 * @note Any context; thread-safe.
 */
AXV_OP(vgic_host, VALUE, uint32_t, spi_count, (axv_vm_id_t, vm_id))

/**
 * @brief Makes vCPU @p vcpu_id notice its new pending interrupts: on real hardware an IPI
 * to the physical CPU running it, or a wake-up if it is halted.
 * @param vm_id The VM.
 * @param vcpu_id The vCPU.
 * @return AXV_OK; AXV_ENOENT for an unknown VM or vCPU; AXV_ENOSYS when not implemented.
 * @note Any context; thread-safe.
 */
AXV_OP(vgic_host, STATUS, int, kick_vcpu, (axv_vm_id_t, vm_id, axv_vcpu_id_t, vcpu_id))

/**
 * @brief Kicks every vCPU in @p vcpu_mask, ideally with one multi-target IPI.
 *
 * Optional: without it, the fallback calls kick_vcpu() for each set bit, lowest first,
 * carries on past failures and returns the first error.
 * @param vm_id The VM.
 * @param vcpu_mask Bit i selects vCPU i; an empty mask does nothing.
 * @return AXV_OK, or the first error (AXV_ENOENT, ...).
 * @note Any context; thread-safe.
 */
AXV_OP(vgic_host, FALLBACK, int, kick_vcpus, (axv_vm_id_t, vm_id, uint64_t, vcpu_mask))

/**
 * @brief Tells the platform the guest enabled or disabled SPI @p irq, so that it unmasks
 * or masks the physical interrupt passed through to the VM.
 * @param vm_id The VM.
 * @param irq The SPI.
 * @param enabled true when the guest enabled it.
 * @note Fatal when not implemented: a vGIC cannot run on a platform that ignores this.
 */
AXV_OP(vgic_host, VOID, void, spi_enabled, (axv_vm_id_t, vm_id, axv_irq_t, irq, bool, enabled))

AXV_AREA_END(vgic_host)
