/* Entering the VS-mode guest and coming back. axv_qemu_guest_enter saves the hypervisor's
 * callee-saved registers and sp in a host context, leaves that sp in guest_trap_sp for
 * trap.S, and enters the guest with sret (vcpu.c set hstatus.SPV/SPVP and sstatus.SPP);
 * when the guest ends (its exit hypercall), axv_qemu_guest_leave restores that context and
 * makes axv_qemu_guest_enter return the guest's status. The trap frames below the saved sp
 * are simply dropped. */
#include "percpu.h"

/* int axv_qemu_guest_enter(uint64_t *host_ctx, uint64_t entry, uint64_t stack_top)
 * host_ctx: 14 words (ra, s0-s11, sp). */
    .text
    .global axv_qemu_guest_enter
axv_qemu_guest_enter:
    sd      ra, 0*8(a0)
    sd      s0, 1*8(a0)
    sd      s1, 2*8(a0)
    sd      s2, 3*8(a0)
    sd      s3, 4*8(a0)
    sd      s4, 5*8(a0)
    sd      s5, 6*8(a0)
    sd      s6, 7*8(a0)
    sd      s7, 8*8(a0)
    sd      s8, 9*8(a0)
    sd      s9, 10*8(a0)
    sd      s10, 11*8(a0)
    sd      s11, 12*8(a0)
    sd      sp, 13*8(a0)
    sd      sp, AXV_QEMU_CPU_GUEST_TRAP_SP(tp)
    csrw    sepc, a1
    mv      sp, a2
    /* The guest starts with clean registers: nothing of the hypervisor leaks into it
     * (tp stays in sscratch for trap.S), except gp: the guest's code is the image's, linked
     * with gp-relative accesses to __global_pointer$. */
    li      ra, 0
    li      tp, 0
    li      t0, 0
    li      t1, 0
    li      t2, 0
    li      s0, 0
    li      s1, 0
    li      a0, 0
    li      a1, 0
    li      a2, 0
    li      a3, 0
    li      a4, 0
    li      a5, 0
    li      a6, 0
    li      a7, 0
    li      s2, 0
    li      s3, 0
    li      s4, 0
    li      s5, 0
    li      s6, 0
    li      s7, 0
    li      s8, 0
    li      s9, 0
    li      s10, 0
    li      s11, 0
    li      t3, 0
    li      t4, 0
    li      t5, 0
    li      t6, 0
    sret

/* void axv_qemu_guest_leave(const uint64_t *host_ctx, int status), never returns. */
    .global axv_qemu_guest_leave
axv_qemu_guest_leave:
    ld      ra, 0*8(a0)
    ld      s0, 1*8(a0)
    ld      s1, 2*8(a0)
    ld      s2, 3*8(a0)
    ld      s3, 4*8(a0)
    ld      s4, 5*8(a0)
    ld      s5, 6*8(a0)
    ld      s6, 7*8(a0)
    ld      s7, 8*8(a0)
    ld      s8, 9*8(a0)
    ld      s9, 10*8(a0)
    ld      s10, 11*8(a0)
    ld      s11, 12*8(a0)
    ld      sp, 13*8(a0)
    mv      a0, a1
    ret
