/* Arch area: the real GICv3 registers, and virtual interrupt injection through the list
 * registers of the GIC's virtualization extension (gic.c, gic_lr.c). */
#include "board.h"
#include "gic.h"
#include "ops.h"

uint32_t axv_qemu_gic_read_vgicd_typer(void) {
    return axv_qemu_gic_typer();
}

uint32_t axv_qemu_gic_read_vgicd_iidr(void) {
    return axv_qemu_gic_iidr();
}

axv_paddr_t axv_qemu_gic_host_gicd_base(void) {
    return QEMU_GICD_BASE;
}

axv_paddr_t axv_qemu_gic_host_gicr_base(void) {
    return QEMU_GICR_BASE;
}

int axv_qemu_gic_hardware_inject_virtual_interrupt(axv_irq_t irq) {
    return axv_qemu_lr_inject(irq);
}
