/* The timer queue of the POSIX platform: a slab of timer entries addressed by token, and a
 * binary min-heap of the pending ones ordered by (deadline, sequence number).
 *
 * - register (insert) and cancel (remove) are O(log n); finding a token's entry is O(1):
 *   its low 32 bits index the slab, its high 32 bits are the entry's generation, bumped
 *   every time the entry is freed, so a stale token never matches a reused entry.
 *   Generations start at 1, so no token is 0. An entry whose generation is exhausted is
 *   retired (never reused) instead of wrapping: "never" holds for the life of the queue.
 * - Equal deadlines come out in insertion order: the sequence number breaks ties.
 * - An entry leaves the heap either by remove (cancel) or by pop (firing), and is freed at
 *   once in both cases; so whichever comes first wins and the other finds the token stale.
 *
 * Not synchronised: timers.c holds its lock around every call. Tests use it directly. */
#ifndef AXV_POSIX_TIMER_HEAP_H
#define AXV_POSIX_TIMER_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <axvisor_api/time.h>

AXV_EXTERN_C_BEGIN

/* "No index": the heap_index of an entry that is not pending, the end of the free list. */
#define AXV_POSIX_TIMER_NONE UINT32_MAX

/* One timer. While pending it sits in the heap at heap_index; otherwise it is free (on the
 * free list through next_free) or retired. */
struct axv_posix_timer {
    axv_nanos_t deadline;
    uint64_t seq; /* insertion order: breaks ties between equal deadlines */
    axv_timer_fn fn;
    void *arg;
    uint32_t generation; /* the high half of the entry's current token; never 0 */
    uint32_t heap_index; /* position in heap[], AXV_POSIX_TIMER_NONE when not pending */
    uint32_t next_free;  /* next free entry while on the free list */
};

struct axv_posix_timer_heap {
    struct axv_posix_timer *slab; /* every entry ever used; grows, never shrinks */
    uint32_t *heap;               /* slab indices of the pending entries, a min-heap */
    uint32_t slab_len;            /* entries in use or freed (the rest are raw capacity) */
    uint32_t slab_cap;
    uint32_t heap_len; /* pending timers */
    uint32_t heap_cap;
    uint32_t free_head;   /* first free entry, AXV_POSIX_TIMER_NONE when none */
    uint32_t max_entries; /* the slab never grows beyond this: then insert fails */
    uint64_t next_seq;
};

/* A static initialiser for an empty queue of at most max entries (max < UINT32_MAX). */
#define AXV_POSIX_TIMER_HEAP_INIT(max) \
    { NULL, NULL, 0, 0, 0, 0, AXV_POSIX_TIMER_NONE, (max), 0 }

/* Makes h an empty queue of at most max_entries entries (1..UINT32_MAX - 1). */
void axv_posix_timer_heap_init(struct axv_posix_timer_heap *h, uint32_t max_entries);

/* Frees h's memory; h is then empty, as after init. Tokens issued before may match again. */
void axv_posix_timer_heap_fini(struct axv_posix_timer_heap *h);

/* Queues fn(arg) at deadline and writes its token (never 0). AXV_OK, or AXV_ENOMEM when the
 * slab or heap cannot grow (max_entries reached, or no memory): h is then unchanged. */
int axv_posix_timer_heap_insert(struct axv_posix_timer_heap *h, axv_nanos_t deadline,
                                axv_timer_fn fn, void *arg, axv_timer_token_t *token);

/* Removes the pending timer of token: AXV_OK; AXV_ENOENT when token names no pending timer
 * (never issued, 0, already removed or popped, or its entry was reused since). */
int axv_posix_timer_heap_remove(struct axv_posix_timer_heap *h, axv_timer_token_t token);

/* Writes the earliest deadline; false (nothing written) when no timer is pending. */
bool axv_posix_timer_heap_peek(const struct axv_posix_timer_heap *h, axv_nanos_t *deadline);

/* Removes the first pending timer (earliest deadline, then earliest insertion) and writes its
 * callback and argument. The queue must not be empty. */
void axv_posix_timer_heap_pop(struct axv_posix_timer_heap *h, axv_timer_fn *fn, void **arg);

/* Removes every pending timer (their tokens turn stale) and returns how many there were. */
size_t axv_posix_timer_heap_clear(struct axv_posix_timer_heap *h);

AXV_EXTERN_C_END

#endif /* AXV_POSIX_TIMER_HEAP_H */
