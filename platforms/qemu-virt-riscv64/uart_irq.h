/* The NS16550 UART's interrupt as a software-triggered host interrupt (uart_irq.c), for the
 * conformance suite's host_irq_raise hook. */
#ifndef AXV_QEMU_UART_IRQ_H
#define AXV_QEMU_UART_IRQ_H

#include <axvisor_api/types.h>

/* After the handler of source @p irq ran on this hart, before its completion: takes the UART
 * line down when @p irq is the UART's and the hook raised it. */
void axv_qemu_uart_irq_handled(axv_irq_t irq);

#endif /* AXV_QEMU_UART_IRQ_H */
