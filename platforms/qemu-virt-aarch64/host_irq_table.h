/* The handlers components registered for host INTIDs (host_irq_table.c): state, under its
 * own lock. It calls nothing else of the platform; exceptions.c runs the handlers and the
 * host_irq ops (host_irq.c) register and unregister them. */
#ifndef AXV_QEMU_HOST_IRQ_TABLE_H
#define AXV_QEMU_HOST_IRQ_TABLE_H

#include <stdbool.h>
#include <axvisor_api/types.h>

/* The INTID must be below QEMU_GIC_INTID_SPECIAL; AXV_EBUSY when it has a handler (or one
 * still running after its unregister began). */
int axv_qemu_hirq_register(axv_irq_t irq, axv_host_irq_fn fn, void *arg);
/* AXV_OK when @p irq has a handler the calling CPU may unregister; AXV_ENOENT: none is
 * registered; AXV_EBUSY: the calling CPU is inside that very handler. */
int axv_qemu_hirq_may_unregister(axv_irq_t irq);
/* Removes the handler, then waits until no CPU runs it. AXV_ENOENT: none registered;
 * AXV_EBUSY: the calling CPU is inside that very handler (nothing changed). */
int axv_qemu_hirq_unregister(axv_irq_t irq);
/* Runs the handler of @p irq on the calling CPU; false when it has none. */
bool axv_qemu_hirq_run(axv_irq_t irq);

#endif /* AXV_QEMU_HOST_IRQ_TABLE_H */
