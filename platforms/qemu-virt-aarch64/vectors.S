/* EL2 vector table. IRQs taken from EL2 (SP_ELx) go to axv_qemu_irq_entry, IRQs from a
 * lower EL (a guest exit) to axv_qemu_lower_irq, synchronous exceptions from a lower EL to
 * axv_qemu_lower_sync; everything else is unexpected and reported by axv_qemu_unexpected. */

/* Saves x0-x30 and ELR/SPSR (a 272-byte frame) so C code may run and a nested exception
 * cannot clobber the return state. */
.macro SAVE_FRAME
    sub     sp, sp, #272
    stp     x0, x1, [sp, #0]
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    mrs     x0, elr_el2
    mrs     x1, spsr_el2
    stp     x30, x0, [sp, #240]
    str     x1, [sp, #256]
.endm

.macro RESTORE_FRAME_ERET
    ldr     x1, [sp, #256]
    ldp     x30, x0, [sp, #240]
    msr     elr_el2, x0
    msr     spsr_el2, x1
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    add     sp, sp, #272
    eret
.endm

/* A vector slot holds 32 instructions: each only branches to its out-of-line stub. */
.macro SLOT target
    .balign 0x80
    b       \target
.endm

.macro UNEXPECTED_STUB kind
unexpected_\kind:
    SAVE_FRAME
    mov     x0, #\kind
    mov     x1, sp
    bl      axv_qemu_unexpected
    b       .
.endm

    .text
irq_stub:
    SAVE_FRAME
    mov     x0, sp
    bl      axv_qemu_irq_entry
    RESTORE_FRAME_ERET

lower_irq_stub:
    SAVE_FRAME
    mov     x0, sp
    bl      axv_qemu_lower_irq
    RESTORE_FRAME_ERET

lower_sync_stub:
    SAVE_FRAME
    mov     x0, sp
    bl      axv_qemu_lower_sync
    RESTORE_FRAME_ERET

    .irp k, 0, 1, 2, 3, 4, 6, 7, 10, 11, 12, 13, 14, 15
    UNEXPECTED_STUB \k
    .endr

    .balign 0x800
    .global axv_qemu_vectors
axv_qemu_vectors:
    /* Current EL with SP_EL0: never used (EL2 runs on SP_EL2). */
    SLOT unexpected_0
    SLOT unexpected_1
    SLOT unexpected_2
    SLOT unexpected_3
    /* Current EL with SP_EL2. */
    SLOT unexpected_4
    SLOT irq_stub
    SLOT unexpected_6
    SLOT unexpected_7
    /* Lower EL, AArch64: the EL1 guest's hypercalls and traps, and IRQs while it runs. */
    SLOT lower_sync_stub
    SLOT lower_irq_stub
    SLOT unexpected_10
    SLOT unexpected_11
    /* Lower EL, AArch32: the guest is AArch64 only. */
    SLOT unexpected_12
    SLOT unexpected_13
    SLOT unexpected_14
    SLOT unexpected_15
