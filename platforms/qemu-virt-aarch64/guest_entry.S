/* Entering the EL1 guest and coming back. axv_qemu_guest_enter saves the hypervisor's
 * callee-saved registers and SP in a host context, then ERETs to the guest; when the guest
 * ends (its exit hypercall), axv_qemu_guest_leave restores that context and makes
 * axv_qemu_guest_enter return the guest's status. The exception frames below the saved SP
 * are simply dropped. */

/* int axv_qemu_guest_enter(uint64_t *host_ctx, uint64_t entry, uint64_t stack_top)
 * host_ctx: 13 words (x19-x30, sp). */
    .text
    .global axv_qemu_guest_enter
axv_qemu_guest_enter:
    stp     x19, x20, [x0, #0]
    stp     x21, x22, [x0, #16]
    stp     x23, x24, [x0, #32]
    stp     x25, x26, [x0, #48]
    stp     x27, x28, [x0, #64]
    stp     x29, x30, [x0, #80]
    mov     x3, sp
    str     x3, [x0, #96]
    msr     elr_el2, x1
    msr     sp_el1, x2
    /* EL1h with D, A, I, F masked: the guest unmasks IRQs once its vectors are set. */
    mov     x3, #0x3c5
    msr     spsr_el2, x3
    /* The guest starts with clean registers: nothing of the hypervisor leaks into it. */
    mov     x0, xzr
    mov     x1, xzr
    mov     x2, xzr
    mov     x3, xzr
    mov     x19, xzr
    mov     x20, xzr
    mov     x29, xzr
    mov     x30, xzr
    eret

/* void axv_qemu_guest_leave(const uint64_t *host_ctx, int status), never returns. */
    .global axv_qemu_guest_leave
axv_qemu_guest_leave:
    ldp     x19, x20, [x0, #0]
    ldp     x21, x22, [x0, #16]
    ldp     x23, x24, [x0, #32]
    ldp     x25, x26, [x0, #48]
    ldp     x27, x28, [x0, #64]
    ldp     x29, x30, [x0, #80]
    ldr     x2, [x0, #96]
    mov     sp, x2
    mov     w0, w1
    ret
