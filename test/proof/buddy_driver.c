/*
 * Eva driver for the posix platform's buddy allocator (platforms/posix/buddy.c): regions
 * of 0 to PROOF_BUDDY_FRAMES frames (and sizes past the limit), at a base page frame number
 * with any high bits and every low-bit pattern that matters for such a region (so blocks
 * meet every alignment, and regions end at the top of the address space); then
 * PROOF_BUDDY_STEPS calls of alloc (any length up to past the region, any alignment order),
 * free (any index, any length) or check, in any order; then destroy.
 */
#include <stdint.h>

#include <__fc_builtin.h>

#include "buddy.h"

#ifndef PROOF_BUDDY_FRAMES
#define PROOF_BUDDY_FRAMES 4u
#endif
#ifndef PROOF_BUDDY_STEPS
#define PROOF_BUDDY_STEPS 2
#endif
/* Block alignment within a region of PROOF_BUDDY_FRAMES frames only depends on the base's
 * low bits below this. */
#define PROOF_BUDDY_LOW 4u
/* Largest block order in a region of PROOF_BUDDY_FRAMES frames. */
#define PROOF_BUDDY_MAX_ORDER 2u

static void proof_buddy_step(struct axv_posix_buddy *b) {
    size_t index = 0;
    switch (Frama_C_interval(0, 2)) {
    case 0: {
        size_t frames = Frama_C_size_t_interval(0, PROOF_BUDDY_FRAMES + 1u);
        unsigned order = Frama_C_unsigned_int_interval(0, AXV_POSIX_BUDDY_ORDERS + 1u);
        /*@ split frames; */
        if (order <= PROOF_BUDDY_MAX_ORDER + 1u) {
            /*@ split order; */
        }
        if (axv_posix_buddy_alloc(b, frames, order, &index) == 0) {
            /*@ assert allocated_inside: index + frames <= b->num_frames; */
        }
        break;
    }
    case 1:
        (void)axv_posix_buddy_free(b, Frama_C_size_t_interval(0, PROOF_BUDDY_FRAMES + 1u),
                                   Frama_C_size_t_interval(0, PROOF_BUDDY_FRAMES + 1u));
        break;
    default:
        (void)axv_posix_buddy_check(b);
        break;
    }
}

int main(void) {
    struct axv_posix_buddy b;
    uint64_t low = Frama_C_unsigned_long_long_interval(0, PROOF_BUDDY_LOW - 1u);
    uint64_t base;
    size_t frames;
    /*@ split low; */
    base = Frama_C_unsigned_long_long_interval(0, UINT64_MAX / PROOF_BUDDY_LOW) * PROOF_BUDDY_LOW +
           low;
    frames = Frama_C_size_t_interval(0, PROOF_BUDDY_FRAMES);
    /*@ split frames; */
    if (Frama_C_nondet(0, 1))
        frames = AXV_POSIX_BUDDY_MAX_FRAMES + Frama_C_size_t_interval(1, 2);
    if (axv_posix_buddy_init(&b, base, frames) != 0)
        return 0;
    for (int i = 0; i < PROOF_BUDDY_STEPS; i++)
        proof_buddy_step(&b);
    axv_posix_buddy_destroy(&b);
    return 0;
}
