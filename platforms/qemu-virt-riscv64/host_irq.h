/* The host interrupt path (host_irq.c): what the trap handler calls for a supervisor
 * external interrupt, whether HS-mode or a guest was running. */
#ifndef AXV_QEMU_HOST_IRQ_H
#define AXV_QEMU_HOST_IRQ_H

/* Fetches and handles every host interrupt pending for this hart, through the host_irq
 * ops' own fetch and handle. Trap context, interrupts masked. */
void axv_qemu_host_irq_take(void);

#endif /* AXV_QEMU_HOST_IRQ_H */
