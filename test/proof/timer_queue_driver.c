/*
 * Eva driver for the library's timer queue (lib/timer_queue.c): init with every argument it
 * refuses; a queue whose checker is shown to answer false for each of 15 kinds of damage
 * done to an exact state (assert damage_found); the retirement of a node whose generation is
 * exhausted; then, on queue 1 of two queues of PROOF_TQ_CAP nodes, PROOF_TQ_STEPS
 * operations chosen at will among register (deadline 0..PROOF_TQ_DEADLINES - 1, so that
 * ties happen; a callback that registers again in the past when it runs; a NULL callback or
 * token), cancel or cancel_among of any token issued so far (live or stale), cancel of a
 * token with any generation, owner 0..2 and a node inside, just past or far past the pool,
 * expire at any time 0..PROOF_TQ_DEADLINES, next_deadline, the NULL-queue and
 * out-of-range-owner refusals, and a check of the other queue. Every choice is its own
 * analysis partition, so each call runs on an exact state. After every step the driver
 * proves the queue's own checker true (assert invariants) and heap order and links directly
 * (heap_order, heap_links, bounded); the hooks prove that the lock is never taken twice,
 * that program/disarm run under it and callbacks outside it.
 */
#include <stdbool.h>
#include <stdint.h>

#include <__fc_builtin.h>

#include <axvisor_api/timer_queue.h>

#ifndef PROOF_TQ_CAP
#define PROOF_TQ_CAP 3u
#endif
#ifndef PROOF_TQ_STEPS
#define PROOF_TQ_STEPS 4
#endif
#define PROOF_TQ_DEADLINES 2
#define PROOF_TQ_ID 1u

static axv_nanos_t proof_tq_clock;
static int proof_tq_locked;
static struct axv_timer_queue proof_tq_queues[2];
static axv_timer_token_t proof_tq_rearmed;

static void proof_tq_program(void *ctx, axv_nanos_t deadline_ns) {
    (void)ctx;
    (void)deadline_ns;
    /*@ assert program_locked: proof_tq_locked == 1; */
}

static void proof_tq_disarm(void *ctx) {
    (void)ctx;
    /*@ assert disarm_locked: proof_tq_locked == 1; */
}

static axv_nanos_t proof_tq_now(void *ctx) {
    (void)ctx;
    return proof_tq_clock;
}

static uintptr_t proof_tq_lock(void *ctx) {
    (void)ctx;
    /*@ assert not_locked: proof_tq_locked == 0; */
    proof_tq_locked = 1;
    return 7;
}

static void proof_tq_unlock(void *ctx, uintptr_t flags) {
    (void)ctx;
    /*@ assert locked: proof_tq_locked == 1 && flags == 7; */
    proof_tq_locked = 0;
}

static const struct axv_timer_queue_hooks proof_tq_hooks = {
    .program = proof_tq_program,
    .disarm = proof_tq_disarm,
    .now = proof_tq_now,
    .lock = proof_tq_lock,
    .unlock = proof_tq_unlock,
};

/* A callback runs unlocked; with a non-NULL argument it registers again, in the past. */
static void proof_tq_callback(void *arg, axv_nanos_t now_ns) {
    (void)now_ns;
    /*@ assert callback_unlocked: proof_tq_locked == 0; */
    if (arg != NULL)
        (void)axv_timer_queue_register((struct axv_timer_queue *)arg, 0, proof_tq_callback, NULL,
                                       &proof_tq_rearmed);
}

/* Heap order and links, stated directly (the checker is also run: see proof_tq_check). */
static void proof_tq_order(const struct axv_timer_queue *q) {
    /*@ assert bounded: q->pending <= q->fresh <= q->capacity; */
    for (uint32_t pos = 0; pos < q->pending; pos++) {
        const struct axv_timer_queue_node *n = &q->nodes[q->nodes[pos].heap];
        /*@ assert heap_links: n->position == pos; */
        if (pos > 0) {
            const struct axv_timer_queue_node *p = &q->nodes[q->nodes[(pos - 1) / 2].heap];
            /*@ assert heap_order: p->deadline < n->deadline ||
                  (p->deadline == n->deadline && p->seq < n->seq); */
        }
    }
}

static void proof_tq_check(const struct axv_timer_queue *q) {
    bool ok = axv_timer_queue_check(q);
    /*@ assert invariants: ok; */
    proof_tq_order(q);
}

/* Every init refusal: NULL queue, config, hooks, pool, each hook, capacity 0 and too large,
 * id too large. */
static void proof_tq_init_refused(void) {
    struct axv_timer_queue q;
    struct axv_timer_queue_node nodes[1];
    struct axv_timer_queue_hooks hooks = proof_tq_hooks;
    struct axv_timer_queue_config config = {&hooks, NULL, nodes, 1, 0};
    int which = Frama_C_interval(0, 10);
    /*@ split which; */
    switch (which) {
    case 0:
        config.hooks = NULL;
        break;
    case 1:
        config.nodes = NULL;
        break;
    case 2:
        hooks.program = NULL;
        break;
    case 3:
        hooks.disarm = NULL;
        break;
    case 4:
        hooks.now = NULL;
        break;
    case 5:
        hooks.lock = NULL;
        break;
    case 6:
        hooks.unlock = NULL;
        break;
    case 7:
        config.capacity = 0;
        break;
    case 8:
        config.capacity = AXV_TIMER_QUEUE_MAX_NODES + 1u;
        break;
    case 9:
        config.id = AXV_TIMER_QUEUE_MAX_QUEUES;
        break;
    default:
        break;
    }
    int rc;
    if (which == 10)
        rc = Frama_C_nondet(0, 1) ? axv_timer_queue_init(NULL, &config)
                                  : axv_timer_queue_init(&q, NULL);
    else
        rc = axv_timer_queue_init(&q, &config);
    /*@ assert init_refused: rc == AXV_EINVAL; */
}

/* Damage done to a copy of an exact state, one kind at a time: the checker sees each. */
static void proof_tq_damage(const struct axv_timer_queue *good) {
    struct axv_timer_queue q = *good;
    struct axv_timer_queue_node nodes[PROOF_TQ_CAP];
    for (uint32_t i = 0; i < PROOF_TQ_CAP; i++)
        nodes[i] = good->nodes[i];
    q.nodes = nodes;
    uint32_t head = nodes[0].heap, second = nodes[1].heap;
    int kind = Frama_C_interval(0, 14);
    /*@ split kind; */
    switch (kind) {
    case 0:
        q.fresh = q.capacity + 1;
        break;
    case 1:
        q.pending = q.fresh + 1;
        break;
    case 2:
        q.capacity = AXV_TIMER_QUEUE_MAX_NODES + 1u;
        break;
    case 3:
        nodes[0].heap = q.fresh;
        break;
    case 4:
        nodes[head].position = 1;
        break;
    case 5:
        nodes[head].fn = NULL;
        break;
    case 6:
        nodes[head].generation = 0;
        break;
    case 7:
        nodes[head].seq = q.next_seq;
        break;
    case 8:
        nodes[second].deadline = 0;
        nodes[head].deadline = 1;
        break;
    case 9:
        nodes[q.free_head].generation = 0;
        break;
    case 10:
        nodes[q.free_head].fn = proof_tq_callback;
        break;
    case 11:
        q.pending--;
        break;
    case 12:
        nodes[q.free_head].next_free = q.free_head;
        break;
    case 13:
        q.free_head = q.fresh;
        break;
    default:
        q.free_head = head;
        break;
    }
    bool ok = axv_timer_queue_check(&q);
    /*@ assert damage_found: !ok; */
}

/* A queue with two pending timers and one free node, every node used once: the state the
 * damage is done to. */
static void proof_tq_damaged_states(void) {
    struct axv_timer_queue q;
    struct axv_timer_queue_node nodes[PROOF_TQ_CAP];
    struct axv_timer_queue_config config = {&proof_tq_hooks, NULL, nodes, PROOF_TQ_CAP, 0};
    axv_timer_token_t tokens[PROOF_TQ_CAP];
    int rc = axv_timer_queue_init(&q, &config);
    /*@ assert init_ok: rc == AXV_OK; */
    for (uint32_t i = 0; i < PROOF_TQ_CAP; i++)
        (void)axv_timer_queue_register(&q, 1, proof_tq_callback, NULL, &tokens[i]);
    rc = axv_timer_queue_cancel(&q, tokens[PROOF_TQ_CAP - 1]);
    /*@ assert cancelled: rc == AXV_OK; */
    proof_tq_check(&q);
    proof_tq_damage(&q);
}

/* A node whose generation cannot grow is retired: the next register takes a fresh node. */
static void proof_tq_retire(void) {
    struct axv_timer_queue q;
    struct axv_timer_queue_node nodes[2];
    struct axv_timer_queue_config config = {&proof_tq_hooks, NULL, nodes, 2, 0};
    axv_timer_token_t token;
    (void)axv_timer_queue_init(&q, &config);
    if (axv_timer_queue_register(&q, 0, proof_tq_callback, NULL, &token) == AXV_OK) {
        nodes[0].generation = UINT32_MAX;
        token = (axv_timer_token_t)UINT32_MAX << 32;
        int rc = axv_timer_queue_cancel(&q, token);
        /*@ assert cancelled: rc == AXV_OK; */
        proof_tq_check(&q);
        if (axv_timer_queue_register(&q, 0, proof_tq_callback, NULL, &token) == AXV_OK) {
            /*@ assert retired: (uint32_t)token == 1; */
        }
        proof_tq_check(&q);
    }
}

int main(void) {
    struct axv_timer_queue_node nodes[2][PROOF_TQ_CAP];
    axv_timer_token_t tokens[PROOF_TQ_STEPS];
    int issued = 0;
    axv_nanos_t deadline;

    proof_tq_init_refused();
    proof_tq_damaged_states();
    proof_tq_retire();

    for (uint32_t i = 0; i < 2; i++) {
        struct axv_timer_queue_config config = {&proof_tq_hooks, NULL, nodes[i], PROOF_TQ_CAP, i};
        int rc = axv_timer_queue_init(&proof_tq_queues[i], &config);
        /*@ assert init_ok: rc == AXV_OK; */
    }
    struct axv_timer_queue *q = &proof_tq_queues[PROOF_TQ_ID];
    proof_tq_check(q);
    /*@ loop unroll PROOF_TQ_STEPS; */
    for (int step = 0; step < PROOF_TQ_STEPS; step++) {
        int op = Frama_C_interval(0, 6);
        /*@ split op; */
        switch (op) {
        case 0: {
            /* how: 0 plain, 1 registers again when run, 2 NULL callback, 3 NULL token. */
            int how = Frama_C_interval(0, 3);
            axv_nanos_t when = Frama_C_interval(0, PROOF_TQ_DEADLINES - 1);
            int rc;
            /*@ split how; */
            /*@ split when; */
            rc = axv_timer_queue_register(q, when, how == 2 ? NULL : proof_tq_callback,
                                          how == 1 ? q : NULL, how == 3 ? NULL : &tokens[issued]);
            if (rc == AXV_OK) {
                /*@ assert token_nonzero: tokens[issued] != 0; */
                uint32_t owner = axv_timer_queue_token_owner(tokens[issued]);
                /*@ assert token_owner: owner == PROOF_TQ_ID; */
                issued++;
            }
            break;
        }
        case 1:
            if (issued > 0) {
                int which = Frama_C_interval(0, issued - 1);
                int among = Frama_C_nondet(0, 1);
                /*@ split which; */
                /*@ split among; */
                if (among)
                    (void)axv_timer_queue_cancel_among(proof_tq_queues, 2, tokens[which]);
                else
                    (void)axv_timer_queue_cancel(q, tokens[which]);
            }
            break;
        case 2: {
            uint64_t node = Frama_C_unsigned_long_long_interval(0, PROOF_TQ_CAP + 1u);
            /*@ split node; */
            if (node == PROOF_TQ_CAP + 1u && Frama_C_nondet(0, 1))
                node = (1u << AXV_TIMER_QUEUE_NODE_BITS) - 1u;
            uint64_t id = Frama_C_unsigned_long_long_interval(0, 2);
            uint64_t generation = Frama_C_unsigned_long_long_interval(0, UINT32_MAX);
            /*@ split id; */
            (void)axv_timer_queue_cancel(q,
                                         generation << 32 | id << AXV_TIMER_QUEUE_NODE_BITS | node);
            break;
        }
        case 3:
            proof_tq_clock = Frama_C_interval(0, PROOF_TQ_DEADLINES);
            /*@ split proof_tq_clock; */
            (void)axv_timer_queue_expire(q);
            break;
        case 4:
            if (axv_timer_queue_next_deadline(q, &deadline)) {
                /*@ assert next_is_first: deadline == q->nodes[q->nodes[0].heap].deadline; */
            }
            (void)axv_timer_queue_next_deadline(q, NULL);
            break;
        case 5:
            (void)axv_timer_queue_expire(NULL);
            (void)axv_timer_queue_next_deadline(NULL, &deadline);
            (void)axv_timer_queue_cancel_among(NULL, 2, 0);
            /* Owners 0 (the other queue, empty), 1 and 2 (past the array) with any count. */
            (void)axv_timer_queue_cancel_among(proof_tq_queues, Frama_C_interval(0, 2),
                                               (axv_timer_token_t)Frama_C_interval(0, 2)
                                                   << AXV_TIMER_QUEUE_NODE_BITS);
            (void)axv_timer_queue_cancel(NULL, 1);
            (void)axv_timer_queue_register(NULL, 0, proof_tq_callback, NULL, &deadline);
            break;
        default:
            proof_tq_check(&proof_tq_queues[0]);
            break;
        }
        proof_tq_check(q);
        /*@ assert unlocked: proof_tq_locked == 0; */
    }
    return 0;
}
