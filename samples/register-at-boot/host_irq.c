/*
 * Host interrupts: the modelled GIC's 96 INTIDs as host lines, with one handler each. The
 * machine has one CPU and no devices that interrupt, so an interrupt is pending only after
 * axv_tiny_raise_host_irq() (an edge, like an SGI to self), which the CPU takes at once.
 * The platform keeps no INTID for itself (its timers are polled).
 */
#include "tiny.h"

struct line {
    axv_host_irq_fn fn;
    void *arg;
    bool enabled;
    bool pending;
};

static struct line lines[TINY_NUM_INTIDS];
static axv_irq_t active = AXV_HOST_IRQ_NONE;  /* acknowledged, not yet handled */
static axv_irq_t running = AXV_HOST_IRQ_NONE; /* whose handler runs now */

axv_irq_t axv_tiny_host_irq_fetch(void) {
    if (active != AXV_HOST_IRQ_NONE)
        return AXV_HOST_IRQ_NONE; /* one priority: nothing preempts the active one */
    for (axv_irq_t irq = 0; irq < TINY_NUM_INTIDS; irq++) {
        if (lines[irq].pending && lines[irq].enabled) {
            lines[irq].pending = false;
            active = irq;
            return irq;
        }
    }
    return AXV_HOST_IRQ_NONE;
}

int axv_tiny_host_irq_handle(axv_irq_t irq) {
    if (irq != active || irq == AXV_HOST_IRQ_NONE)
        return AXV_EINVAL;
    struct line *l = &lines[irq];
    int rc = AXV_OK;
    if (l->fn == NULL) {
        l->enabled = false;
        rc = AXV_ENOENT;
    } else {
        running = irq;
        l->fn(l->arg, irq);
        running = AXV_HOST_IRQ_NONE;
    }
    active = AXV_HOST_IRQ_NONE;
    return rc;
}

int axv_tiny_host_irq_register_handler(axv_irq_t irq, axv_host_irq_fn fn, void *arg) {
    if (irq >= TINY_NUM_INTIDS || fn == NULL)
        return AXV_EINVAL;
    if (lines[irq].fn != NULL)
        return AXV_EBUSY;
    lines[irq].fn = fn;
    lines[irq].arg = arg;
    return AXV_OK;
}

int axv_tiny_host_irq_unregister_handler(axv_irq_t irq) {
    if (irq >= TINY_NUM_INTIDS)
        return AXV_EINVAL;
    if (irq == running)
        return AXV_EBUSY;
    if (lines[irq].fn == NULL)
        return AXV_ENOENT;
    /* One CPU: no handler can be running elsewhere, so there is nothing to wait for. */
    lines[irq] = (struct line){.pending = lines[irq].pending};
    return AXV_OK;
}

int axv_tiny_host_irq_enable(axv_irq_t irq) {
    if (irq >= TINY_NUM_INTIDS)
        return AXV_EINVAL;
    lines[irq].enabled = true;
    return AXV_OK;
}

int axv_tiny_host_irq_disable(axv_irq_t irq) {
    if (irq >= TINY_NUM_INTIDS)
        return AXV_EINVAL;
    lines[irq].enabled = false;
    return AXV_OK;
}

void axv_tiny_take_host_irqs(void) {
    /* Inside a handler the CPU takes nothing more (fetch answers none). */
    for (axv_irq_t got = axv_tiny_host_irq_fetch(); got != AXV_HOST_IRQ_NONE;
         got = axv_tiny_host_irq_fetch())
        (void)axv_tiny_host_irq_handle(got);
}

int axv_tiny_raise_host_irq(void *ctx, axv_irq_t irq) {
    (void)ctx;
    if (irq >= TINY_NUM_INTIDS)
        return AXV_EINVAL;
    lines[irq].pending = true;
    axv_tiny_take_host_irqs(); /* the CPU takes it at once, as its interrupt entry would */
    return AXV_OK;
}
