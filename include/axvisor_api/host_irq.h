/**
 * @file host_irq.h
 * @brief Host-interrupt area: acknowledging and handling the host's own interrupts.
 *
 * The area itself is declared by <axvisor_api/areas.h>, generated from its op list
 * <axvisor_api/ops/host_irq.h>; this header adds the hand-written helper.
 */
#ifndef AXVISOR_API_HOST_IRQ_H
#define AXVISOR_API_HOST_IRQ_H

#include <axvisor_api/areas.h>

/**
 * @addtogroup axv_area_host_irq
 * @{
 */

AXV_EXTERN_C_BEGIN
/**
 * @brief What a vCPU does when its guest exits on a physical interrupt (the Rust crate's
 * `fetch_irq()` then `handle_irq()`): axv_host_irq_fetch() and axv_host_irq_handle() until
 * fetch answers AXV_HOST_IRQ_NONE.
 * @param unowned If not NULL, receives how many of them had no handler (handle answered
 *        AXV_ENOENT: completed, and their lines disabled).
 * @return How many host interrupts were handled.
 * @note Interrupt context, or any context with the calling CPU's interrupts masked; never
 *       sleeps. Fatal when the platform lacks fetch, or when handle refuses the INTID fetch
 *       just returned (a platform that breaks the contract).
 */
static inline size_t axv_host_irq_handle_pending(size_t *unowned) {
    size_t handled = 0;
    size_t without_handler = 0;
    for (axv_irq_t irq = axv_host_irq_fetch(); irq != AXV_HOST_IRQ_NONE;
         irq = axv_host_irq_fetch()) {
        int rc = axv_host_irq_handle(irq);
        if (rc == AXV_ENOENT)
            without_handler++;
        else if (rc != AXV_OK)
            axv_fatal("host_irq.handle refused the INTID host_irq.fetch returned");
        handled++;
    }
    if (unowned != NULL)
        *unowned = without_handler;
    return handled;
}
AXV_EXTERN_C_END

/** @} */

#endif /* AXVISOR_API_HOST_IRQ_H */
