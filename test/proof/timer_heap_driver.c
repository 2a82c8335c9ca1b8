/*
 * Eva driver for the posix platform's timer queue (platforms/posix/timer_heap.c): a queue
 * of at most PROOF_TH_MAX entries, then PROOF_TH_STEPS operations chosen at will among
 * insert (deadline 0..PROOF_TH_DEADLINES - 1, so that ties happen), remove of any token
 * issued so far (live or stale), remove of a token with any generation and a slot inside,
 * just past or far past the slab, peek, pop (when not empty) and clear; then fini. Every
 * choice is its own analysis partition, so each call runs on an exact state; after every
 * step the driver checks heap order and the heap/slab cross-links (asserts heap_order,
 * heap_links).
 *
 * Before that, two fixed runs reach what a small queue cannot: PROOF_TH_GROW_INSERTS inserts
 * into queues of at most 20 and 40 entries (growth capped at the maximum, and doubling), and
 * the retirement of an entry whose generation is exhausted (set to UINT32_MAX directly: the
 * state after 2^32 - 2 reuses of the entry).
 */
#include <stdint.h>

#include <__fc_builtin.h>

#include "timer_heap.h"

#ifndef PROOF_TH_MAX
#define PROOF_TH_MAX 4u
#endif
#ifndef PROOF_TH_STEPS
#define PROOF_TH_STEPS 5
#endif
/* Past the first capacity (16), so that the slab and heap grow a second time. */
#define PROOF_TH_GROW_INSERTS 17
#define PROOF_TH_DEADLINES 2

static void proof_th_callback(void *arg, axv_nanos_t now_ns) {
    (void)arg;
    (void)now_ns;
}

/* Heap order and links: every pending entry's parent comes first, and heap and slab point
 * at each other. */
static void proof_th_check(const struct axv_posix_timer_heap *h) {
    /*@ assert bounded: h->heap_len <= h->slab_len <= h->max_entries; */
    for (uint32_t i = 0; i < h->heap_len; i++) {
        const struct axv_posix_timer *e = &h->slab[h->heap[i]];
        /*@ assert heap_links: e->heap_index == i; */
        if (i > 0) {
            const struct axv_posix_timer *p = &h->slab[h->heap[(i - 1) / 2]];
            /*@ assert heap_order: p->deadline < e->deadline ||
                  (p->deadline == e->deadline && p->seq < e->seq); */
        }
    }
}

/* Fills a queue of at most max entries one by one, earliest deadline last (every insert
 * sifts up to the root) until the first failure, then empties it. */
static void proof_th_grow(uint32_t max) {
    struct axv_posix_timer_heap h;
    axv_timer_token_t token;
    axv_timer_fn fn;
    void *arg;
    uint32_t inserted = 0;

    axv_posix_timer_heap_init(&h, max);
    /*@ loop unroll PROOF_TH_GROW_INSERTS; */
    for (uint32_t i = 0; i < PROOF_TH_GROW_INSERTS; i++) {
        /* Out of memory: stop there (retrying every later insert would not add a path). */
        if (axv_posix_timer_heap_insert(&h, PROOF_TH_GROW_INSERTS - i, proof_th_callback, &h,
                                        &token) != AXV_OK)
            break;
        inserted++;
    }
    proof_th_check(&h);
    /*@ loop unroll PROOF_TH_GROW_INSERTS; */
    while (inserted-- > 0)
        axv_posix_timer_heap_pop(&h, &fn, &arg);
    axv_posix_timer_heap_fini(&h);
}

/* An entry whose generation cannot grow is retired: not reused by the next insert. */
static void proof_th_retire(void) {
    struct axv_posix_timer_heap h;
    axv_timer_token_t token;

    axv_posix_timer_heap_init(&h, 2);
    if (axv_posix_timer_heap_insert(&h, 0, proof_th_callback, &h, &token) == AXV_OK) {
        h.slab[0].generation = UINT32_MAX;
        token = (axv_timer_token_t)UINT32_MAX << 32;
        int removed = axv_posix_timer_heap_remove(&h, token);
        /*@ assert removed: removed == AXV_OK; */
        if (axv_posix_timer_heap_insert(&h, 0, proof_th_callback, &h, &token) == AXV_OK) {
            /*@ assert retired: (uint32_t)token == 1; */
        }
    }
    axv_posix_timer_heap_fini(&h);
}

int main(void) {
    struct axv_posix_timer_heap h;
    axv_timer_token_t tokens[PROOF_TH_STEPS];
    int issued = 0;
    axv_timer_fn fn;
    void *arg;
    axv_nanos_t deadline;

    proof_th_grow(20);
    proof_th_grow(40);
    proof_th_retire();

    axv_posix_timer_heap_init(&h, PROOF_TH_MAX);
    /*@ loop unroll PROOF_TH_STEPS; */
    for (int step = 0; step < PROOF_TH_STEPS; step++) {
        int op = Frama_C_interval(0, 5);
        /*@ split op; */
        switch (op) {
        case 0: {
            axv_nanos_t when = Frama_C_interval(0, PROOF_TH_DEADLINES - 1);
            /*@ split when; */
            if (axv_posix_timer_heap_insert(&h, when, proof_th_callback, &h, &tokens[issued]) ==
                AXV_OK) {
                /*@ assert token_nonzero: tokens[issued] != 0; */
                issued++;
            }
            break;
        }
        case 1:
            if (issued > 0) {
                int which = Frama_C_interval(0, issued - 1);
                /*@ split which; */
                (void)axv_posix_timer_heap_remove(&h, tokens[which]);
            }
            break;
        case 2: {
            uint64_t slot = Frama_C_unsigned_long_long_interval(0, PROOF_TH_MAX + 1u);
            /*@ split slot; */
            /* The far end: the largest slot (a range would not survive the cast back). */
            if (slot == PROOF_TH_MAX + 1u && Frama_C_nondet(0, 1))
                slot = UINT32_MAX;
            uint64_t generation = Frama_C_unsigned_long_long_interval(0, UINT32_MAX);
            (void)axv_posix_timer_heap_remove(&h, generation << 32 | slot);
            break;
        }
        case 3:
            if (axv_posix_timer_heap_peek(&h, &deadline)) {
                /*@ assert peek_is_first: deadline == h.slab[h.heap[0]].deadline; */
            }
            break;
        case 4:
            if (h.heap_len > 0)
                axv_posix_timer_heap_pop(&h, &fn, &arg);
            break;
        default:
            (void)axv_posix_timer_heap_clear(&h);
            break;
        }
        proof_th_check(&h);
    }
    axv_posix_timer_heap_fini(&h);
    return 0;
}
