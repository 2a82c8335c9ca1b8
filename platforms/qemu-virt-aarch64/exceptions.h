/* EL2 exceptions (exceptions.c): the frame vectors.S builds and the handlers it calls. */
#ifndef AXV_QEMU_EXCEPTIONS_H
#define AXV_QEMU_EXCEPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <axvisor_api/compiler.h>

/* x0-x30, ELR_EL2, SPSR_EL2. */
struct axv_qemu_frame {
    uint64_t x[31];
    uint64_t elr;
    uint64_t spsr;
    uint64_t pad;
};

/* IRQ taken at EL2 while EL2 runs. */
void axv_qemu_irq_entry(struct axv_qemu_frame *frame);
/* IRQ taken at EL2 while a guest runs at EL1: a guest exit, handed to the exit handler set
 * with axv_qemu_set_guest_irq_exit() (<axvisor_api/qemu_virt.h>), if any. */
void axv_qemu_lower_irq(struct axv_qemu_frame *frame);
/* True for the INTIDs the platform keeps: its timer, its kick SGI, the maintenance PPI. */
bool axv_qemu_irq_kept(uint32_t intid);
/* The host_irq area's fetch and handle (host_irq.c forwards to them): acknowledge on the
 * calling CPU, and handle what it acknowledged (AXV_EINVAL otherwise; AXV_ENOENT, with the
 * INTID disabled, when nobody owns it), then EOI. Interrupts masked. */
uint32_t axv_qemu_irq_fetch(void);
int axv_qemu_irq_handle(uint32_t intid);
void axv_qemu_lower_sync(struct axv_qemu_frame *frame);
/* Reports the exception (vector @p kind) and ends the run with status 2. */
AXV_NORETURN void axv_qemu_unexpected(uint64_t kind, struct axv_qemu_frame *frame);
/* Who handles synchronous exceptions from EL1 (the guest); NULL reports them as unexpected. */
void axv_qemu_set_lower_sync_handler(void (*handler)(struct axv_qemu_frame *frame));

#endif /* AXV_QEMU_EXCEPTIONS_H */
