/*
 * Op list of the gic area: GIC helpers for the virtual interrupt controller.
 * Present on every target, so host tests and mocks can use them too.
 * An op list is data for the generators; include <axvisor_api/axvisor_api.h> instead.
 * No include guard: it is expanded once per generated piece.
 */
#ifndef AXV_OP
#error "an op list is expanded by the generators; include <axvisor_api/axvisor_api.h>"
#endif

/** @brief GIC helpers for the virtual interrupt controller. */
AXV_AREA_BEGIN(gic)

/**
 * @brief Injects a virtual interrupt into the vCPU running on the calling CPU, through
 * the hardware (on GICv3: a free ICH_LR<n>_EL2 list register).
 * @param irq The virtual INTID.
 * @return AXV_OK; AXV_EBUSY when every list register is in use (retry, or keep it queued);
 *         AXV_EINVAL for an INTID the hardware cannot take; AXV_ENOSYS when not implemented.
 * @note Must run on the CPU that runs the target vCPU, with interrupts masked; never sleeps.
 *       Touches only the calling CPU's list registers, so calls on different CPUs do not
 *       interfere.
 */
AXV_OP(gic, STATUS, int, hardware_inject_virtual_interrupt, (axv_irq_t, irq))

/**
 * @brief The GICD_TYPER value the virtual distributor should present to guests.
 * @return The register value (derived from the host's GICD_TYPER). Fatal when not
 *         implemented.
 * @note Any context, including IRQ handlers; thread-safe; never sleeps.
 */
AXV_OP(gic, VALUE, uint32_t, read_vgicd_typer, (void))

/**
 * @brief The GICD_IIDR value the virtual distributor should present to guests.
 * @return The register value. Fatal when not implemented.
 * @note Any context, including IRQ handlers; thread-safe; never sleeps.
 */
AXV_OP(gic, VALUE, uint32_t, read_vgicd_iidr, (void))

/**
 * @brief Physical base address of the host's GIC distributor (GICD).
 * @return The address. Fatal when not implemented.
 * @note Any context, including IRQ handlers; thread-safe; never sleeps.
 */
AXV_OP(gic, VALUE, axv_paddr_t, host_gicd_base, (void))

/**
 * @brief Physical base address of the host's first GIC redistributor (GICR).
 * @return The address. Fatal when not implemented.
 * @note Any context, including IRQ handlers; thread-safe; never sleeps.
 */
AXV_OP(gic, VALUE, axv_paddr_t, host_gicr_base, (void))

AXV_AREA_END(gic)
