/* EL2 exceptions (exceptions.c): the frame vectors.S builds and the handlers it calls. */
#ifndef AXV_QEMU_EXCEPTIONS_H
#define AXV_QEMU_EXCEPTIONS_H

#include <stdint.h>
#include <axvisor_api/compiler.h>

/* x0-x30, ELR_EL2, SPSR_EL2. */
struct axv_qemu_frame {
    uint64_t x[31];
    uint64_t elr;
    uint64_t spsr;
    uint64_t pad;
};

void axv_qemu_irq_entry(struct axv_qemu_frame *frame);
void axv_qemu_lower_sync(struct axv_qemu_frame *frame);
/* Reports the exception (vector @p kind) and ends the run with status 2. */
AXV_NORETURN void axv_qemu_unexpected(uint64_t kind, struct axv_qemu_frame *frame);
/* Who handles synchronous exceptions from EL1 (the guest); NULL reports them as unexpected. */
void axv_qemu_set_lower_sync_handler(void (*handler)(struct axv_qemu_frame *frame));

#endif /* AXV_QEMU_EXCEPTIONS_H */
