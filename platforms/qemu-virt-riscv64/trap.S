/* The HS-mode trap vector (direct mode): saves every integer register, sepc, sstatus and
 * hstatus in a frame, calls axv_qemu_trap(frame) (trap.c) and returns with sret.
 *
 * sscratch holds the hart's struct axv_qemu_cpu at all times outside this code; swapping it
 * with tp first gives the handler its per-hart data whatever tp held (a guest's tp). A trap
 * from HS-mode builds its frame on the stack in use. A trap from the guest (hstatus.SPV,
 * which every trap into HS-mode sets to the mode it came from) must not use the guest's sp:
 * it builds its frame on the hypervisor stack vcpu.c left in guest_trap_sp. Traps are taken
 * with interrupts masked (sstatus.SIE cleared) and the handler keeps them masked, so frames
 * nest only for a fault inside the handler, which is reported and ends the run. */
#include "percpu.h"

#define FRAME_SIZE (36 * 8)
#define HSTATUS_SPV (1 << 7)

    .text
    .balign 4
    .global axv_qemu_trap_vector
axv_qemu_trap_vector:
    csrrw   tp, sscratch, tp
    sd      t0, AXV_QEMU_CPU_TRAP_T0(tp)
    csrr    t0, hstatus
    andi    t0, t0, HSTATUS_SPV
    bnez    t0, 1f
    mv      t0, sp
    j       2f
1:  ld      t0, AXV_QEMU_CPU_GUEST_TRAP_SP(tp)
2:  addi    t0, t0, -FRAME_SIZE
    sd      sp, 2*8(t0)
    mv      sp, t0
    ld      t0, AXV_QEMU_CPU_TRAP_T0(tp)
    sd      ra, 1*8(sp)
    sd      gp, 3*8(sp)
    sd      t0, 5*8(sp)
    sd      t1, 6*8(sp)
    sd      t2, 7*8(sp)
    sd      s0, 8*8(sp)
    sd      s1, 9*8(sp)
    sd      a0, 10*8(sp)
    sd      a1, 11*8(sp)
    sd      a2, 12*8(sp)
    sd      a3, 13*8(sp)
    sd      a4, 14*8(sp)
    sd      a5, 15*8(sp)
    sd      a6, 16*8(sp)
    sd      a7, 17*8(sp)
    sd      s2, 18*8(sp)
    sd      s3, 19*8(sp)
    sd      s4, 20*8(sp)
    sd      s5, 21*8(sp)
    sd      s6, 22*8(sp)
    sd      s7, 23*8(sp)
    sd      s8, 24*8(sp)
    sd      s9, 25*8(sp)
    sd      s10, 26*8(sp)
    sd      s11, 27*8(sp)
    sd      t3, 28*8(sp)
    sd      t4, 29*8(sp)
    sd      t5, 30*8(sp)
    sd      t6, 31*8(sp)
    /* The interrupted tp, and sscratch back to this hart's data for the next trap. */
    csrrw   t0, sscratch, tp
    sd      t0, 4*8(sp)
    csrr    t0, sepc
    sd      t0, 32*8(sp)
    csrr    t0, sstatus
    sd      t0, 33*8(sp)
    csrr    t0, hstatus
    sd      t0, 34*8(sp)
    /* The hypervisor's gp: a guest may have its own. */
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    mv      a0, sp
    call    axv_qemu_trap
    ld      t0, 32*8(sp)
    csrw    sepc, t0
    ld      t0, 33*8(sp)
    csrw    sstatus, t0
    ld      t0, 34*8(sp)
    csrw    hstatus, t0
    ld      ra, 1*8(sp)
    ld      gp, 3*8(sp)
    ld      tp, 4*8(sp)
    ld      t0, 5*8(sp)
    ld      t1, 6*8(sp)
    ld      t2, 7*8(sp)
    ld      s0, 8*8(sp)
    ld      s1, 9*8(sp)
    ld      a0, 10*8(sp)
    ld      a1, 11*8(sp)
    ld      a2, 12*8(sp)
    ld      a3, 13*8(sp)
    ld      a4, 14*8(sp)
    ld      a5, 15*8(sp)
    ld      a6, 16*8(sp)
    ld      a7, 17*8(sp)
    ld      s2, 18*8(sp)
    ld      s3, 19*8(sp)
    ld      s4, 20*8(sp)
    ld      s5, 21*8(sp)
    ld      s6, 22*8(sp)
    ld      s7, 23*8(sp)
    ld      s8, 24*8(sp)
    ld      s9, 25*8(sp)
    ld      s10, 26*8(sp)
    ld      s11, 27*8(sp)
    ld      t3, 28*8(sp)
    ld      t4, 29*8(sp)
    ld      t5, 30*8(sp)
    ld      t6, 31*8(sp)
    ld      sp, 2*8(sp)
    sret
