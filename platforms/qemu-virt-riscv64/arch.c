/* Arch area on a machine without a GIC. Hardware injection is real: the VS-level interrupt
 * into the calling hart's vCPU through its hvip (virq.c). The GIC values have nothing to
 * describe: the distributor registers read 0 (no interrupt lines, no implementer) and the
 * base addresses are 0 (none mapped), constant as the area requires; the vGIC component
 * that asks for them is AArch64's. */
#include "ops.h"
#include "percpu.h"
#include "virq.h"

int axv_qemu_arch_hardware_inject_virtual_interrupt(axv_irq_t irq) {
    return axv_qemu_virq_inject(this_cpu()->index, irq);
}

uint32_t axv_qemu_arch_read_vgicd_typer(void) {
    return 0;
}

uint32_t axv_qemu_arch_read_vgicd_iidr(void) {
    return 0;
}

axv_paddr_t axv_qemu_arch_host_gicd_base(void) {
    return 0;
}

axv_paddr_t axv_qemu_arch_host_gicr_base(void) {
    return 0;
}
