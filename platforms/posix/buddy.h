/* A buddy allocator over the frames of one region: the bookkeeping only, with no locking
 * and no knowledge of addresses beyond the region's first page frame number. memory.c
 * wraps it in a mutex and translates between frame indices and physical addresses.
 *
 * Blocks are aligned on absolute page frame numbers (pfn = physical address / frame size),
 * not on indices, so a block of order k is physically aligned to 2^k frames whatever the
 * region's base; the free lists are seeded with the maximal aligned blocks that fit, so a
 * region of any size and base is fully usable. All metadata lives in a side array (one
 * entry per frame), never in the frames themselves, which belong to guests. */
#ifndef AXV_POSIX_BUDDY_H
#define AXV_POSIX_BUDDY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Block orders 0..31: frame indices are 32-bit, so no block can have 2^32 frames. */
#define AXV_POSIX_BUDDY_ORDERS 32u
/* Most frames one allocator handles (UINT32_MAX is the free lists' end marker). */
#define AXV_POSIX_BUDDY_MAX_FRAMES ((size_t)UINT32_MAX - 1u)

/* Per-frame metadata: only the first frame of a block says anything; the others are
 * AXV_POSIX_BUDDY_INNER. */
struct axv_posix_buddy_frame {
    /* Free head: the neighbours in its free list. Allocated head: link[0] is the run's
     * length in frames, as allocated (the unused tail of its block went back). */
    uint32_t link[2];
    uint8_t kind;  /* enum axv_posix_buddy_kind */
    uint8_t order; /* Free head: the block's order. */
};

enum axv_posix_buddy_kind {
    AXV_POSIX_BUDDY_INNER = 0, /* Not the first frame of a block (calloc'ed state). */
    AXV_POSIX_BUDDY_FREE = 1,  /* First frame of a free block, in free list `order`. */
    AXV_POSIX_BUDDY_HEAD = 2,  /* First frame of an allocated run. */
};

struct axv_posix_buddy {
    struct axv_posix_buddy_frame *frames; /* One per frame; owned (calloc'ed). */
    uint32_t num_frames;
    uint64_t base_pfn;                          /* Page frame number of index 0. */
    uint32_t free_head[AXV_POSIX_BUDDY_ORDERS]; /* First free block of each order. */
    uint64_t nonempty;                          /* Bit k: free list k is not empty. */
    size_t frames_in_use;                       /* Sum of the allocated runs' lengths. */
};

/* Sets up @p b for @p num_frames frames starting at page frame @p base_pfn, all free.
 * Returns AXV_OK; AXV_EINVAL for 0 or more than AXV_POSIX_BUDDY_MAX_FRAMES frames or a
 * range that wraps; AXV_ENOMEM when the metadata cannot be allocated. */
int axv_posix_buddy_init(struct axv_posix_buddy *b, uint64_t base_pfn, size_t num_frames);

/* Frees the metadata; @p b must be set up again before further use. */
void axv_posix_buddy_destroy(struct axv_posix_buddy *b);

/* Allocates @p num_frames (>= 1) contiguous frames whose first page frame number is a
 * multiple of 2^@p align_order; stores the first frame's index in @p index. Takes the
 * smallest free block that covers both the length and the alignment and gives its unused
 * tail back at once. Returns AXV_OK or AXV_ENOMEM (no free block that large, or a length
 * or alignment beyond any block); O(log n) in the region's frames. */
int axv_posix_buddy_alloc(struct axv_posix_buddy *b, size_t num_frames, unsigned align_order,
                          size_t *index);

/* Frees the run that starts at @p index and was allocated with exactly @p num_frames
 * frames, coalescing with free buddies. Returns AXV_OK, or AXV_EINVAL (changing nothing)
 * when @p index is not the first frame of an allocated run of that length; O(log n). */
int axv_posix_buddy_free(struct axv_posix_buddy *b, size_t index, size_t num_frames);

/* Checks every invariant: the blocks partition the region, each free block is aligned and
 * in the list of its order exactly once, no two free buddies of one order remain (coalescing
 * is complete), the non-empty mask and the in-use count agree. O(n); for tests. Returns true
 * when all hold. */
bool axv_posix_buddy_check(const struct axv_posix_buddy *b);

#endif /* AXV_POSIX_BUDDY_H */
