/* The timer queue: slab + binary min-heap (see timer_heap.h). */
#include <stdlib.h>

#include "timer_heap.h"

void axv_posix_timer_heap_init(struct axv_posix_timer_heap *h, uint32_t max_entries) {
    const struct axv_posix_timer_heap empty = AXV_POSIX_TIMER_HEAP_INIT(max_entries);
    *h = empty;
}

void axv_posix_timer_heap_fini(struct axv_posix_timer_heap *h) {
    free(h->slab);
    free(h->heap);
    axv_posix_timer_heap_init(h, h->max_entries);
}

/* Heap order: earlier deadline first, then earlier insertion. Sequence numbers are unique
 * (64 bits never wrap in practice), so this is a strict total order. */
static bool before(const struct axv_posix_timer_heap *h, uint32_t a, uint32_t b) {
    const struct axv_posix_timer *x = &h->slab[a], *y = &h->slab[b];
    return x->deadline != y->deadline ? x->deadline < y->deadline : x->seq < y->seq;
}

static void place(struct axv_posix_timer_heap *h, uint32_t pos, uint32_t slot) {
    h->heap[pos] = slot;
    h->slab[slot].heap_index = pos;
}

static void sift_up(struct axv_posix_timer_heap *h, uint32_t pos) {
    uint32_t slot = h->heap[pos];
#ifdef AXV_WP_TIMER_HEAP /* proof.wp_timer_heap (test/proof/wp_timer_heap.c.in) */
    /*@ loop invariant up_shape(h, pos, slot);
        loop invariant up_edges(h, pos);
        loop invariant grand_ok(h, pos);
        loop invariant up_slot(h, pos, slot);
        loop assigns pos, h->heap[0 .. \at(h->heap_len, Pre) - 1],
                     h->slab[0 .. \at(h->slab_len, Pre) - 1].heap_index;
        loop variant pos; */
#endif
    while (pos > 0) {
        uint32_t parent = (pos - 1) / 2;
        if (!before(h, slot, h->heap[parent]))
            break;
        place(h, pos, h->heap[parent]);
        pos = parent;
    }
    place(h, pos, slot);
}

static void sift_down(struct axv_posix_timer_heap *h, uint32_t pos) {
    uint32_t slot = h->heap[pos];
    for (;;) {
        /* 64-bit arithmetic: 2 * pos + 1 could pass UINT32_MAX for the largest heaps. */
        uint64_t child = 2 * (uint64_t)pos + 1;
        if (child >= h->heap_len)
            break;
        if (child + 1 < h->heap_len && before(h, h->heap[child + 1], h->heap[child]))
            child++;
        if (!before(h, h->heap[child], slot))
            break;
        place(h, pos, h->heap[child]);
        pos = (uint32_t)child;
    }
    place(h, pos, slot);
}

/* Takes the entry at heap position pos out of the heap; the last entry fills the hole and
 * moves up or down (only one of the two can apply) to restore the order. */
static void unlink_at(struct axv_posix_timer_heap *h, uint32_t pos) {
    uint32_t slot = h->heap[pos];
    uint32_t last = h->heap[--h->heap_len];
    h->slab[slot].heap_index = AXV_POSIX_TIMER_NONE;
    if (pos == h->heap_len)
        return;
    place(h, pos, last);
    sift_down(h, pos);
    sift_up(h, h->slab[last].heap_index);
}

/* Makes the entry's current token stale and puts it on the free list, or retires it when its
 * generation cannot grow any more (a wrap would let an old token match a new timer). */
static void release(struct axv_posix_timer_heap *h, uint32_t slot) {
    struct axv_posix_timer *e = &h->slab[slot];
    e->fn = NULL;
    e->arg = NULL;
    if (e->generation == UINT32_MAX)
        return;
    e->generation++;
    e->next_free = h->free_head;
    h->free_head = slot;
}

/* Grows an array of *cap elements of size bytes to a new capacity: doubling (from 16), capped at
 * max. false when already at max or out of memory; the array is then unchanged. */
static bool grow(void **array, uint32_t *cap, uint32_t max, size_t size) {
    if (*cap >= max)
        return false;
    uint32_t n = *cap <= max / 2 ? (*cap < 8 ? 16 : *cap * 2) : max;
    if (n > max)
        n = max;
    if ((size_t)n > SIZE_MAX / size)
        return false;
    void *p = realloc(*array, (size_t)n * size);
    if (p == NULL)
        return false;
    *array = p;
    *cap = n;
    return true;
}

int axv_posix_timer_heap_insert(struct axv_posix_timer_heap *h, axv_nanos_t deadline,
                                axv_timer_fn fn, void *arg, axv_timer_token_t *token) {
    /* Grow first: only capacity changes before both allocations are known to succeed. */
    if (h->free_head == AXV_POSIX_TIMER_NONE && h->slab_len == h->slab_cap &&
        !grow((void **)&h->slab, &h->slab_cap, h->max_entries, sizeof(*h->slab)))
        return AXV_ENOMEM;
    if (h->heap_len == h->heap_cap &&
        !grow((void **)&h->heap, &h->heap_cap, h->max_entries, sizeof(*h->heap)))
        return AXV_ENOMEM;

    uint32_t slot;
    if (h->free_head != AXV_POSIX_TIMER_NONE) {
        slot = h->free_head;
        h->free_head = h->slab[slot].next_free;
    } else {
        slot = h->slab_len++;
        h->slab[slot].generation = 1;
    }
    struct axv_posix_timer *e = &h->slab[slot];
    e->deadline = deadline;
    e->seq = h->next_seq++;
    e->fn = fn;
    e->arg = arg;
    e->next_free = AXV_POSIX_TIMER_NONE;
    place(h, h->heap_len++, slot);
    sift_up(h, e->heap_index);
    *token = (axv_timer_token_t)e->generation << 32 | slot;
    return AXV_OK;
}

int axv_posix_timer_heap_remove(struct axv_posix_timer_heap *h, axv_timer_token_t token) {
    uint32_t slot = (uint32_t)token;
    uint32_t generation = (uint32_t)(token >> 32);
    /* Generation 0 is never issued: token 0 and other never-issued values end here. */
    if (generation == 0 || slot >= h->slab_len)
        return AXV_ENOENT;
    struct axv_posix_timer *e = &h->slab[slot];
    if (e->generation != generation || e->heap_index == AXV_POSIX_TIMER_NONE)
        return AXV_ENOENT;
    unlink_at(h, e->heap_index);
    release(h, slot);
    return AXV_OK;
}

bool axv_posix_timer_heap_peek(const struct axv_posix_timer_heap *h, axv_nanos_t *deadline) {
    if (h->heap_len == 0)
        return false;
    *deadline = h->slab[h->heap[0]].deadline;
    return true;
}

void axv_posix_timer_heap_pop(struct axv_posix_timer_heap *h, axv_timer_fn *fn, void **arg) {
    uint32_t slot = h->heap[0];
    *fn = h->slab[slot].fn;
    *arg = h->slab[slot].arg;
    unlink_at(h, 0);
    release(h, slot);
}

size_t axv_posix_timer_heap_clear(struct axv_posix_timer_heap *h) {
    size_t n = h->heap_len;
    for (uint32_t i = 0; i < h->heap_len; i++) {
        h->slab[h->heap[i]].heap_index = AXV_POSIX_TIMER_NONE;
        release(h, h->heap[i]);
    }
    h->heap_len = 0;
    return n;
}
