/* The host_irq area. INTIDs are the interrupt controller's source ids (1..its source count;
 * 0 is none). On the PLIC machine fetch claims from this hart's S-mode context, handle runs
 * the registered handler then completes, enable and disable are the boot hart's context
 * enable bits. On the AIA machine (aia=aplic-imsic) the APLIC forwards sources as MSIs with
 * identity = source id to the boot hart's IMSIC file, fetch claims through stopei, and
 * enable and disable are the APLIC's enable bits. Either way every source goes to the boot
 * hart. The platform keeps no source: its timer (STI) and IPIs (SSI) are none. */
#include "host_irq.h"

#include <axvisor_api/qemu_virt.h>
#include "aia.h"
#include "board.h"
#include "host_irq_table.h"
#include "ops.h"
#include "percpu.h"
#include "plic.h"
#include "spinlock.h"
#include "uart_irq.h"

/* Serialises enables and disables: a PLIC enable word is shared by 32 sources. */
static struct axv_qemu_lock enable_lock;
/* Per hart: 1 + the id it claimed and has not handled yet, 0 when none. Written and read by
 * that hart only, with its interrupts masked. */
static uint32_t acked[AXV_QEMU_MAX_CPUS];

/* The ids components may use: 1..this. AXV_HOST_IRQ_NONE (1023) is never one. */
static uint32_t last_id(void) {
    const struct axv_qemu_board *board = axv_qemu_board();
    uint32_t n = axv_qemu_plic_present()  ? board->plic_ndev
                 : axv_qemu_aia_present() ? board->aplic_s_sources
                                          : 0u;
    return n < AXV_HOST_IRQ_NONE ? n : AXV_HOST_IRQ_NONE - 1u;
}

static bool valid(axv_irq_t irq) {
    return irq != 0u && irq <= last_id();
}

static void set_enabled(axv_irq_t irq, bool on) {
    if (axv_qemu_aia_present()) {
        axv_qemu_aia_set_enabled(irq, on);
        return;
    }
    uint64_t flags = lock_irqsave(&enable_lock);
    axv_qemu_plic_set_enabled(irq, on);
    unlock_irqrestore(&enable_lock, flags);
}

axv_irq_t axv_qemu_host_irq_fetch(void) {
    uint32_t *mine = &acked[this_cpu()->index];
    /* One at a time: a second claim before the completion would nest handlers. */
    if (*mine != 0u || last_id() == 0u)
        return AXV_HOST_IRQ_NONE;
    uint32_t id = axv_qemu_plic_present() ? axv_qemu_plic_claim() : axv_qemu_aia_claim();
    if (!valid(id))
        return AXV_HOST_IRQ_NONE;
    *mine = id + 1u;
    return id;
}

int axv_qemu_host_irq_handle(axv_irq_t irq) {
    uint32_t *mine = &acked[this_cpu()->index];
    if (!valid(irq) || *mine != irq + 1u)
        return AXV_EINVAL;
    int rc = AXV_OK;
    if (!axv_qemu_hirq_run(irq)) {
        /* Nobody owns it: off, so that a level-sensitive line cannot storm. */
        set_enabled(irq, false);
        rc = AXV_ENOENT;
    }
    /* The UART line the conformance hook raised is level-sensitive: taken down before the
     * completion, so the hook's interrupt is delivered once, as an edge would be. */
    axv_qemu_uart_irq_handled(irq);
    if (axv_qemu_plic_present())
        axv_qemu_plic_complete(irq);
    *mine = 0u;
    return rc;
}

void axv_qemu_host_irq_take(void) {
    for (axv_irq_t irq = axv_qemu_host_irq_fetch(); irq != AXV_HOST_IRQ_NONE;
         irq = axv_qemu_host_irq_fetch()) {
        if (axv_qemu_host_irq_handle(irq) == AXV_ENOENT) {
            axv_qemu_puts("\nqemu-virt: host interrupt source ");
            axv_qemu_put_dec(irq);
            axv_qemu_puts(" has no handler: disabled\n");
        }
    }
}

int axv_qemu_host_irq_register_handler(axv_irq_t irq, axv_host_irq_fn fn, void *arg) {
    if (!valid(irq) || fn == NULL)
        return AXV_EINVAL;
    return axv_qemu_hirq_register(irq, fn, arg);
}

int axv_qemu_host_irq_unregister_handler(axv_irq_t irq) {
    if (!valid(irq))
        return AXV_EINVAL;
    /* Refusals first, so they change nothing; then the line is disabled before its handler
     * goes, so no new interrupt of it is signalled meanwhile. */
    int rc = axv_qemu_hirq_may_unregister(irq);
    if (rc != AXV_OK)
        return rc;
    set_enabled(irq, false);
    return axv_qemu_hirq_unregister(irq);
}

int axv_qemu_host_irq_enable(axv_irq_t irq) {
    if (!valid(irq))
        return AXV_EINVAL;
    set_enabled(irq, true);
    return AXV_OK;
}

int axv_qemu_host_irq_disable(axv_irq_t irq) {
    if (!valid(irq))
        return AXV_EINVAL;
    set_enabled(irq, false);
    return AXV_OK;
}
