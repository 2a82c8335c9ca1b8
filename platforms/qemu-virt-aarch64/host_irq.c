/* The host_irq area on the GICv3: fetch and handle are the platform's own IRQ path
 * (exceptions.c), handlers live in host_irq_table.c, enable and disable go to the GIC. The
 * INTIDs the platform keeps (its timer, kick SGI and maintenance PPI) are refused. */
#include <axvisor_api/qemu_virt.h>
#include "exceptions.h"
#include "gic.h"
#include "host_irq_table.h"
#include "ops.h"
#include "percpu.h"
#include "spinlock.h"

/* Serialises enables and disables of SPIs: their group registers are shared by 32 INTIDs. */
static struct axv_qemu_lock gic_config_lock;

/* AXV_OK for an INTID components may own; @p kept is what a kept one answers. */
static int check(axv_irq_t irq, int kept) {
    if (irq >= axv_qemu_gic_num_intids())
        return AXV_EINVAL;
    return axv_qemu_irq_kept(irq) ? kept : AXV_OK;
}

axv_irq_t axv_qemu_host_irq_fetch(void) {
    return axv_qemu_irq_fetch();
}

int axv_qemu_host_irq_handle(axv_irq_t irq) {
    return axv_qemu_irq_handle(irq);
}

int axv_qemu_host_irq_register_handler(axv_irq_t irq, axv_host_irq_fn fn, void *arg) {
    int rc = check(irq, AXV_EBUSY);
    if (rc == AXV_OK && fn == NULL)
        rc = AXV_EINVAL;
    return rc == AXV_OK ? axv_qemu_hirq_register(irq, fn, arg) : rc;
}

static void set_enabled(axv_irq_t irq, bool on) {
    uint64_t flags = lock_irqsave(&gic_config_lock);
    axv_qemu_gic_set_enabled(irq, on);
    unlock_irqrestore(&gic_config_lock, flags);
}

int axv_qemu_host_irq_unregister_handler(axv_irq_t irq) {
    int rc = check(irq, AXV_EPERM);
    if (rc != AXV_OK)
        return rc;
    /* Refusals first, so they change nothing; then the line is disabled before its handler
     * goes, so no new interrupt of it is signalled meanwhile. (An unregister racing another
     * for the same line gets AXV_ENOENT from the table.) */
    rc = axv_qemu_hirq_may_unregister(irq);
    if (rc != AXV_OK)
        return rc;
    set_enabled(irq, false);
    return axv_qemu_hirq_unregister(irq);
}

int axv_qemu_host_irq_enable(axv_irq_t irq) {
    int rc = check(irq, AXV_EPERM);
    if (rc == AXV_OK)
        set_enabled(irq, true);
    return rc;
}

int axv_qemu_host_irq_disable(axv_irq_t irq) {
    int rc = check(irq, AXV_EPERM);
    if (rc == AXV_OK)
        set_enabled(irq, false);
    return rc;
}

int axv_qemu_raise_sgi_self(void *ctx, axv_irq_t irq) {
    (void)ctx;
    if (irq >= 16u)
        return AXV_EINVAL;
    axv_qemu_gic_send_sgi(this_cpu()->mpidr, irq);
    return AXV_OK;
}
