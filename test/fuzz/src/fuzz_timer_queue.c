/* Fuzz target: the library's timer queue (lib/timer_queue.c) through its public API, over
 * fake hooks: a virtual clock, a timer that records what it was programmed to, and a lock
 * that counts its holders.
 *
 * The input picks the pool's size (small, so that it fills up), then steps: register
 * (deadlines in the past, now, soon, equal to another timer's, far away; each timer's
 * callback may, when it runs, re-arm, cancel another timer or cancel itself), cancel of a
 * pending timer, cancel of a bad token (fired, cancelled, 0, never issued, another
 * generation, node or queue), advance the clock and expire. After every step:
 * - axv_timer_queue_check() holds (heap order, back-pointers, free list, generations), the
 *   queue holds exactly the model's pending timers and reports its earliest deadline;
 * - the hardware timer is never later than the earliest pending deadline (a timer is never
 *   missed), and the lock is free;
 * - an expiry runs due timers one by one, each once, in (deadline, registration) order, with
 *   the lock free; it stops at the first timer not due or registered during that expiry;
 * - a new token is never 0 and never equal to any token issued before; a full pool answers
 *   AXV_ENOMEM without writing the token or changing anything;
 * - cancel answers AXV_OK exactly for a pending timer's token (which then never runs) and
 *   AXV_ENOENT otherwise, changing nothing. */
#include <string.h>

#include <axvisor_api/timer_queue.h>

#include "fuzz_input.h"

#define MAX_TIMERS 512u
#define MAX_STEPS 512u
#define MAX_POOL 600u

enum state { PENDING, FIRED, CANCELLED };
/* What a timer's callback does when it runs. */
enum action { NOTHING, REARM, CANCEL_OTHER, CANCEL_SELF, NUM_ACTIONS };

struct timer {
    axv_nanos_t deadline;
    axv_timer_token_t token;
    enum state state;
    enum action action;
    uint32_t param; /* the re-arm's delay or the victim's index */
};

static struct {
    struct axv_timer_queue q, other;
    struct axv_timer_queue_node nodes[MAX_POOL], other_nodes[1];
    struct timer t[MAX_TIMERS]; /* in registration order */
    size_t num;
    size_t pending;
    axv_nanos_t now;
    unsigned lock_depth;
    bool armed;
    axv_nanos_t programmed;
    bool expiring;
    size_t bound; /* timers from this index on were registered during the expiry */
    size_t ran;
} s;

static void hw_program(void *ctx, axv_nanos_t deadline) {
    FUZZ_CHECK(ctx == &s && s.lock_depth == 1);
    s.armed = true;
    s.programmed = deadline;
}

static void hw_disarm(void *ctx) {
    FUZZ_CHECK(ctx == &s && s.lock_depth == 1);
    s.armed = false;
}

static axv_nanos_t clock_now(void *ctx) {
    FUZZ_CHECK(ctx == &s);
    return s.now;
}

static uintptr_t lock(void *ctx) {
    FUZZ_CHECK(ctx == &s && s.lock_depth == 0); /* not recursive: a double lock deadlocks */
    s.lock_depth++;
    return 0xd1f;
}

static void unlock(void *ctx, uintptr_t flags) {
    FUZZ_CHECK(ctx == &s && s.lock_depth == 1 && flags == 0xd1f);
    s.lock_depth--;
}

static const struct axv_timer_queue_hooks hooks = {hw_program, hw_disarm, clock_now, lock, unlock};

/* The model's next timer: earliest deadline, then earliest registration. */
static bool model_first(size_t *first) {
    bool any = false;
    for (size_t i = 0; i < s.num; i++) {
        if (s.t[i].state == PENDING && (!any || s.t[i].deadline < s.t[*first].deadline)) {
            *first = i;
            any = true;
        }
    }
    return any;
}

static void check_all(void) {
    FUZZ_CHECK(s.lock_depth == 0);
    FUZZ_CHECK(axv_timer_queue_check(&s.q));
    FUZZ_CHECK(s.q.pending == s.pending);
    size_t first = 0;
    bool any = model_first(&first);
    axv_nanos_t earliest = 0;
    FUZZ_CHECK(axv_timer_queue_next_deadline(&s.q, &earliest) == any);
    if (any) {
        FUZZ_CHECK(earliest == s.t[first].deadline);
        FUZZ_CHECK(s.armed && s.programmed <= earliest);
    }
}

static bool token_issued(axv_timer_token_t token, size_t *index) {
    for (size_t i = 0; i < s.num; i++) {
        if (s.t[i].token == token) {
            *index = i;
            return true;
        }
    }
    return false;
}

static void on_fire(void *arg, axv_nanos_t now);

/* Registers a timer and checks the answer against the model. */
static void add(axv_nanos_t deadline, enum action action, uint32_t param) {
    const axv_timer_token_t sentinel = 0x5a5a5a5a5a5a5a5au;
    axv_timer_token_t token = sentinel;
    if (s.num == MAX_TIMERS)
        return;
    int rc = axv_timer_queue_register(&s.q, deadline, on_fire, (void *)(uintptr_t)s.num, &token);
    FUZZ_CHECK(s.lock_depth == 0);
    if (s.pending == s.q.capacity) {
        /* Full: every node is pending (generations cannot run out in one input). */
        FUZZ_CHECK(rc == AXV_ENOMEM);
        FUZZ_CHECK(token == sentinel && s.q.pending == s.pending);
        return;
    }
    FUZZ_CHECK(rc == AXV_OK);
    size_t seen;
    FUZZ_CHECK(token != 0 && token != sentinel);
    FUZZ_CHECK(!token_issued(token, &seen)); /* a token is never reissued */
    FUZZ_CHECK(axv_timer_queue_token_owner(token) == 0);
    s.t[s.num++] = (struct timer){deadline, token, PENDING, action, param};
    s.pending++;
}

static void cancel(axv_timer_token_t token) {
    size_t i;
    bool pending = token_issued(token, &i) && s.t[i].state == PENDING;
    int rc = axv_timer_queue_cancel(&s.q, token);
    FUZZ_CHECK(s.lock_depth == 0);
    if (pending) {
        FUZZ_CHECK(rc == AXV_OK);
        s.t[i].state = CANCELLED;
        s.pending--;
    } else {
        FUZZ_CHECK(rc == AXV_ENOENT);
        FUZZ_CHECK(s.q.pending == s.pending);
    }
}

/* A callback: it must be the model's next due timer of this expiry; then it acts. */
static void on_fire(void *arg, axv_nanos_t now) {
    size_t i = (size_t)(uintptr_t)arg, expect = 0;
    FUZZ_CHECK(s.expiring && s.lock_depth == 0);
    FUZZ_CHECK(i < s.num && now == s.now);
    FUZZ_CHECK(model_first(&expect) && expect == i); /* order: deadline, then registration */
    FUZZ_CHECK(i < s.bound && s.t[i].deadline <= now);
    s.t[i].state = FIRED;
    s.pending--;
    s.ran++;
    switch (s.t[i].action) {
    case REARM: /* param % 3 == 0: in the past, due at once */
        add(s.t[i].param % 3 == 0
                ? (now > s.t[i].param ? now - s.t[i].param : 0)
                : (UINT64_MAX - now < s.t[i].param ? UINT64_MAX : now + s.t[i].param),
            NOTHING, 0);
        break;
    case CANCEL_OTHER:
        if (s.num > 0)
            cancel(s.t[s.t[i].param % s.num].token);
        break;
    case CANCEL_SELF:
        cancel(s.t[i].token); /* running: no longer pending */
        break;
    default:
        break;
    }
}

/* A deadline: 5 bytes of input. */
static axv_nanos_t decode_deadline(struct fuzz_input *in) {
    uint8_t v = fuzz_u8(in);
    uint32_t w = fuzz_u32(in);
    switch (v % 8) {
    case 0: /* in the past (or now, at time 0) */
        return s.now > w % 256u ? s.now - w % 256u : 0;
    case 1:
        return s.now;
    case 2: /* the deadline of another timer: a tie */
        return s.num > 0 ? s.t[w % s.num].deadline : s.now;
    case 3:
        return UINT64_MAX;
    case 4:
        return UINT64_MAX - s.now < w ? UINT64_MAX : s.now + w;
    default: /* soon: small values make ties likely */
        return UINT64_MAX - s.now < 16 ? UINT64_MAX : s.now + w % 16u;
    }
}

/* 8 bytes of input: a deadline, an action and its parameter. */
static void register_step(struct fuzz_input *in) {
    axv_nanos_t deadline = decode_deadline(in);
    uint8_t action = fuzz_u8(in);
    uint16_t param = fuzz_u16(in);
    add(deadline, (enum action)(action % NUM_ACTIONS), param);
}

/* A cancel of a token that may be bad: 10 bytes of input. */
static void bad_cancel_step(struct fuzz_input *in) {
    uint8_t v = fuzz_u8(in), pick = fuzz_u8(in);
    uint64_t w = fuzz_u64(in);
    axv_timer_token_t base = s.num > 0 ? s.t[pick % s.num].token : 0;
    switch (v % 7) {
    case 0: /* a token of this input again: fired, cancelled or still pending */
        cancel(base);
        break;
    case 1:
        cancel(0);
        break;
    case 2: /* the same node, another generation */
        cancel(base + ((axv_timer_token_t)(1 + w % 3) << 32));
        break;
    case 3: /* the same generation, another node (perhaps past the pool) */
        cancel(base + 1 + w % 4);
        break;
    case 4: /* the same node and generation, another queue */
        cancel(base + ((axv_timer_token_t)(1 + w % 3) << AXV_TIMER_QUEUE_NODE_BITS));
        break;
    case 5: /* generation 0: never issued */
        cancel((uint32_t)w);
        break;
    default:
        cancel(w);
        break;
    }
}

/* Moves the clock to @p to and runs the owner's timer interrupt. */
static void advance(axv_nanos_t to) {
    s.now = to;
    s.expiring = true;
    s.bound = s.num;
    s.ran = 0;
    size_t ran = axv_timer_queue_expire(&s.q);
    s.expiring = false;
    FUZZ_CHECK(ran == s.ran);
    /* It stopped for a reason: nothing pending, the head not due, or the head new. */
    size_t first = 0;
    if (model_first(&first))
        FUZZ_CHECK(s.t[first].deadline > s.now || first >= s.bound);
    /* It programmed the hardware exactly: the head's deadline, or disarmed. */
    if (s.pending > 0)
        FUZZ_CHECK(s.armed && s.programmed == s.t[first].deadline);
    else
        FUZZ_CHECK(!s.armed);
}

/* 3 bytes of input. */
static void advance_step(struct fuzz_input *in) {
    uint8_t v = fuzz_u8(in);
    uint16_t w = fuzz_u16(in);
    size_t first;
    switch (v % 5) {
    case 0:
        advance(s.now); /* runs what is in the past: an early or repeated interrupt */
        break;
    case 1:
        if (model_first(&first)) /* exactly to the next deadline */
            advance(s.t[first].deadline > s.now ? s.t[first].deadline : s.now);
        break;
    case 2:
        advance(UINT64_MAX - s.now < w ? UINT64_MAX : s.now + w);
        break;
    case 3:
        advance(UINT64_MAX);
        break;
    default:
        advance(UINT64_MAX - s.now < 16 ? UINT64_MAX : s.now + w % 16u);
        break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct fuzz_input in = {data, size};
    memset(&s, 0, sizeof(s));
    uint8_t cap = fuzz_u8(&in);
    const struct axv_timer_queue_config config = {&hooks, &s, s.nodes,
                                                  cap % 4 == 0 ? MAX_POOL : 1u + cap % 40u, 0};
    FUZZ_CHECK(axv_timer_queue_init(&s.q, &config) == AXV_OK);
    /* A second queue (id 1) holding one timer: its token must not work on the first. */
    const struct axv_timer_queue_config other = {&hooks, &s, s.other_nodes, 1, 1};
    FUZZ_CHECK(axv_timer_queue_init(&s.other, &other) == AXV_OK);
    axv_timer_token_t foreign = 0;
    FUZZ_CHECK(axv_timer_queue_register(&s.other, 5, on_fire, NULL, &foreign) == AXV_OK);
    s.armed = false; /* that was the other queue's timer: this one's is not armed yet */
    check_all();
    for (unsigned step = 0; step < MAX_STEPS && fuzz_more(&in) && s.num < MAX_TIMERS; step++) {
        uint8_t op = fuzz_u8(&in);
        switch (op % 8) {
        case 0:
        case 1:
        case 2:
            register_step(&in);
            break;
        case 3: { /* cancel a pending timer */
            uint8_t pick = fuzz_u8(&in);
            size_t n = 0, want = s.pending > 0 ? pick % s.pending : 0;
            for (size_t i = 0; i < s.num && s.pending > 0; i++) {
                if (s.t[i].state == PENDING && n++ == want) {
                    cancel(s.t[i].token);
                    break;
                }
            }
            break;
        }
        case 4:
            bad_cancel_step(&in);
            break;
        case 5:
            FUZZ_CHECK(axv_timer_queue_cancel(&s.q, foreign) == AXV_ENOENT);
            break;
        default:
            advance_step(&in);
            break;
        }
        check_all();
    }
    /* Drain: everything still pending runs, in order, once; re-arms in the past need one
     * more interrupt each, and each interrupt runs at least one timer. */
    for (size_t i = 0; i <= MAX_TIMERS && s.pending > 0; i++)
        advance(UINT64_MAX);
    FUZZ_CHECK(s.pending == 0 && s.q.pending == 0);
    check_all();
    FUZZ_CHECK(axv_timer_queue_cancel(&s.other, foreign) == AXV_OK);
    FUZZ_CHECK(axv_timer_queue_check(&s.other));
    return 0;
}
