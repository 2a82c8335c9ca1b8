/* The gic ops: the modelled GICv3's registers (gic_model.c), and "hardware" injection, which
 * on this platform makes the INTID pending on the calling vCPU (the list registers of a real
 * GIC are not modelled, so it never answers AXV_EBUSY). With RISC-V style vCPUs it answers
 * AXV_ENOSYS; the register reads still describe the modelled GIC. */
#include "delivery.h"
#include "gic_model.h"
#include "posix_internal.h"
#include "vcpu_irq.h"
#include "vm_table.h"

/* The value ops' guard: the message names the op, as the platform's rules ask. */
#define REQUIRE_STARTED(op)                                              \
    do {                                                                 \
        if (!axv_posix_vmm_started())                                    \
            axv_fatal("gic." #op ": the posix platform is not started"); \
    } while (0)

int axv_posix_gic_hardware_inject_virtual_interrupt(axv_irq_t irq) {
    if (!axv_posix_vmm_started())
        return AXV_EPERM;
    /* RISC-V style vCPUs have no GIC list registers; injection is the vmm area's. */
    if (axv_posix_vcpu_irq_riscv())
        return AXV_ENOSYS;
    struct axv_posix_vcpu *self = axv_posix_vcpu_self();
    /* Off vCPU threads there is no "vCPU running on this CPU" to take it. */
    if (self == NULL || !axv_posix_gic_intid_valid(irq))
        return AXV_EINVAL;
    /* The caller's own VM cannot be destroyed while it runs, so no reference is needed. */
    axv_posix_vmm_deliver(self->vm, self, irq);
    return AXV_OK;
}

uint32_t axv_posix_gic_read_vgicd_typer(void) {
    REQUIRE_STARTED(read_vgicd_typer);
    return axv_posix_gic_typer();
}

uint32_t axv_posix_gic_read_vgicd_iidr(void) {
    REQUIRE_STARTED(read_vgicd_iidr);
    return axv_posix_gic_iidr();
}

axv_paddr_t axv_posix_gic_host_gicd_base(void) {
    REQUIRE_STARTED(host_gicd_base);
    return axv_posix_gic_gicd_base();
}

axv_paddr_t axv_posix_gic_host_gicr_base(void) {
    REQUIRE_STARTED(host_gicr_base);
    return axv_posix_gic_gicr_base();
}
