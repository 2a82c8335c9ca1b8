/* The timer queue (<axvisor_api/timer_queue.h>): a binary min-heap of node indices over the
 * caller's pool, ordered by (deadline, sequence number).
 *
 * - A token is generation << 32 | queue id << NODE_BITS | node. A node's generation starts at
 *   1 (no token is 0) and grows each time the node is freed, so a stale token never matches
 *   a reused node; a node whose generation cannot grow is retired instead of wrapping.
 * - A node leaves the heap by cancel or by expiry and is freed at once in both cases, under
 *   the lock: whichever comes first wins and the other finds the token stale.
 * - Nodes [fresh, capacity) were never used: init is O(1) and needs no loop over the pool.
 *
 * Locking: every access to the queue's fields but init and check is under hooks->lock. */
#include <axvisor_api/timer_queue.h>

#define NODE_MASK ((1u << AXV_TIMER_QUEUE_NODE_BITS) - 1u)
#define NONE AXV_TIMER_QUEUE_NONE

int axv_timer_queue_init(struct axv_timer_queue *q, const struct axv_timer_queue_config *config) {
    if (q == NULL || config == NULL || config->hooks == NULL || config->nodes == NULL)
        return AXV_EINVAL;
    const struct axv_timer_queue_hooks *h = config->hooks;
    if (h->program == NULL || h->disarm == NULL || h->now == NULL || h->lock == NULL ||
        h->unlock == NULL)
        return AXV_EINVAL;
    if (config->capacity == 0 || config->capacity > AXV_TIMER_QUEUE_MAX_NODES ||
        config->id >= AXV_TIMER_QUEUE_MAX_QUEUES)
        return AXV_EINVAL;
    q->hooks = h;
    q->ctx = config->ctx;
    q->nodes = config->nodes;
    q->capacity = config->capacity;
    q->id = config->id;
    q->pending = 0;
    q->free_head = NONE;
    q->fresh = 0;
    q->next_seq = 0;
    return AXV_OK;
}

/* Heap order: earlier deadline first, then earlier registration. Sequence numbers are unique
 * (64 bits do not wrap in practice), so this is a strict total order. */
static bool before(const struct axv_timer_queue *q, uint32_t a, uint32_t b) {
    const struct axv_timer_queue_node *x = &q->nodes[a], *y = &q->nodes[b];
    return x->deadline != y->deadline ? x->deadline < y->deadline : x->seq < y->seq;
}

static void place(struct axv_timer_queue *q, uint32_t pos, uint32_t node) {
    q->nodes[pos].heap = node;
    q->nodes[node].position = pos;
}

static void sift_up(struct axv_timer_queue *q, uint32_t pos) {
    uint32_t node = q->nodes[pos].heap;
    while (pos > 0) {
        uint32_t parent = (pos - 1) / 2;
        if (!before(q, node, q->nodes[parent].heap))
            break;
        place(q, pos, q->nodes[parent].heap);
        pos = parent;
    }
    place(q, pos, node);
}

static void sift_down(struct axv_timer_queue *q, uint32_t pos) {
    uint32_t node = q->nodes[pos].heap;
    for (;;) {
        /* No overflow: pos < pending <= AXV_TIMER_QUEUE_MAX_NODES < 2^22. */
        uint32_t child = 2 * pos + 1;
        if (child >= q->pending)
            break;
        if (child + 1 < q->pending && before(q, q->nodes[child + 1].heap, q->nodes[child].heap))
            child++;
        if (!before(q, q->nodes[child].heap, node))
            break;
        place(q, pos, q->nodes[child].heap);
        pos = child;
    }
    place(q, pos, node);
}

/* Takes the node at heap position pos out of the heap; the last node fills the hole and
 * moves down or up (only one of the two can apply) to restore the order. */
static void unlink_at(struct axv_timer_queue *q, uint32_t pos) {
    uint32_t node = q->nodes[pos].heap;
    uint32_t last = q->nodes[--q->pending].heap;
    q->nodes[node].position = NONE;
    if (pos == q->pending)
        return;
    place(q, pos, last);
    sift_down(q, pos);
    sift_up(q, q->nodes[last].position);
}

/* Makes the node's token stale and frees it, or retires it when its generation cannot grow
 * (a wrap would let an old token match a new timer). */
static void release(struct axv_timer_queue *q, uint32_t node) {
    struct axv_timer_queue_node *n = &q->nodes[node];
    n->fn = NULL;
    n->arg = NULL;
    if (n->generation == UINT32_MAX)
        return;
    n->generation++;
    n->next_free = q->free_head;
    q->free_head = node;
}

/* Programs the owner's timer for the head, or disarms it when nothing is pending. Lock held. */
static void program(const struct axv_timer_queue *q) {
    if (q->pending == 0)
        q->hooks->disarm(q->ctx);
    else
        q->hooks->program(q->ctx, q->nodes[q->nodes[0].heap].deadline);
}

int axv_timer_queue_register(struct axv_timer_queue *q, axv_nanos_t deadline_ns, axv_timer_fn fn,
                             void *arg, axv_timer_token_t *token) {
    if (q == NULL || fn == NULL || token == NULL)
        return AXV_EINVAL;
    uintptr_t flags = q->hooks->lock(q->ctx);
    uint32_t node;
    if (q->free_head != NONE) {
        node = q->free_head;
        q->free_head = q->nodes[node].next_free;
    } else if (q->fresh < q->capacity) {
        node = q->fresh++;
        q->nodes[node].generation = 1;
    } else {
        q->hooks->unlock(q->ctx, flags);
        return AXV_ENOMEM;
    }
    struct axv_timer_queue_node *n = &q->nodes[node];
    n->deadline = deadline_ns;
    n->seq = q->next_seq++;
    n->fn = fn;
    n->arg = arg;
    n->next_free = NONE;
    place(q, q->pending++, node);
    sift_up(q, n->position);
    *token = (axv_timer_token_t)n->generation << 32 |
             (axv_timer_token_t)q->id << AXV_TIMER_QUEUE_NODE_BITS | node;
    /* Only a new head changes what the hardware must do. */
    if (n->position == 0)
        program(q);
    q->hooks->unlock(q->ctx, flags);
    return AXV_OK;
}

int axv_timer_queue_cancel(struct axv_timer_queue *q, axv_timer_token_t token) {
    if (q == NULL)
        return AXV_ENOENT;
    uint32_t node = (uint32_t)token & NODE_MASK;
    uint32_t generation = (uint32_t)(token >> 32);
    /* Generation 0 is never issued: token 0 and other never-issued values end here. The id
     * and capacity need no lock: (1) init writes them before q issues any token and never
     * again; (2) a caller holding a token of q got it after that, through whatever passed it
     * along, so (3) these reads happen after init. A zero-filled q (never initialised) has
     * capacity 0 and is refused here, before its hooks are needed. */
    if (generation == 0 || axv_timer_queue_token_owner(token) != q->id || node >= q->capacity)
        return AXV_ENOENT;
    int rc = AXV_ENOENT;
    uintptr_t flags = q->hooks->lock(q->ctx);
    struct axv_timer_queue_node *n = &q->nodes[node];
    if (node < q->fresh && n->generation == generation && n->position != NONE) {
        unlink_at(q, n->position);
        release(q, node);
        rc = AXV_OK;
    }
    q->hooks->unlock(q->ctx, flags);
    return rc;
}

int axv_timer_queue_cancel_among(struct axv_timer_queue *queues, size_t count,
                                 axv_timer_token_t token) {
    uint32_t owner = axv_timer_queue_token_owner(token);
    if (queues == NULL || owner >= count)
        return AXV_ENOENT;
    return axv_timer_queue_cancel(&queues[owner], token);
}

size_t axv_timer_queue_expire(struct axv_timer_queue *q) {
    if (q == NULL)
        return 0;
    size_t ran = 0;
    uintptr_t flags = q->hooks->lock(q->ctx);
    /* Timers registered from here on (seq >= bound) wait for the next expiry: each of the
     * others runs at most once, so the loop ends after at most capacity callbacks even when
     * callbacks keep re-arming in the past. */
    uint64_t bound = q->next_seq;
    while (q->pending != 0) {
        uint32_t node = q->nodes[0].heap;
        struct axv_timer_queue_node *n = &q->nodes[node];
        if (n->seq >= bound)
            break;
        axv_nanos_t now = q->hooks->now(q->ctx);
        if (n->deadline > now)
            break;
        axv_timer_fn fn = n->fn;
        void *arg = n->arg;
        /* Off the queue and freed under the lock: from here a cancel finds the token stale
         * (the callback is running), and the callback may take the lock itself. */
        unlink_at(q, 0);
        release(q, node);
        q->hooks->unlock(q->ctx, flags);
        fn(arg, now);
        ran++;
        flags = q->hooks->lock(q->ctx);
    }
    program(q);
    q->hooks->unlock(q->ctx, flags);
    return ran;
}

bool axv_timer_queue_next_deadline(struct axv_timer_queue *q, axv_nanos_t *deadline_ns) {
    if (q == NULL || deadline_ns == NULL)
        return false;
    uintptr_t flags = q->hooks->lock(q->ctx);
    bool any = q->pending != 0;
    if (any)
        *deadline_ns = q->nodes[q->nodes[0].heap].deadline;
    q->hooks->unlock(q->ctx, flags);
    return any;
}

/* Pending nodes: each heap position names a used node that points back at it, with a
 * callback, a generation, a sequence number already issued, and no node ordered before its
 * parent. */
static bool check_heap(const struct axv_timer_queue *q) {
    for (uint32_t pos = 0; pos < q->pending; pos++) {
        uint32_t node = q->nodes[pos].heap;
        if (node >= q->fresh)
            return false;
        const struct axv_timer_queue_node *n = &q->nodes[node];
        if (n->position != pos || n->fn == NULL || n->generation == 0 || n->seq >= q->next_seq)
            return false;
        if (pos > 0 && before(q, node, q->nodes[(pos - 1) / 2].heap))
            return false;
    }
    return true;
}

/* Idle nodes: exactly capacity - pending of the used ones are not in the heap, and the free
 * list visits idle nodes only, ending within that many steps (so it has no cycle and, being
 * singly linked, no node twice). */
static bool check_idle(const struct axv_timer_queue *q) {
    uint32_t idle = 0;
    for (uint32_t node = 0; node < q->fresh; node++) {
        const struct axv_timer_queue_node *n = &q->nodes[node];
        if (n->generation == 0)
            return false;
        if (n->position == NONE) {
            if (n->fn != NULL)
                return false;
            idle++;
        }
    }
    if (idle != q->fresh - q->pending)
        return false;
    uint32_t node = q->free_head;
    for (uint32_t steps = 0; node != NONE; steps++) {
        if (steps == idle || node >= q->fresh || q->nodes[node].position != NONE)
            return false;
        node = q->nodes[node].next_free;
    }
    return true;
}

bool axv_timer_queue_check(const struct axv_timer_queue *q) {
    if (q->fresh > q->capacity || q->pending > q->fresh || q->capacity > AXV_TIMER_QUEUE_MAX_NODES)
        return false;
    return check_heap(q) && check_idle(q);
}
