/* A host interrupt software can raise: QEMU virt's NS16550 UART (0x10000000) is source 10
 * of the PLIC or of the APLIC, and its transmitter-holding-register-empty interrupt (IER
 * bit 1) raises the line at once, the transmitter being idle or soon so; clearing the bit
 * lowers it. OpenSBI drives the console on that UART by polling LSR and never writes IER
 * after its init, so the bit is ours. The line is a level, so the hook's one interrupt is
 * made an edge by clearing the bit again once it has been handled. */
#include "uart_irq.h"

#include <axvisor_api/qemu_virt.h>

#define UART_BASE UINT64_C(0x10000000)
#define UART_IER (UART_BASE + 1u)
#define UART_IER_THRI 0x02u

/* 1 while the hook's interrupt is raised and not yet handled. */
static uint32_t raised;

static void write_ier(uint8_t value) {
    *(volatile uint8_t *)(uintptr_t)UART_IER = value;
}

int axv_qemu_raise_uart_irq(void *ctx, axv_irq_t irq) {
    (void)ctx;
    if (irq != AXV_QEMU_HOST_IRQ_UART)
        return AXV_EINVAL;
    __atomic_store_n(&raised, 1u, __ATOMIC_RELEASE);
    write_ier(UART_IER_THRI);
    return AXV_OK;
}

void axv_qemu_uart_irq_handled(axv_irq_t irq) {
    if (irq == AXV_QEMU_HOST_IRQ_UART && __atomic_exchange_n(&raised, 0u, __ATOMIC_ACQ_REL) != 0u)
        write_ier(0);
}
