/* EL2 entry: QEMU starts the ELF here at EL2 with the MMU and caches off. */
    .section .text.boot, "ax"
    .global _start
_start:
    /* Only the boot CPU runs from here: QEMU starts the others powered off (they start at
     * smp_entry.S through PSCI); one that got here anyway parks. */
    mrs     x1, mpidr_el1
    and     x1, x1, #0xff
    cbnz    x1, park
    ldr     x1, =__stack_top
    mov     sp, x1
    /* Vectors before anything can fault, so a fault is reported rather than looping. */
    ldr     x1, =axv_qemu_vectors
    msr     vbar_el2, x1
    isb
    ldr     x1, =__bss_start
    ldr     x2, =__bss_end
1:  cmp     x1, x2
    b.hs    2f
    str     xzr, [x1], #8
    b       1b
2:  bl      axv_qemu_boot
    /* axv_qemu_boot exits through semihosting; falling back here means it could not. */
park:
    wfe
    b       park
