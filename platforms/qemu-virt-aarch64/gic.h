/* The GICv3: the physical interrupt controller (gic.c) and its virtualization interface, the
 * list registers (gic_lr.c). A leaf: it calls nothing else of the platform. */
#ifndef AXV_QEMU_GIC_H
#define AXV_QEMU_GIC_H

#include <stdbool.h>
#include <stdint.h>
#include <axvisor_api/types.h>

/* INTIDs from 1020 up are special: 1023 means nothing is pending (spurious). */
#define QEMU_GIC_INTID_SPECIAL 1020u
/* Largest INTID outside the special range for a GIC without LPIs. */
#define QEMU_MAX_VIRQ 1019u

/* The distributor: once, on the boot CPU, before any CPU's interface. */
void axv_qemu_gic_dist_start(void);
/* The calling CPU's redistributor and CPU interface; physical IRQs routed to EL2. */
void axv_qemu_gic_cpu_start(void);
/* Enables SGI or PPI @p intid on the calling CPU. */
void axv_qemu_gic_enable_ppi(uint32_t intid);
/* One past the largest INTID the distributor implements (at most QEMU_GIC_INTID_SPECIAL). */
uint32_t axv_qemu_gic_num_intids(void);
/* Enables or disables @p intid: an SGI or PPI on the calling CPU's redistributor, an SPI at
 * the distributor, routed to the calling CPU. A disable has taken effect when it returns.
 * For SPIs, callers serialise calls (a group register is shared by 32 INTIDs). */
void axv_qemu_gic_set_enabled(uint32_t intid, bool on);
/* Acknowledges the highest-priority pending interrupt (ICC_IAR1_EL1): its INTID, or 1020 and
 * up (1023: none). */
uint32_t axv_qemu_gic_ack(void);
/* Priority drop and deactivation of @p intid (EOImode 0: one write of ICC_EOIR1_EL1). */
void axv_qemu_gic_eoi(uint32_t intid);
/* Sends SGI @p intid to the CPU with affinity @p mpidr, after the caller's memory stores. */
void axv_qemu_gic_send_sgi(uint64_t mpidr, uint32_t intid);
uint32_t axv_qemu_gic_typer(void);
uint32_t axv_qemu_gic_iidr(void);

/* The calling CPU's list registers (ICH_*_EL2). */
unsigned axv_qemu_lr_count(void);
/* Makes virtual INTID @p irq pending in a list register: AXV_EBUSY when all are in use. */
int axv_qemu_lr_inject(axv_irq_t irq);
/* Consumes a pending (not active) @p irq from the list registers; true when one was there. */
bool axv_qemu_lr_take(axv_irq_t irq);
/* The underflow maintenance interrupt (ICH_HCR_EL2.UIE): at most one list register valid. */
void axv_qemu_lr_set_underflow(bool on);
/* Turns the virtual CPU interface on (ICH_HCR_EL2.En), so the list registers are delivered. */
void axv_qemu_lr_enable(void);

#endif /* AXV_QEMU_GIC_H */
