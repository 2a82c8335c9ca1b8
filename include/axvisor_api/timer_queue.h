/**
 * @file timer_queue.h
 * @brief A freestanding per-CPU queue of one-shot timers that a port drives from its timer
 *        interrupt (lib/timer_queue.c).
 *
 * Why it is shaped this way:
 * - Storage comes from the caller (an array of nodes given at init): nothing is allocated, so
 *   the number of timers is bounded and known, arming works in IRQ handlers and at boot
 *   before any allocator exists, and the library needs no allocator at all.
 * - A binary min-heap over node indices, each node knowing its heap position: register and
 *   cancel are O(log n) with no pointer chasing, the loops are bounded by the pool size, and
 *   the node array doubles as the heap array (one array for the caller to provide). A pairing
 *   heap would need recursion-free melding and unbounded-looking loops for the same bound.
 * - Hooks are function pointers in the queue, not link-time port hooks: one image may drive
 *   several timers (one per CPU, or an EL2 and an EL1 timer) with one library.
 * - The lock is the port's (lib/ has no OS): register, cancel and expire each take the
 *   owner queue's lock for a few heap steps; callbacks run without it.
 */
#ifndef AXVISOR_API_TIMER_QUEUE_H
#define AXVISOR_API_TIMER_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <axvisor_api/compiler.h>
#include <axvisor_api/types.h>

AXV_EXTERN_C_BEGIN

/**
 * @defgroup axv_timer_queue Timer queue
 * @brief One-shot timers over one hardware timer, for ports (see doc/porting.md).
 *
 * One struct axv_timer_queue per hardware timer (per CPU). The owner CPU registers timers
 * and runs axv_timer_queue_expire() from its timer interrupt; any CPU may cancel. Deadlines
 * are absolute nanoseconds on the clock of the `now` hook; callbacks run in deadline order,
 * equal deadlines in registration order.
 * @{
 */

/** @brief Bits of a token naming its node: a queue holds at most 2^22 - 1 nodes. */
#define AXV_TIMER_QUEUE_NODE_BITS 22u
/** @brief Bits of a token naming its queue: ids 0 .. 2^10 - 1. */
#define AXV_TIMER_QUEUE_ID_BITS 10u
/** @brief The largest node pool a queue accepts. */
#define AXV_TIMER_QUEUE_MAX_NODES ((1u << AXV_TIMER_QUEUE_NODE_BITS) - 1u)
/** @brief One more than the largest queue id. */
#define AXV_TIMER_QUEUE_MAX_QUEUES (1u << AXV_TIMER_QUEUE_ID_BITS)
/** @brief "No node": the heap position of a node that is not pending, the free list's end. */
#define AXV_TIMER_QUEUE_NONE UINT32_MAX

/**
 * @brief One timer's storage. Its fields are the queue's; callers only provide the array.
 *
 * Besides the timer itself, node i holds heap position i (@c heap): the node array is also
 * the heap array, so one array of the pool's size is all a queue needs.
 */
struct axv_timer_queue_node {
    axv_nanos_t deadline; /**< Absolute deadline in nanoseconds. */
    uint64_t seq;         /**< Registration order; breaks ties between equal deadlines. */
    axv_timer_fn fn;      /**< The callback; NULL while the node is free. */
    void *arg;            /**< The callback's argument. */
    uint32_t generation;  /**< High half of the node's current token; never 0. */
    uint32_t position;    /**< This node's heap position, AXV_TIMER_QUEUE_NONE when idle. */
    uint32_t next_free;   /**< Next free node while on the free list. */
    uint32_t heap;        /**< The node at heap position (this node's index). */
};

/**
 * @brief What a port provides to one queue. Every hook is required; each gets the
 *        queue's @c ctx.
 *
 * @c program and @c disarm act on the owner CPU's timer and are only called on that CPU
 * (from axv_timer_queue_register() and axv_timer_queue_expire()); @c now, @c lock and
 * @c unlock may be called on any CPU.
 */
struct axv_timer_queue_hooks {
    /** @brief Arms the owner's one-shot timer to fire at (never before) @p deadline_ns,
     *  replacing any earlier setting; a deadline in the past fires at once. Lock held. */
    void (*program)(void *ctx, axv_nanos_t deadline_ns);
    /** @brief Stops the owner's timer (nothing pending). Lock held. */
    void (*disarm)(void *ctx);
    /** @brief Reads the clock, in nanoseconds; never decreases. */
    axv_nanos_t (*now)(void *ctx);
    /** @brief Takes the queue's lock with the local IRQs masked; returns what unlock needs
     *  to restore them. Must be usable from the timer IRQ and from callbacks. */
    uintptr_t (*lock)(void *ctx);
    /** @brief Releases the lock and restores the IRQ state that lock() returned. */
    void (*unlock)(void *ctx, uintptr_t flags);
};

/** @brief The arguments of axv_timer_queue_init(). */
struct axv_timer_queue_config {
    const struct axv_timer_queue_hooks *hooks; /**< The port's hooks (all non-NULL). */
    void *ctx;                                 /**< Passed to every hook. */
    struct axv_timer_queue_node *nodes;        /**< The pool, owned by the queue from init. */
    uint32_t capacity; /**< Nodes in @c nodes: 1 .. AXV_TIMER_QUEUE_MAX_NODES. */
    uint32_t id;       /**< Named by every token: below AXV_TIMER_QUEUE_MAX_QUEUES. */
};

/**
 * @brief A queue of one-shot timers over one hardware timer. Its fields are private
 *        (axv_timer_queue_check() states their invariants); read nothing directly.
 */
struct axv_timer_queue {
    const struct axv_timer_queue_hooks *hooks; /**< The port's hooks. */
    void *ctx;                                 /**< Their context. */
    struct axv_timer_queue_node *nodes;        /**< The pool; also the heap array. */
    uint32_t capacity;                         /**< Nodes in the pool. */
    uint32_t id;                               /**< The queue's id in tokens. */
    uint32_t pending;                          /**< Pending timers: heap positions in use. */
    uint32_t free_head;                        /**< First free node, or NONE. */
    uint32_t fresh;                            /**< Nodes never used so far: [fresh, capacity). */
    uint64_t next_seq;                         /**< Sequence number of the next registration. */
};

/**
 * @brief Makes @p q an empty queue over the caller's node pool.
 * @param q The queue.
 * @param config Hooks, context, pool and id; copied (the pool and hooks are not).
 * @return AXV_OK; AXV_EINVAL for a NULL argument, hook or pool, a capacity of 0 or above
 *         AXV_TIMER_QUEUE_MAX_NODES, or an id not below AXV_TIMER_QUEUE_MAX_QUEUES.
 * @note Boot, before anything else can reach @p q (no lock is taken); calls no hook. O(1).
 */
int axv_timer_queue_init(struct axv_timer_queue *q, const struct axv_timer_queue_config *config);

/**
 * @brief Queues fn(arg, now) for @p deadline_ns: the contract of axv_time_register_timer().
 * @param q The calling CPU's own queue.
 * @param deadline_ns Absolute deadline; one in the past fires on the next expiry.
 * @param fn The callback, run once by axv_timer_queue_expire() at or after the deadline.
 * @param arg Passed to @p fn.
 * @param token Receives the timer's token (never 0): names @p q and the node's generation.
 * @return AXV_OK; AXV_EINVAL for a NULL @p q, @p fn or @p token; AXV_ENOMEM when every node
 *         is in use (nothing changed).
 * @note On the owner CPU only (it may call @c program), any context including callbacks;
 *       takes the queue's lock. O(log n).
 */
int axv_timer_queue_register(struct axv_timer_queue *q, axv_nanos_t deadline_ns, axv_timer_fn fn,
                             void *arg, axv_timer_token_t *token);

/**
 * @brief Cancels a timer of @p q: the contract of axv_time_cancel_timer().
 * @param q The queue the token names (see axv_timer_queue_token_owner()).
 * @param token The timer's token.
 * @return AXV_OK when the callback will never run; AXV_ENOENT when it already ran or is
 *         running, was cancelled, the token is 0, names another queue or was never issued,
 *         or @p q is NULL.
 * @note Any CPU, any context including callbacks (also the timer's own); takes @p q's lock,
 *       never waits for a running callback. It never touches the hardware: when the head is
 *       cancelled the owner's timer still fires at the old deadline, and that expiry finds
 *       nothing due and reprograms. O(log n).
 */
int axv_timer_queue_cancel(struct axv_timer_queue *q, axv_timer_token_t token);

/**
 * @brief Cancels a timer among a port's queues, the one its token names:
 *        axv_time_cancel_timer() in one call.
 * @param queues The port's queues, queue i initialised with id i. A queue never
 *        initialised (zero-filled, a CPU that never came online) refuses every token
 *        without calling a hook.
 * @param count How many.
 * @param token The timer's token.
 * @return As axv_timer_queue_cancel(); AXV_ENOENT also when the token names no queue of
 *         @p queues.
 * @note As axv_timer_queue_cancel().
 */
int axv_timer_queue_cancel_among(struct axv_timer_queue *queues, size_t count,
                                 axv_timer_token_t token);

/**
 * @brief The id of the queue that issued @p token.
 * @param token A token from axv_timer_queue_register() (or any value).
 * @return The issuing queue's id for an issued token; for other values, some id (the queue
 *         it names then refuses the token).
 * @note Any context; pure.
 */
static inline uint32_t axv_timer_queue_token_owner(axv_timer_token_t token) {
    return (uint32_t)(token >> AXV_TIMER_QUEUE_NODE_BITS) & (AXV_TIMER_QUEUE_MAX_QUEUES - 1u);
}

/**
 * @brief Runs every timer of @p q that is due, then programs the next deadline.
 *
 * Called from the owner CPU's timer interrupt. Timers run one by one in deadline order
 * (ties in registration order), each taken off the queue under the lock and run without it,
 * with the clock read just before; a callback may register or cancel timers. Timers
 * registered while this runs wait for the next expiry (even when already due: @c program
 * then fires at once), and so do timers ordered after them; one call thus runs at most
 * the pool's size of callbacks, however callbacks re-arm.
 * @param q The calling CPU's queue.
 * @return How many callbacks ran (0 for a NULL @p q).
 * @note On the owner CPU, IRQ context (or with its timer's IRQ masked).
 */
size_t axv_timer_queue_expire(struct axv_timer_queue *q);

/**
 * @brief Reports the earliest pending deadline.
 * @param q The queue.
 * @param deadline_ns Receives it when there is one.
 * @return true when a timer is pending (@p deadline_ns written); false otherwise.
 * @note Any CPU, any context; takes the lock. O(1).
 */
bool axv_timer_queue_next_deadline(struct axv_timer_queue *q, axv_nanos_t *deadline_ns);

/**
 * @brief Checks every invariant of @p q: heap order, positions and back-pointers, free list,
 *        generations, pending count.
 * @param q The queue, not in use by anyone else (no lock is taken).
 * @return true when all hold.
 * @note For tests, fuzzing and proofs; O(n).
 */
bool axv_timer_queue_check(const struct axv_timer_queue *q);

/** @} */

AXV_EXTERN_C_END

#endif /* AXVISOR_API_TIMER_QUEUE_H */
