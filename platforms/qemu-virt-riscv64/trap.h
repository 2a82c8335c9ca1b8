/* HS-mode trap handling (trap.c): interrupt dispatch, and a report for anything else. */
#ifndef AXV_QEMU_TRAP_H
#define AXV_QEMU_TRAP_H

#include <stdint.h>

/* What trap.S saves: x0-x31 at their numbers (x0's slot unused, x2 = sp before the trap),
 * then sepc and sstatus. */
struct axv_qemu_frame {
    uint64_t x[32];
    uint64_t sepc;
    uint64_t sstatus;
};

/* Called by trap.S with the trap's frame. */
void axv_qemu_trap(struct axv_qemu_frame *frame);

#endif /* AXV_QEMU_TRAP_H */
