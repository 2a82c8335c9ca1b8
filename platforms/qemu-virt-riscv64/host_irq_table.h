/* The handlers components registered for host INTIDs (host_irq_table.c): state, under its
 * own lock. It calls nothing else of the platform; host_irq.c runs the handlers and its
 * ops register and unregister them. */
#ifndef AXV_QEMU_HOST_IRQ_TABLE_H
#define AXV_QEMU_HOST_IRQ_TABLE_H

#include <stdbool.h>
#include <axvisor_api/types.h>

/* Table size: a PLIC has at most 1023 sources (ids 1..1023), an APLIC as many. */
#define AXV_QEMU_HOST_IRQ_LIMIT 1024u

/* The id must be below AXV_QEMU_HOST_IRQ_LIMIT; AXV_EBUSY when it has a handler (or one
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
