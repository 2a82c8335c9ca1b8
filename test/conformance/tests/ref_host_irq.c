/* Reference host_irq: REF_HOST_IRQ_LINES lines, one handler each, REF_HOST_IRQ_KEPT kept by
 * the platform. One CPU: a raised line is taken at once (fetch, handle) when enabled, or as
 * soon as it is enabled, as a CPU with interrupts unmasked would. */
#include "ref_internal.h"

struct line {
    axv_host_irq_fn fn;
    void *arg;
    bool enabled;
    bool pending;
};

static struct line lines[REF_HOST_IRQ_LINES];
static axv_irq_t active;
static axv_irq_t running;

void ref_host_irq_reset(void) {
    for (size_t i = 0; i < REF_HOST_IRQ_LINES; i++)
        lines[i] = (struct line){0};
    active = AXV_HOST_IRQ_NONE;
    running = AXV_HOST_IRQ_NONE;
}

static int check(axv_irq_t irq, int kept) {
    if (irq >= REF_HOST_IRQ_LINES)
        return AXV_EINVAL;
    return irq == REF_HOST_IRQ_KEPT ? kept : AXV_OK;
}

static axv_irq_t fetch(void) {
    if (active != AXV_HOST_IRQ_NONE)
        return AXV_HOST_IRQ_NONE;
    bool ignore_enable = ref_cfg.fault == REF_FAULT_HOST_IRQ_DISABLED_DELIVERS;
    for (axv_irq_t irq = 0; irq < REF_HOST_IRQ_LINES; irq++) {
        if (lines[irq].pending && (lines[irq].enabled || ignore_enable)) {
            lines[irq].pending = false;
            active = irq;
            return irq;
        }
    }
    return AXV_HOST_IRQ_NONE;
}

static int handle(axv_irq_t irq) {
    if (irq == AXV_HOST_IRQ_NONE || irq != active)
        return AXV_EINVAL;
    int rc = AXV_OK;
    if (irq == REF_HOST_IRQ_KEPT) {
        /* the platform's own handler: nothing to do in this model */
    } else if (lines[irq].fn == NULL) {
        lines[irq].enabled = false;
        rc = AXV_ENOENT;
    } else {
        running = irq;
        lines[irq].fn(lines[irq].arg, irq);
        running = AXV_HOST_IRQ_NONE;
    }
    active = AXV_HOST_IRQ_NONE;
    return rc;
}

static void take_all(void) {
    for (axv_irq_t irq = fetch(); irq != AXV_HOST_IRQ_NONE; irq = fetch())
        (void)handle(irq);
}

static int register_handler(axv_irq_t irq, axv_host_irq_fn fn, void *arg) {
    int rc = check(irq, AXV_EBUSY);
    if (rc != AXV_OK)
        return rc;
    if (fn == NULL)
        return AXV_EINVAL;
    if (lines[irq].fn != NULL && ref_cfg.fault != REF_FAULT_HOST_IRQ_REGISTER_REPLACES)
        return AXV_EBUSY;
    lines[irq].fn = fn;
    lines[irq].arg = arg;
    return AXV_OK;
}

static int unregister_handler(axv_irq_t irq) {
    int rc = check(irq, AXV_EPERM);
    if (rc != AXV_OK)
        return rc;
    if (irq == running)
        return AXV_EBUSY;
    if (lines[irq].fn == NULL)
        return AXV_ENOENT;
    lines[irq].fn = NULL;
    lines[irq].arg = NULL;
    lines[irq].enabled = false;
    return AXV_OK;
}

static int enable(axv_irq_t irq) {
    int rc = check(irq, AXV_EPERM);
    if (rc != AXV_OK)
        return rc;
    lines[irq].enabled = true;
    take_all();
    return AXV_OK;
}

static int disable(axv_irq_t irq) {
    int rc = check(irq, AXV_EPERM);
    if (rc == AXV_OK)
        lines[irq].enabled = false;
    return rc;
}

int ref_host_irq_raise(void *ctx, axv_irq_t irq) {
    (void)ctx;
    if (irq >= REF_HOST_IRQ_LINES)
        return AXV_EINVAL;
    lines[irq].pending = true;
    take_all();
    return AXV_OK;
}

const struct axv_host_irq_ops ref_host_irq_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_host_irq_ops),
    .fetch = fetch,
    .handle = handle,
    .register_handler = register_handler,
    .unregister_handler = unregister_handler,
    .enable = enable,
    .disable = disable,
};
