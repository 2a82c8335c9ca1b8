/* The guest's EL1 vector table. IRQs taken at EL1 (SP_EL1) go to guest_irq() with the
 * caller-saved registers preserved; anything else ends the guest with status 100 + the
 * vector's index, so a guest fault fails the run instead of hanging it. */
.macro SLOT target
    .balign 0x80
    b       \target
.endm

    .text
guest_irq_stub:
    sub     sp, sp, #176
    stp     x0, x1, [sp, #0]
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x30, [sp, #144]
    mrs     x0, elr_el1
    mrs     x1, spsr_el1
    stp     x0, x1, [sp, #160]
    bl      guest_irq
    ldp     x0, x1, [sp, #160]
    msr     elr_el1, x0
    msr     spsr_el1, x1
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x30, [sp, #144]
    add     sp, sp, #176
    eret

    .irp k, 0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
guest_unexpected_\k:
    mov     x0, #0 /* AXV_QEMU_HVC_EXIT */
    mov     x1, #(100 + \k)
    hvc     #0
    b       .
    .endr

    .balign 0x800
    .global guest_vectors
guest_vectors:
    SLOT guest_unexpected_0
    SLOT guest_unexpected_1
    SLOT guest_unexpected_2
    SLOT guest_unexpected_3
    SLOT guest_unexpected_4
    SLOT guest_irq_stub
    SLOT guest_unexpected_6
    SLOT guest_unexpected_7
    SLOT guest_unexpected_8
    SLOT guest_unexpected_9
    SLOT guest_unexpected_10
    SLOT guest_unexpected_11
    SLOT guest_unexpected_12
    SLOT guest_unexpected_13
    SLOT guest_unexpected_14
    SLOT guest_unexpected_15
