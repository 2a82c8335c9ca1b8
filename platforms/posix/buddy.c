/* The buddy allocator's bookkeeping (see buddy.h). Costs, with n the region's frames and
 * L = log2(n) <= 31 orders:
 * - free-list push/unlink: O(1) (doubly linked through the side array);
 * - finding a non-empty list of at least some order: O(1) (a bit mask and ctz);
 * - alloc: one pop, at most L splits, at most L tail pieces pushed: O(L);
 * - free: the run's pieces (at most L) are released smallest first; see free_run() for why
 *   their coalescing steps add up to O(L) as well. */
#include <stdlib.h>

#include <axvisor_api/types.h>

#include "buddy.h"

#define NIL UINT32_MAX

static uint64_t pfn_of(const struct axv_posix_buddy *b, size_t index) {
    return b->base_pfn + index;
}

static unsigned floor_log2(uint64_t x) {
    return 63u - (unsigned)__builtin_clzll(x);
}

/* Largest order k with 2^k <= @p room (>= 1) whose blocks may start or end at @p pfn (a
 * multiple of 2^k). */
static unsigned fitting_order(uint64_t pfn, uint64_t room) {
    unsigned k = floor_log2(room);
    if (pfn != 0 && (unsigned)__builtin_ctzll(pfn) < k)
        k = (unsigned)__builtin_ctzll(pfn);
    return k < AXV_POSIX_BUDDY_ORDERS ? k : AXV_POSIX_BUDDY_ORDERS - 1u;
}

static void push_free(struct axv_posix_buddy *b, size_t index, unsigned order) {
    struct axv_posix_buddy_frame *f = &b->frames[index];
    uint32_t old = b->free_head[order];
    f->kind = AXV_POSIX_BUDDY_FREE;
    f->order = (uint8_t)order;
    f->link[0] = NIL; /* prev */
    f->link[1] = old; /* next */
    if (old != NIL)
        b->frames[old].link[0] = (uint32_t)index;
    b->free_head[order] = (uint32_t)index;
    b->nonempty |= UINT64_C(1) << order;
}

static void unlink_free(struct axv_posix_buddy *b, size_t index) {
    struct axv_posix_buddy_frame *f = &b->frames[index];
    unsigned order = f->order;
    if (f->link[0] != NIL)
        b->frames[f->link[0]].link[1] = f->link[1];
    else
        b->free_head[order] = f->link[1];
    if (f->link[1] != NIL)
        b->frames[f->link[1]].link[0] = f->link[0];
    if (b->free_head[order] == NIL)
        b->nonempty &= ~(UINT64_C(1) << order);
    f->kind = AXV_POSIX_BUDDY_INNER;
    f->order = 0;
    f->link[0] = f->link[1] = 0;
}

/* Pushes [begin, end) as maximal aligned blocks, without coalescing. Used where no piece
 * can have a free buddy of its own order: at seeding (a greedy decomposition never leaves
 * two buddies side by side: they would have formed one larger aligned block) and for the
 * tail of a freshly split block (each piece's buddy overlaps the allocated run or is a piece
 * of another order). At most 2 log2(end - begin) pieces. */
static void push_range(struct axv_posix_buddy *b, size_t begin, size_t end) {
    while (begin < end) {
        unsigned k = fitting_order(pfn_of(b, begin), end - begin);
        push_free(b, begin, k);
        begin += (size_t)1 << k;
    }
}

int axv_posix_buddy_init(struct axv_posix_buddy *b, uint64_t base_pfn, size_t num_frames) {
    if (num_frames == 0 || num_frames > AXV_POSIX_BUDDY_MAX_FRAMES ||
        base_pfn > UINT64_MAX - num_frames)
        return AXV_EINVAL;
    /* calloc: every entry starts AXV_POSIX_BUDDY_INNER, and pages never touched stay
     * unbacked for large regions. */
    b->frames = calloc(num_frames, sizeof(*b->frames));
    if (b->frames == NULL)
        return AXV_ENOMEM;
    b->num_frames = (uint32_t)num_frames;
    b->base_pfn = base_pfn;
    for (unsigned k = 0; k < AXV_POSIX_BUDDY_ORDERS; k++)
        b->free_head[k] = NIL;
    b->nonempty = 0;
    b->frames_in_use = 0;
    push_range(b, 0, num_frames);
    return AXV_OK;
}

void axv_posix_buddy_destroy(struct axv_posix_buddy *b) {
    free(b->frames);
    b->frames = NULL;
    b->num_frames = 0;
}

int axv_posix_buddy_alloc(struct axv_posix_buddy *b, size_t num_frames, unsigned align_order,
                          size_t *index) {
    if (num_frames == 0 || num_frames > b->num_frames)
        return AXV_ENOMEM;
    unsigned want = num_frames == 1 ? 0u : floor_log2((uint64_t)num_frames - 1u) + 1u;
    if (align_order > want)
        want = align_order;
    if (want >= AXV_POSIX_BUDDY_ORDERS)
        return AXV_ENOMEM;
    uint64_t candidates = b->nonempty & (~UINT64_C(0) << want);
    if (candidates == 0)
        return AXV_ENOMEM;

    unsigned k = (unsigned)__builtin_ctzll(candidates);
    size_t at = b->free_head[k];
    unlink_free(b, at);
    /* Split down to the wanted order, keeping the lower half each time. */
    while (k > want) {
        k--;
        push_free(b, at + ((size_t)1 << k), k);
    }
    push_range(b, at + num_frames, at + ((size_t)1 << want));

    b->frames[at].kind = AXV_POSIX_BUDDY_HEAD;
    b->frames[at].link[0] = (uint32_t)num_frames;
    b->frames_in_use += num_frames;
    *index = at;
    return AXV_OK;
}

/* Releases the block of order @p k at @p index, merging it with its buddy while the buddy
 * is a free block of the same order. */
static void free_block(struct axv_posix_buddy *b, size_t index, unsigned k) {
    while (k + 1u < AXV_POSIX_BUDDY_ORDERS) {
        /* Unsigned wrap makes a buddy below the region's base compare as out of range. */
        uint64_t buddy = (pfn_of(b, index) ^ (UINT64_C(1) << k)) - b->base_pfn;
        if (buddy >= b->num_frames || b->frames[buddy].kind != AXV_POSIX_BUDDY_FREE ||
            b->frames[buddy].order != k)
            break;
        unlink_free(b, (size_t)buddy);
        if (buddy < index)
            index = (size_t)buddy;
        k++;
    }
    push_free(b, index, k);
}

/* Releases [begin, end) as maximal aligned blocks, smallest (rightmost) first. The run came
 * from one block of order K aligned at begin, so its pieces have distinct orders
 * k1 > k2 > ... (the bits of its length), right to left increasing. Freed smallest first,
 * piece i can merge only rightwards (its buddy lies in the already released pieces and the
 * tail) and stops at the latest at order k(i-1) (there its buddy is piece i-1, still
 * allocated). The merge steps of all pieces thus telescope to at most K + pieces = O(L). */
static void free_run(struct axv_posix_buddy *b, size_t begin, size_t end) {
    while (end > begin) {
        unsigned k = fitting_order(pfn_of(b, end), end - begin);
        end -= (size_t)1 << k;
        free_block(b, end, k);
    }
}

int axv_posix_buddy_free(struct axv_posix_buddy *b, size_t index, size_t num_frames) {
    if (index >= b->num_frames || b->frames[index].kind != AXV_POSIX_BUDDY_HEAD ||
        b->frames[index].link[0] != num_frames)
        return AXV_EINVAL;
    b->frames[index].kind = AXV_POSIX_BUDDY_INNER;
    b->frames[index].link[0] = 0;
    b->frames_in_use -= num_frames;
    free_run(b, index, index + num_frames);
    return AXV_OK;
}

/* Walks one free list: every entry a free head of that order, aligned, inside the region,
 * linked back correctly. Adds its frames to *free_frames and its blocks to *blocks. */
static bool check_list(const struct axv_posix_buddy *b, unsigned k, uint64_t *free_frames,
                       uint64_t *blocks) {
    uint32_t prev = NIL;
    uint64_t seen = 0;
    for (uint32_t i = b->free_head[k]; i != NIL; i = b->frames[i].link[1]) {
        const struct axv_posix_buddy_frame *f = &b->frames[i];
        if (i >= b->num_frames || f->kind != AXV_POSIX_BUDDY_FREE || f->order != k ||
            f->link[0] != prev || (pfn_of(b, i) & ((UINT64_C(1) << k) - 1u)) != 0 ||
            (uint64_t)i + (UINT64_C(1) << k) > b->num_frames)
            return false;
        /* A cycle would have to revisit an entry: more entries than frames proves one. */
        if (++seen > b->num_frames)
            return false;
        prev = i;
    }
    if ((seen != 0) != ((b->nonempty >> k) & 1u))
        return false;
    *free_frames += seen << k;
    *blocks += seen;
    return true;
}

bool axv_posix_buddy_check(const struct axv_posix_buddy *b) {
    uint64_t listed_frames = 0, listed_blocks = 0;
    for (unsigned k = 0; k < AXV_POSIX_BUDDY_ORDERS; k++)
        if (!check_list(b, k, &listed_frames, &listed_blocks))
            return false;
    if ((b->nonempty >> AXV_POSIX_BUDDY_ORDERS) != 0)
        return false;

    /* Walk the region block by block: each must start where the previous ended. */
    uint64_t free_frames = 0, free_blocks = 0, used = 0;
    size_t i = 0;
    while (i < b->num_frames) {
        const struct axv_posix_buddy_frame *f = &b->frames[i];
        size_t len;
        if (f->kind == AXV_POSIX_BUDDY_FREE) {
            len = (size_t)1 << f->order;
            uint64_t buddy = (pfn_of(b, i) ^ len) - b->base_pfn;
            if (buddy < b->num_frames && b->frames[buddy].kind == AXV_POSIX_BUDDY_FREE &&
                b->frames[buddy].order == f->order)
                return false; /* should have been coalesced */
            free_frames += len;
            free_blocks++;
        } else if (f->kind == AXV_POSIX_BUDDY_HEAD) {
            len = f->link[0];
            if (len == 0)
                return false;
            used += len;
        } else {
            return false; /* a frame no block covers */
        }
        for (size_t j = i + 1; j < i + len && j < b->num_frames; j++)
            if (b->frames[j].kind != AXV_POSIX_BUDDY_INNER)
                return false; /* overlapping blocks */
        i += len;
    }
    return i == b->num_frames && free_frames == listed_frames && free_blocks == listed_blocks &&
           used == b->frames_in_use && free_frames + used == b->num_frames;
}
