/* HS-mode entry: OpenSBI (fw_dynamic) jumps here on the boot hart, whichever won its
 * lottery, with a0 = hart id, a1 = the device tree, satp = 0 and interrupts off. The other
 * harts stay stopped in OpenSBI until smp.c starts them through SBI HSM. */
    .section .text.boot, "ax"
    .global _start
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    la      sp, __stack_top
    /* The trap vector before anything can fault, so a fault is reported, not a loop. */
    la      t0, axv_qemu_trap_vector
    csrw    stvec, t0
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, (t0)
    addi    t0, t0, 8
    j       1b
2:  call    axv_qemu_boot
    /* axv_qemu_boot exits through the test device; falling back here means it could not. */
3:  wfi
    j       3b
