/* The modelled GICv3: a distributor whose identity follows the configuration. A leaf: the
 * gic ops (gic_ops.c) read it, and it calls nothing of the platform.
 *
 * GICD_TYPER (GICv3 architecture specification, register GICD_TYPER), fields modelled:
 *   [4:0]   ITLinesNumber = ceil((32 + spi_count) / 32) - 1: the largest SPI INTID is
 *           32 * (ITLinesNumber + 1) - 1, capped at 1019 (so 988 SPIs give 31).
 *   [23:19] IDbits = 9: INTIDs have 10 bits (0..1023), as there are no LPIs.
 * Every other field reads 0, which says what the model is: CPUNumber [7:5] (0 with affinity
 * routing), ESPI [8] (no extended SPIs), NMI [9], SecurityExtn [10] (one security state, the
 * view a guest has), num_LPIs [15:11], MBIS [16], LPIS [17], DVIS [18], A3V [24] (affinity
 * level 3 not supported), No1N [25], RSS [26] and ESPI_range [31:27].
 *
 * GICD_IIDR: ProductID [31:24] = 0x50 ('P', for POSIX), Variant [19:16] = 0,
 * Revision [15:12] = 1, Implementer [11:0] = 0x43B (Arm's JEP106 code): 0x5000143B. */
#include <stdatomic.h>

#include "gic_model.h"

#define GICD_TYPER_IDBITS_SHIFT 19u
#define GICD_TYPER_IDBITS 9u /* INTID bits minus one */
#define GICD_IIDR_MODEL UINT32_C(0x5000143B)

/* Set by axv_posix_vmm_start() (under its lock, before the VM table publishes `started` with
 * release) and read after an acquire load of `started`. Atomics (relaxed: free on x86-64 and
 * aarch64) so that a reader racing a restart, a caller bug, reads one configuration or the
 * other instead of undefined behaviour. */
static _Atomic uint32_t spi_count;
static _Atomic axv_paddr_t gicd_base;
static _Atomic axv_paddr_t gicr_base;
static _Atomic axv_irq_t vtimer_irq;

void axv_posix_gic_configure(const struct axv_posix_resolved *config) {
    atomic_store_explicit(&spi_count, config->spi_count, memory_order_relaxed);
    atomic_store_explicit(&gicd_base, config->gicd_base, memory_order_relaxed);
    atomic_store_explicit(&gicr_base, config->gicr_base, memory_order_relaxed);
    atomic_store_explicit(&vtimer_irq, config->vtimer_irq, memory_order_relaxed);
}

bool axv_posix_gic_intid_valid(axv_irq_t irq) {
    return irq < AXV_POSIX_NUM_INTIDS &&
           irq < 32u + atomic_load_explicit(&spi_count, memory_order_relaxed);
}

axv_irq_t axv_posix_gic_vtimer_irq(void) {
    return atomic_load_explicit(&vtimer_irq, memory_order_relaxed);
}

uint32_t axv_posix_gic_typer(void) {
    uint32_t intids = 32u + atomic_load_explicit(&spi_count, memory_order_relaxed);
    uint32_t it_lines = (intids + 31u) / 32u - 1u;
    return (GICD_TYPER_IDBITS << GICD_TYPER_IDBITS_SHIFT) | (it_lines & 0x1fu);
}

uint32_t axv_posix_gic_iidr(void) {
    return GICD_IIDR_MODEL;
}

axv_paddr_t axv_posix_gic_gicd_base(void) {
    return atomic_load_explicit(&gicd_base, memory_order_relaxed);
}

axv_paddr_t axv_posix_gic_gicr_base(void) {
    return atomic_load_explicit(&gicr_base, memory_order_relaxed);
}
