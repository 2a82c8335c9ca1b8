/* Fuzz target: the posix platform's timer queue (timer_heap.c), under a virtual clock.
 *
 * The posix time area reads CLOCK_MONOTONIC and fires from its own thread, so it cannot be
 * driven step by step; its queue can, and that is where the ordering and token logic lives
 * (timers.c only adds the lock, the thread and the started flag). "Advancing" the clock to
 * t pops every timer whose deadline is <= t, as the service thread does.
 *
 * The input picks the queue's capacity (small, so that it fills up), then steps: register
 * (deadlines in the past, now, soon, equal to another timer's, far away), cancel of a
 * pending timer, cancel of a bad token (fired, cancelled, 0, never issued, another
 * generation or slot), advance, clear. After every step:
 * - the queue holds exactly the model's pending timers, its earliest deadline is the
 *   model's, and its heap is well formed;
 * - an advance fires exactly the pending timers that are due, each once, in (deadline,
 *   registration) order: the contract for ties is registration order;
 * - a new token is never 0 and never equal to any token issued before; a full queue
 *   answers AXV_ENOMEM without writing the token or changing anything;
 * - cancel answers AXV_OK exactly for a pending timer's token (which then never fires) and
 *   AXV_ENOENT otherwise, changing nothing. */
#include <string.h>

#include "fuzz_input.h"
#include "timer_heap.h"

#define MAX_TIMERS 512u
#define MAX_STEPS 512u

enum state { PENDING, FIRED, CANCELLED };

struct timer {
    axv_nanos_t deadline;
    axv_timer_token_t token;
    enum state state;
};

static struct {
    struct axv_posix_timer_heap h;
    struct timer t[MAX_TIMERS]; /* in registration order */
    size_t num;
    size_t pending;
    axv_nanos_t now;
    size_t last_fired; /* timer fired by the latest callback */
    size_t fired_calls;
} s;

/* The callback stands in for the service thread's call: arg is the timer's index. */
static void on_fire(void *arg, axv_nanos_t now) {
    size_t i = (size_t)(uintptr_t)arg;
    FUZZ_CHECK(i < s.num);
    FUZZ_CHECK(now == s.now);
    s.last_fired = i;
    s.fired_calls++;
}

/* The model's next timer to fire: earliest deadline, then earliest registration. */
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

static bool before(uint32_t a, uint32_t b) {
    const struct axv_posix_timer *x = &s.h.slab[a], *y = &s.h.slab[b];
    return x->deadline != y->deadline ? x->deadline < y->deadline : x->seq < y->seq;
}

static void check_all(void) {
    FUZZ_CHECK(s.h.heap_len == s.pending);
    FUZZ_CHECK(s.h.slab_len <= s.h.max_entries);
    for (uint32_t i = 0; i < s.h.heap_len; i++) {
        FUZZ_CHECK(s.h.heap[i] < s.h.slab_len);
        FUZZ_CHECK(s.h.slab[s.h.heap[i]].heap_index == i);
        if (i > 0)
            FUZZ_CHECK(!before(s.h.heap[i], s.h.heap[(i - 1) / 2]));
    }
    axv_nanos_t earliest = 0;
    size_t first = 0;
    bool any = model_first(&first);
    FUZZ_CHECK(axv_posix_timer_heap_peek(&s.h, &earliest) == any);
    if (any)
        FUZZ_CHECK(earliest == s.t[first].deadline);
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

static void register_step(struct fuzz_input *in) {
    axv_nanos_t deadline = decode_deadline(in);
    const axv_timer_token_t sentinel = 0x5a5a5a5a5a5a5a5au;
    axv_timer_token_t token = sentinel;
    uint32_t len = s.h.heap_len;
    int rc = axv_posix_timer_heap_insert(&s.h, deadline, on_fire, (void *)(uintptr_t)s.num, &token);
    if (s.pending == s.h.max_entries) {
        /* Full: every entry is pending (generations cannot run out in one input). */
        FUZZ_CHECK(rc == AXV_ENOMEM);
        FUZZ_CHECK(token == sentinel && s.h.heap_len == len);
        return;
    }
    FUZZ_CHECK(rc == AXV_OK);
    size_t seen;
    FUZZ_CHECK(token != 0 && token != sentinel);
    FUZZ_CHECK(!token_issued(token, &seen)); /* a token is never reissued */
    FUZZ_CHECK(s.num < MAX_TIMERS);
    s.t[s.num++] = (struct timer){.deadline = deadline, .token = token, .state = PENDING};
    s.pending++;
}

static void cancel(axv_timer_token_t token) {
    size_t i;
    bool pending = token_issued(token, &i) && s.t[i].state == PENDING;
    uint32_t len = s.h.heap_len;
    int rc = axv_posix_timer_heap_remove(&s.h, token);
    if (pending) {
        FUZZ_CHECK(rc == AXV_OK);
        s.t[i].state = CANCELLED;
        s.pending--;
    } else {
        FUZZ_CHECK(rc == AXV_ENOENT);
        FUZZ_CHECK(s.h.heap_len == len);
    }
}

/* A cancel of a token that may be bad: 10 bytes of input. */
static void bad_cancel_step(struct fuzz_input *in) {
    uint8_t v = fuzz_u8(in), pick = fuzz_u8(in);
    uint64_t w = fuzz_u64(in);
    axv_timer_token_t base = s.num > 0 ? s.t[pick % s.num].token : 0;
    switch (v % 6) {
    case 0: /* a token of this input again: fired, cancelled or still pending */
        cancel(base);
        break;
    case 1:
        cancel(0);
        break;
    case 2: /* the same slot, another generation */
        cancel(base + ((axv_timer_token_t)(1 + w % 3) << 32));
        break;
    case 3: /* the same generation, another slot */
        cancel(base + 1 + w % 4);
        break;
    case 4: /* generation 0: never issued */
        cancel((uint32_t)w);
        break;
    default:
        cancel(w);
        break;
    }
}

/* Moves the clock to @p to and fires what is due, checking the order against the model. */
static void advance(axv_nanos_t to) {
    s.now = to;
    axv_nanos_t deadline;
    while (axv_posix_timer_heap_peek(&s.h, &deadline) && deadline <= s.now) {
        size_t expect;
        FUZZ_CHECK(model_first(&expect));
        axv_timer_fn fn = NULL;
        void *arg = NULL;
        axv_posix_timer_heap_pop(&s.h, &fn, &arg);
        FUZZ_CHECK(fn == on_fire);
        size_t calls = s.fired_calls;
        fn(arg, s.now);
        FUZZ_CHECK(s.fired_calls == calls + 1);
        FUZZ_CHECK(s.last_fired == expect); /* order: deadline, then registration */
        FUZZ_CHECK(s.t[expect].deadline <= s.now);
        s.t[expect].state = FIRED;
        s.pending--;
    }
    /* Nothing due is left behind. */
    for (size_t i = 0; i < s.num; i++)
        FUZZ_CHECK(s.t[i].state != PENDING || s.t[i].deadline > s.now);
}

/* 3 bytes of input. */
static void advance_step(struct fuzz_input *in) {
    uint8_t v = fuzz_u8(in);
    uint16_t w = fuzz_u16(in);
    size_t first;
    switch (v % 5) {
    case 0:
        advance(s.now); /* fires what is in the past */
        break;
    case 1:
        if (model_first(&first)) /* exactly to the next deadline */
            advance(s.t[first].deadline);
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
    memset(&s.t, 0, sizeof(s.t));
    s.num = s.pending = 0;
    s.now = 0;
    uint8_t cap = fuzz_u8(&in);
    axv_posix_timer_heap_init(&s.h, cap % 4 == 0 ? 1000u : 1u + cap % 40u);
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
        case 6:
            advance_step(&in);
            break;
        default: { /* clear, as stop does: every pending timer is dropped unfired */
            FUZZ_CHECK(axv_posix_timer_heap_clear(&s.h) == s.pending);
            for (size_t i = 0; i < s.num; i++)
                if (s.t[i].state == PENDING)
                    s.t[i].state = CANCELLED;
            s.pending = 0;
            break;
        }
        }
        check_all();
    }
    /* Drain: everything still pending fires, in order, once. */
    advance(UINT64_MAX);
    FUZZ_CHECK(s.pending == 0 && s.h.heap_len == 0);
    axv_posix_timer_heap_fini(&s.h);
    return 0;
}
