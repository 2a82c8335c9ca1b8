/*
 * Op list of "vgic", an API area a component defines for itself: the services a virtual
 * GIC needs from its host. It exercises every op kind and the widest parameter tuple.
 * No include guard: it is expanded once per generated piece.
 */
#ifndef AXV_OP
#error "an op list is expanded by <axvisor_api/area_declare.h>; include <demo_vgic/vgic_api.h>"
#endif

AXV_AREA_BEGIN(vgic)

/** @brief Routes an SPI to the vCPUs in @p target_mask. @return AXV_OK or an error. */
AXV_OP(vgic, STATUS, int, route_spi, (axv_irq_t, spi, uint64_t, target_mask))

/** @brief Number of SPIs the virtual distributor models. */
AXV_OP(vgic, VALUE, uint32_t, spi_count, (void))

/** @brief Notes that the guest wrote GICD_CTLR. */
AXV_OP(vgic, VOID, void, ctlr_written, (uint32_t, value))

/** @brief Raises several SPIs; falls back to route_spi one at a time. */
AXV_OP(vgic, FALLBACK, int, raise_spis, (const axv_irq_t *, spis, size_t, count))

/** @brief An op with the most parameters an op list allows (8), to test the machinery. */
AXV_OP(vgic, STATUS, int, eight_args,
       (uint8_t, a, uint16_t, b, uint32_t, c, uint64_t, d, int8_t, e, int16_t, f, int32_t, g,
        int64_t, h))

AXV_AREA_END(vgic)
