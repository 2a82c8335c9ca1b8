/*
 * Eva driver for the posix platform's buddy allocator (platforms/posix/buddy.c): regions of
 * 1 to PROOF_BUDDY_FRAMES frames at every base page frame number whose low bits matter for
 * such a region (0 to 3) and at the top of the address space, plus sizes init refuses (0,
 * past the limit, wrapping); then PROOF_BUDDY_STEPS calls, in any order, of alloc (every
 * length from 0 to past the region, every alignment order up to past the largest block, and
 * one past the last order), free (every index from 0 to past the region, every length from
 * 0 to past the region: valid runs and refused ones alike) and check; then destroy.
 *
 * Every argument is exact in its own partition (split), so each call runs on an exact state:
 * the buddy of a block is found with a xor on page frame numbers, and a join of two free
 * lists would lose the links the code follows. The partition keys are dropped after each
 * call (merge) so that equal states fold into one, which keeps the run short; the states
 * themselves stay apart (slevel). After every step the driver asserts that
 * axv_posix_buddy_check() holds (every invariant of buddy.h: partition, free lists, complete
 * coalescing, counters) and that a granted run lies inside the region and is aligned.
 */
#include <stdint.h>

#include <__fc_builtin.h>

#include <axvisor_api/types.h>

#include "buddy.h"

#ifndef PROOF_BUDDY_FRAMES
#define PROOF_BUDDY_FRAMES 4u
#endif
#ifndef PROOF_BUDDY_STEPS
#define PROOF_BUDDY_STEPS 2
#endif
/* Largest block order in a region of PROOF_BUDDY_FRAMES frames. */
#define PROOF_BUDDY_MAX_ORDER 2u

static void proof_buddy_alloc(struct axv_posix_buddy *b) {
    size_t frames = Frama_C_size_t_interval(0, PROOF_BUDDY_FRAMES + 1u);
    unsigned order = Frama_C_unsigned_int_interval(0, PROOF_BUDDY_MAX_ORDER + 2u);
    size_t index = 0;
    /*@ split frames; */
    /*@ split order; */
    if (order == PROOF_BUDDY_MAX_ORDER + 2u)
        order = AXV_POSIX_BUDDY_ORDERS;
    if (axv_posix_buddy_alloc(b, frames, order, &index) == AXV_OK) {
        /*@ assert inside: 1 <= frames && index + frames <= b->num_frames; */
        /*@ assert aligned: (b->base_pfn + index) % (1 << order) == 0; */
    }
    /*@ merge frames; */
    /*@ merge order; */
}

static void proof_buddy_free(struct axv_posix_buddy *b) {
    size_t index = Frama_C_size_t_interval(0, PROOF_BUDDY_FRAMES);
    size_t frames = Frama_C_size_t_interval(0, PROOF_BUDDY_FRAMES + 1u);
    /*@ split index; */
    /*@ split frames; */
    (void)axv_posix_buddy_free(b, index, frames);
    /*@ merge index; */
    /*@ merge frames; */
}

/* axv_posix_buddy_check() catches each kind of damage: one corruption at a time of the
 * exact state of a region of 4 frames at pfn 0 after allocating frame 0 (a run of 1 frame at
 * 0, free blocks of order 0 at 1 and of order 1 at 2). */
static void proof_buddy_corrupt(void) {
    struct axv_posix_buddy b;
    size_t index;
    if (axv_posix_buddy_init(&b, 0, 4) != AXV_OK)
        return;
    if (axv_posix_buddy_alloc(&b, 1, 0, &index) == AXV_OK) {
        int damage = Frama_C_interval(0, 14);
        /*@ split damage; */
        switch (damage) {
        case 0: /* a list past the last order marked non-empty */
            b.nonempty |= UINT64_C(1) << AXV_POSIX_BUDDY_ORDERS;
            break;
        case 1: /* an empty list marked non-empty */
            b.nonempty |= UINT64_C(1) << 3;
            break;
        case 11: /* a non-empty list marked empty */
            b.nonempty &= ~UINT64_C(1);
            break;
        case 12: /* a free block on no list */
            b.free_head[0] = UINT32_MAX;
            b.nonempty &= ~UINT64_C(1);
            break;
        case 13: /* a run past the region's end: the block at 2 taken off its list as 3 frames */
            b.free_head[1] = UINT32_MAX;
            b.nonempty &= ~UINT64_C(2);
            b.frames[2].kind = AXV_POSIX_BUDDY_HEAD;
            b.frames[2].link[0] = 3;
            break;
        case 2: /* a free head of the wrong order in a list */
            b.frames[1].order = 1;
            break;
        case 3: /* a list entry outside the region */
            b.free_head[0] = 4;
            break;
        case 4: /* a broken back link */
            b.frames[1].link[0] = 2;
            break;
        case 5: /* the in-use count off by one */
            b.frames_in_use++;
            break;
        case 6: /* an allocated run of length 0 */
            b.frames[0].link[0] = 0;
            break;
        case 7: /* a frame no block covers */
            b.frames[0].kind = AXV_POSIX_BUDDY_INNER;
            break;
        case 8: /* a block starting inside another */
            b.frames[3].kind = AXV_POSIX_BUDDY_HEAD;
            b.frames[3].link[0] = 1;
            break;
        case 9: /* a misaligned block: frame 1 listed with order 1 */
            b.frames[1].order = 1;
            b.free_head[0] = UINT32_MAX;
            b.free_head[1] = 1;
            b.frames[1].link[1] = UINT32_MAX;
            break;
        case 10: /* a block past the region's end: frame 0 listed with order 3 */
            b.frames[0].kind = AXV_POSIX_BUDDY_FREE;
            b.frames[0].order = 3;
            b.frames[0].link[0] = b.frames[0].link[1] = UINT32_MAX;
            b.free_head[3] = 0;
            break;
        default: /* two free buddies left apart: frame 0 freed without coalescing */
            b.frames[0].kind = AXV_POSIX_BUDDY_FREE;
            b.frames[0].order = 0;
            b.frames[0].link[0] = UINT32_MAX;
            b.frames[0].link[1] = 1;
            b.frames[1].link[0] = 0;
            b.free_head[0] = 0;
            b.frames_in_use = 0;
            break;
        }
        bool sound = axv_posix_buddy_check(&b);
        /*@ assert damage_found: !sound; */
    }
    axv_posix_buddy_destroy(&b);
}

int main(void) {
    struct axv_posix_buddy b;
    uint64_t base = Frama_C_unsigned_long_long_interval(0, 4);
    size_t frames = Frama_C_size_t_interval(0, PROOF_BUDDY_FRAMES + 1u);
    proof_buddy_corrupt();
    /*@ split base; */
    /*@ split frames; */
    if (base == 4)
        base = UINT64_MAX - (PROOF_BUDDY_FRAMES - 2u); /* ends at the top, or wraps */
    if (frames == PROOF_BUDDY_FRAMES + 1u)
        frames = AXV_POSIX_BUDDY_MAX_FRAMES + 1u; /* refused */
    if (axv_posix_buddy_init(&b, base, frames) != AXV_OK)
        return 0;
    bool sound = axv_posix_buddy_check(&b);
    /*@ assert initially_sound: sound; */
    /*@ loop unroll PROOF_BUDDY_STEPS; */
    for (int step = 0; step < PROOF_BUDDY_STEPS; step++) {
        int op = Frama_C_interval(0, 2);
        /*@ split op; */
        if (op == 0)
            proof_buddy_alloc(&b);
        else if (op == 1)
            proof_buddy_free(&b);
        else
            (void)axv_posix_buddy_check(&b);
        /*@ merge op; */
        sound = axv_posix_buddy_check(&b);
        /*@ assert invariants: sound; */
    }
    axv_posix_buddy_destroy(&b);
    return 0;
}
