/* Where PSCI CPU_ON starts a secondary CPU: at EL2 (the caller's EL), MMU and caches off
 * (smp.c turns them on first thing),
 * x0 = the context id, which is its struct axv_qemu_cpu (stack_top at offset 0). */
    .text
    .global axv_qemu_secondary_entry
axv_qemu_secondary_entry:
    ldr     x1, [x0]
    mov     sp, x1
    /* Per-CPU data first: everything in C finds this CPU's state through TPIDR_EL2. */
    msr     tpidr_el2, x0
    /* Vectors before anything can fault, as on the boot CPU. */
    ldr     x1, =axv_qemu_vectors
    msr     vbar_el2, x1
    isb
    bl      axv_qemu_secondary_main
1:  wfe
    b       1b
