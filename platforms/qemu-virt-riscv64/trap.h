/* HS-mode trap handling (trap.c): interrupt dispatch, and a report for anything else. */
#ifndef AXV_QEMU_TRAP_H
#define AXV_QEMU_TRAP_H

#include <stdint.h>

/* What trap.S saves: x0-x31 at their numbers (x0's slot unused; sp and tp as they were
 * before the trap), then sepc, sstatus and hstatus; padded to a multiple of 16 bytes. */
struct axv_qemu_frame {
    uint64_t x[32];
    uint64_t sepc;
    uint64_t sstatus;
    uint64_t hstatus;
    uint64_t pad;
};

/* Has @p handler take the guests' ecalls (scause 10): vcpu.c's hypercalls. */
void axv_qemu_trap_set_guest_ecall(void (*handler)(struct axv_qemu_frame *frame));

/* Called by trap.S with the trap's frame. */
void axv_qemu_trap(struct axv_qemu_frame *frame);

#endif /* AXV_QEMU_TRAP_H */
