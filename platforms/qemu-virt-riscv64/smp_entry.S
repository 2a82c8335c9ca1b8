/* Where SBI HSM hart_start starts a secondary hart: S-mode, satp = 0, interrupts off,
 * a0 = its hart id, a1 = the opaque argument, its struct axv_qemu_cpu (stack_top first). */
    .text
    .global axv_qemu_secondary_entry
axv_qemu_secondary_entry:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    ld      sp, 0(a1)
    /* Per-hart data first: everything in C finds this hart's state through tp. */
    mv      tp, a1
    csrw    sscratch, a1
    la      t0, axv_qemu_trap_vector
    csrw    stvec, t0
    mv      a0, a1
    call    axv_qemu_secondary_main
1:  wfi
    j       1b
