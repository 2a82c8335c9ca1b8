// The library's timer queue (<axvisor_api/timer_queue.h>) over fake hooks: a clock the test
// sets, a timer that records what it was programmed to, and a real mutex as the port's lock
// (so the hooks can also tell whether it is held).
#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/timer_queue.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace {

struct FakePort {
    std::atomic<axv_nanos_t> now{0};
    std::mutex mutex;
    std::atomic<bool> held{false};
    bool armed = false;
    axv_nanos_t programmed = 0;
    int programs = 0;
    int disarms = 0;
    bool hw_touched_unlocked = false; // program/disarm without the lock: a bug
};

FakePort *port_of(void *ctx) {
    return static_cast<FakePort *>(ctx);
}

const axv_timer_queue_hooks kHooks = {
    [](void *ctx, axv_nanos_t deadline) {
        FakePort *p = port_of(ctx);
        p->hw_touched_unlocked |= !p->held.load();
        p->armed = true;
        p->programmed = deadline;
        p->programs++;
    },
    [](void *ctx) {
        FakePort *p = port_of(ctx);
        p->hw_touched_unlocked |= !p->held.load();
        p->armed = false;
        p->disarms++;
    },
    [](void *ctx) -> axv_nanos_t { return port_of(ctx)->now.load(); },
    [](void *ctx) -> uintptr_t {
        FakePort *p = port_of(ctx);
        p->mutex.lock();
        p->held = true;
        return 0x5a;
    },
    [](void *ctx, uintptr_t flags) {
        FakePort *p = port_of(ctx);
        EXPECT_EQ(flags, 0x5au) << "unlock must get what lock returned";
        p->held = false;
        p->mutex.unlock();
    },
};

// One fired callback: which timer, when, and whether the lock was held (it must not be).
struct Fired {
    int id;
    axv_nanos_t now;
    bool locked;
};

class TimerQueueTest;
// What record() gets: the test to record into and the timer's id.
struct Arg {
    TimerQueueTest *test;
    int id;
};

class TimerQueueTest : public ::testing::Test {
  public:
    static constexpr uint32_t kCapacity = 8;

    void SetUp() override {
        ASSERT_EQ(init(&queue, 0, nodes, kCapacity), AXV_OK);
    }
    void TearDown() override {
        EXPECT_TRUE(axv_timer_queue_check(&queue));
        EXPECT_FALSE(fake.hw_touched_unlocked);
    }

    int init(axv_timer_queue *q, uint32_t id, axv_timer_queue_node *pool, uint32_t n) {
        const axv_timer_queue_config config = {&kHooks, &fake, pool, n, id};
        return axv_timer_queue_init(q, &config);
    }

    // The callback every test uses: records (id, now) into the fixture named by arg.
    static void record(void *arg, axv_nanos_t now) {
        Arg *a = static_cast<Arg *>(arg);
        a->test->fired.push_back({a->id, now, a->test->fake.held.load()});
    }
    axv_timer_token_t add(axv_nanos_t deadline, int id) {
        args.push_back(std::make_unique<Arg>(Arg{this, id}));
        axv_timer_token_t token = 0;
        EXPECT_EQ(axv_timer_queue_register(&queue, deadline, record, args.back().get(), &token),
                  AXV_OK);
        EXPECT_NE(token, 0u);
        EXPECT_TRUE(axv_timer_queue_check(&queue));
        return token;
    }
    std::vector<int> fired_ids() const {
        std::vector<int> ids;
        for (const Fired &f : fired)
            ids.push_back(f.id);
        return ids;
    }

    FakePort fake;
    axv_timer_queue_node nodes[kCapacity];
    axv_timer_queue queue;
    std::vector<std::unique_ptr<Arg>> args;
    std::vector<Fired> fired;
};

TEST_F(TimerQueueTest, InitRefusesBadConfigurations) {
    axv_timer_queue q;
    EXPECT_EQ(axv_timer_queue_init(nullptr, nullptr), AXV_EINVAL);
    EXPECT_EQ(axv_timer_queue_init(&q, nullptr), AXV_EINVAL);
    EXPECT_EQ(init(&q, 0, nullptr, 4), AXV_EINVAL);
    EXPECT_EQ(init(&q, 0, nodes, 0), AXV_EINVAL);
    EXPECT_EQ(init(&q, 0, nodes, AXV_TIMER_QUEUE_MAX_NODES + 1), AXV_EINVAL);
    EXPECT_EQ(init(&q, AXV_TIMER_QUEUE_MAX_QUEUES, nodes, 4), AXV_EINVAL);
    EXPECT_EQ(init(&q, AXV_TIMER_QUEUE_MAX_QUEUES - 1, nodes, 4), AXV_OK);
    axv_timer_queue_hooks partial = kHooks;
    partial.disarm = nullptr;
    const axv_timer_queue_config config = {&partial, &fake, nodes, 4, 0};
    EXPECT_EQ(axv_timer_queue_init(&q, &config), AXV_EINVAL);
    const axv_timer_queue_config no_hooks = {nullptr, &fake, nodes, 4, 0};
    EXPECT_EQ(axv_timer_queue_init(&q, &no_hooks), AXV_EINVAL);
}

TEST_F(TimerQueueTest, RegisterRefusesNullArguments) {
    axv_timer_token_t token = 0;
    EXPECT_EQ(axv_timer_queue_register(nullptr, 1, record, nullptr, &token), AXV_EINVAL);
    EXPECT_EQ(axv_timer_queue_register(&queue, 1, nullptr, nullptr, &token), AXV_EINVAL);
    EXPECT_EQ(axv_timer_queue_register(&queue, 1, record, nullptr, nullptr), AXV_EINVAL);
    EXPECT_EQ(token, 0u);
    EXPECT_EQ(fake.programs, 0);
}

TEST_F(TimerQueueTest, CallbacksRunInDeadlineOrderTiesInRegistrationOrder) {
    add(300, 0);
    add(100, 1);
    add(200, 2);
    add(100, 3);
    add(300, 4);
    add(100, 5);
    fake.now = 1000;
    EXPECT_EQ(axv_timer_queue_expire(&queue), 6u);
    EXPECT_EQ(fired_ids(), (std::vector<int>{1, 3, 5, 2, 0, 4}));
    for (const Fired &f : fired) {
        EXPECT_FALSE(f.locked) << "callback " << f.id << " ran with the lock held";
        EXPECT_EQ(f.now, 1000u);
    }
    EXPECT_FALSE(fake.armed);
    EXPECT_EQ(fake.disarms, 1);
}

TEST_F(TimerQueueTest, ExpireRunsOnlyWhatIsDueAndProgramsTheNextDeadline) {
    add(100, 0);
    add(250, 1);
    add(200, 2);
    fake.now = 99;
    EXPECT_EQ(axv_timer_queue_expire(&queue), 0u) << "an early interrupt runs nothing";
    EXPECT_TRUE(fake.armed);
    EXPECT_EQ(fake.programmed, 100u);
    fake.now = 200;
    EXPECT_EQ(axv_timer_queue_expire(&queue), 2u);
    EXPECT_EQ(fired_ids(), (std::vector<int>{0, 2}));
    EXPECT_TRUE(fake.armed);
    EXPECT_EQ(fake.programmed, 250u);
    axv_nanos_t next = 0;
    ASSERT_TRUE(axv_timer_queue_next_deadline(&queue, &next));
    EXPECT_EQ(next, 250u);
}

TEST_F(TimerQueueTest, RegisterProgramsTheTimerOnlyForANewHead) {
    add(500, 0);
    EXPECT_EQ(fake.programs, 1);
    EXPECT_EQ(fake.programmed, 500u);
    add(600, 1);
    add(500, 2); // ties go after: not a new head
    EXPECT_EQ(fake.programs, 1);
    add(400, 3);
    EXPECT_EQ(fake.programs, 2);
    EXPECT_EQ(fake.programmed, 400u);
}

TEST_F(TimerQueueTest, CancelNeverTouchesTheTimerAndTheEarlyInterruptReprograms) {
    axv_timer_token_t head = add(100, 0);
    add(300, 1);
    int programs = fake.programs;
    EXPECT_EQ(axv_timer_queue_cancel(&queue, head), AXV_OK);
    EXPECT_EQ(fake.programs, programs);
    EXPECT_EQ(fake.programmed, 100u) << "still armed for the cancelled head";
    fake.now = 100;
    EXPECT_EQ(axv_timer_queue_expire(&queue), 0u);
    EXPECT_EQ(fake.programmed, 300u);
    EXPECT_TRUE(fired.empty());
}

TEST_F(TimerQueueTest, AFullPoolRefusesWithENOMEMAndChangesNothing) {
    std::vector<axv_timer_token_t> tokens;
    for (uint32_t i = 0; i < kCapacity; i++)
        tokens.push_back(add(1000 + i, static_cast<int>(i)));
    axv_timer_token_t token = 77;
    EXPECT_EQ(axv_timer_queue_register(&queue, 1, record, nullptr, &token), AXV_ENOMEM);
    EXPECT_EQ(token, 77u);
    axv_nanos_t next = 0;
    ASSERT_TRUE(axv_timer_queue_next_deadline(&queue, &next));
    EXPECT_EQ(next, 1000u);
    EXPECT_TRUE(axv_timer_queue_check(&queue));
    // A cancel frees a node for the next registration.
    EXPECT_EQ(axv_timer_queue_cancel(&queue, tokens[3]), AXV_OK);
    add(5, 99);
    fake.now = 2000;
    EXPECT_EQ(axv_timer_queue_expire(&queue), kCapacity);
    EXPECT_EQ(fired_ids(), (std::vector<int>{99, 0, 1, 2, 4, 5, 6, 7}));
}

TEST_F(TimerQueueTest, StaleAndForeignTokensAreRefused) {
    EXPECT_EQ(axv_timer_queue_cancel(&queue, 0), AXV_ENOENT);
    EXPECT_EQ(axv_timer_queue_cancel(nullptr, 1), AXV_ENOENT);
    axv_timer_token_t a = add(100, 0);
    EXPECT_EQ(axv_timer_queue_cancel(&queue, a), AXV_OK);
    EXPECT_EQ(axv_timer_queue_cancel(&queue, a), AXV_ENOENT) << "cancelled twice";
    // The node is reused with a new generation: the old token must not cancel the new timer.
    axv_timer_token_t b = add(100, 1);
    EXPECT_NE(a, b);
    EXPECT_EQ(axv_timer_queue_cancel(&queue, a), AXV_ENOENT);
    fake.now = 100;
    EXPECT_EQ(axv_timer_queue_expire(&queue), 1u);
    EXPECT_EQ(axv_timer_queue_cancel(&queue, b), AXV_ENOENT) << "already ran";
    // Never issued: a node past the used ones, past the pool, a generation never reached.
    axv_timer_token_t c = add(500, 2);
    EXPECT_EQ(axv_timer_queue_cancel(&queue, c + 5), AXV_ENOENT);
    EXPECT_EQ(axv_timer_queue_cancel(&queue, (c & ~0xffffffffull) | kCapacity), AXV_ENOENT);
    EXPECT_EQ(axv_timer_queue_cancel(&queue, c + (1ull << 40)), AXV_ENOENT);
    // Another queue's token, even with a matching node and generation.
    axv_timer_queue_node other_nodes[kCapacity];
    axv_timer_queue other;
    ASSERT_EQ(init(&other, 1, other_nodes, kCapacity), AXV_OK);
    axv_timer_token_t d = 0;
    ASSERT_EQ(axv_timer_queue_register(&other, 500, record, nullptr, &d), AXV_OK);
    EXPECT_EQ(axv_timer_queue_token_owner(d), 1u);
    EXPECT_EQ(axv_timer_queue_token_owner(c), 0u);
    EXPECT_EQ(axv_timer_queue_cancel(&queue, d), AXV_ENOENT);
    EXPECT_EQ(axv_timer_queue_cancel(&other, c), AXV_ENOENT);
    EXPECT_EQ(axv_timer_queue_cancel(&queue, c), AXV_OK);
    EXPECT_EQ(axv_timer_queue_cancel(&other, d), AXV_OK);
    EXPECT_TRUE(axv_timer_queue_check(&other));
}

TEST_F(TimerQueueTest, CancelAmongRoutesByTheTokensQueue) {
    // The port's layout: queue i has id i.
    axv_timer_queue_node pools[3][kCapacity];
    axv_timer_queue queues[3];
    for (uint32_t i = 0; i < 3; i++)
        ASSERT_EQ(init(&queues[i], i, pools[i], kCapacity), AXV_OK);
    axv_timer_token_t t[3];
    for (int i = 0; i < 3; i++)
        ASSERT_EQ(axv_timer_queue_register(&queues[i], 10, record, nullptr, &t[i]), AXV_OK);
    EXPECT_EQ(axv_timer_queue_cancel_among(queues, 3, t[2]), AXV_OK);
    EXPECT_EQ(axv_timer_queue_cancel_among(queues, 2, t[1]), AXV_OK);
    EXPECT_EQ(axv_timer_queue_cancel_among(queues, 1, t[1]), AXV_ENOENT);
    EXPECT_EQ(axv_timer_queue_cancel_among(queues, 3, t[2]), AXV_ENOENT);
    EXPECT_EQ(axv_timer_queue_cancel_among(nullptr, 3, t[0]), AXV_ENOENT);
    EXPECT_EQ(axv_timer_queue_cancel_among(queues, 3, 0), AXV_ENOENT);
    axv_nanos_t next = 0;
    EXPECT_TRUE(axv_timer_queue_next_deadline(&queues[0], &next));
    EXPECT_FALSE(axv_timer_queue_next_deadline(&queues[1], &next));
    EXPECT_FALSE(axv_timer_queue_next_deadline(&queues[2], &next));
}

TEST_F(TimerQueueTest, AQueueNeverInitialisedRefusesEveryTokenWithoutItsHooks) {
    // Slot 1 is a CPU that never came online: zero-filled, its hooks NULL (a call would crash).
    axv_timer_queue queues[2] = {};
    axv_timer_queue_node pool[kCapacity];
    ASSERT_EQ(init(&queues[0], 0, pool, kCapacity), AXV_OK);
    axv_timer_token_t t = 0;
    ASSERT_EQ(axv_timer_queue_register(&queues[0], 10, record, nullptr, &t), AXV_OK);
    // The same node and generation, naming queue 1.
    axv_timer_token_t forged = t + (1ull << AXV_TIMER_QUEUE_NODE_BITS);
    ASSERT_EQ(axv_timer_queue_token_owner(forged), 1u);
    EXPECT_EQ(axv_timer_queue_cancel_among(queues, 2, forged), AXV_ENOENT);
    EXPECT_EQ(axv_timer_queue_cancel(&queues[1], forged), AXV_ENOENT);
    EXPECT_EQ(axv_timer_queue_cancel_among(queues, 2, t), AXV_OK);
}

TEST_F(TimerQueueTest, AGenerationThatCannotGrowRetiresItsNode) {
    axv_timer_queue_node one[1];
    axv_timer_queue q;
    ASSERT_EQ(init(&q, 0, one, 1), AXV_OK);
    axv_timer_token_t t = 0;
    ASSERT_EQ(axv_timer_queue_register(&q, 10, record, nullptr, &t), AXV_OK);
    ASSERT_EQ(axv_timer_queue_cancel(&q, t), AXV_OK);
    // Fast-forward the free node to its last generation.
    one[0].generation = UINT32_MAX;
    ASSERT_EQ(axv_timer_queue_register(&q, 10, record, nullptr, &t), AXV_OK);
    EXPECT_EQ(t >> 32, UINT32_MAX);
    ASSERT_EQ(axv_timer_queue_cancel(&q, t), AXV_OK);
    EXPECT_TRUE(axv_timer_queue_check(&q));
    axv_timer_token_t u = 0;
    EXPECT_EQ(axv_timer_queue_register(&q, 10, record, nullptr, &u), AXV_ENOMEM)
        << "a wrapped generation would let an old token match";
    EXPECT_EQ(axv_timer_queue_cancel(&q, t), AXV_ENOENT);
}

// A callback that re-arms in the past, cancels a due timer, and cancels itself.
struct Rearm {
    TimerQueueTest *test;
    axv_timer_queue *queue;
    axv_timer_token_t victim;
    axv_timer_token_t *self;
    int self_cancel = 0;
    int victim_cancel = 0;
    int rearm = 0;
    axv_timer_token_t rearmed = 0;
    Arg rearm_arg;
};

TEST_F(TimerQueueTest, CallbacksMayRegisterAndCancelWithoutLoopingForever) {
    axv_timer_token_t self = 0;
    Rearm r{this, &queue, 0, &self, 0, 0, 0, 0, {this, 42}};
    auto cb = [](void *arg, axv_nanos_t now) {
        Rearm *r = static_cast<Rearm *>(arg);
        r->self_cancel = axv_timer_queue_cancel(r->queue, *r->self);
        r->victim_cancel = axv_timer_queue_cancel(r->queue, r->victim);
        // Due at once: must wait for the next expiry, or an IRQ handler could spin forever.
        r->rearm = axv_timer_queue_register(r->queue, now - 1, record, &r->rearm_arg, &r->rearmed);
    };
    ASSERT_EQ(axv_timer_queue_register(&queue, 100, cb, &r, &self), AXV_OK);
    r.victim = add(150, 7);
    add(150, 8);
    fake.now = 200;
    EXPECT_EQ(axv_timer_queue_expire(&queue), 2u);
    EXPECT_EQ(r.self_cancel, AXV_ENOENT) << "a running timer is no longer pending";
    EXPECT_EQ(r.victim_cancel, AXV_OK);
    EXPECT_EQ(r.rearm, AXV_OK);
    EXPECT_EQ(fired_ids(), (std::vector<int>{8}));
    EXPECT_TRUE(fake.armed);
    EXPECT_EQ(fake.programmed, 199u) << "the re-armed timer fires on the next interrupt";
    EXPECT_EQ(axv_timer_queue_expire(&queue), 1u);
    EXPECT_EQ(fired_ids(), (std::vector<int>{8, 42}));
    EXPECT_FALSE(fake.armed);
}

// Cancel from another thread while the owner registers and expires: every timer either ran
// exactly once or was cancelled (AXV_OK), never both, never neither.
TEST(TimerQueueThreads, CancelFromAnotherThreadRacesExpiryExactlyOnce) {
    constexpr uint32_t kTimers = 20000;
    constexpr uint32_t kPool = 64;
    FakePort fake;
    axv_timer_queue_node nodes[kPool];
    axv_timer_queue queue;
    const axv_timer_queue_config config = {&kHooks, &fake, nodes, kPool, 3};
    ASSERT_EQ(axv_timer_queue_init(&queue, &config), AXV_OK);

    std::vector<std::atomic<int>> ran(kTimers);
    std::vector<std::atomic<axv_timer_token_t>> tokens(kTimers);
    std::vector<std::atomic<int>> cancelled(kTimers);
    std::atomic<uint32_t> published{0};
    std::atomic<bool> done{false};

    std::thread canceller([&] {
        uint32_t next = 0;
        while (!done.load() || next < published.load()) {
            if (next >= published.load()) {
                std::this_thread::yield();
                continue;
            }
            // Every other timer: the rest must run.
            if (next % 2 == 0 && axv_timer_queue_cancel(&queue, tokens[next].load()) == AXV_OK)
                cancelled[next]++;
            next++;
        }
    });

    auto cb = [](void *arg, axv_nanos_t) { static_cast<std::atomic<int> *>(arg)->fetch_add(1); };
    for (uint32_t i = 0; i < kTimers; i++) {
        axv_timer_token_t token = 0;
        int rc;
        // Pool full: the owner's interrupt drains it.
        while ((rc = axv_timer_queue_register(&queue, fake.now + 1 + i % 3, cb, &ran[i], &token)) ==
               AXV_ENOMEM) {
            fake.now += 2;
            axv_timer_queue_expire(&queue);
        }
        ASSERT_EQ(rc, AXV_OK);
        tokens[i] = token;
        published = i + 1;
        if (i % 7 == 0) {
            fake.now += 1;
            axv_timer_queue_expire(&queue);
        }
    }
    done = true;
    canceller.join();
    fake.now += 10;
    axv_timer_queue_expire(&queue);
    EXPECT_TRUE(axv_timer_queue_check(&queue));
    EXPECT_FALSE(fake.hw_touched_unlocked);
    axv_nanos_t next = 0;
    EXPECT_FALSE(axv_timer_queue_next_deadline(&queue, &next));
    uint32_t cancels = 0;
    for (uint32_t i = 0; i < kTimers; i++) {
        ASSERT_EQ(ran[i].load() + cancelled[i].load(), 1) << "timer " << i;
        if (i % 2 != 0) {
            ASSERT_EQ(ran[i].load(), 1) << "timer " << i << " was never cancelled";
        }
        cancels += static_cast<uint32_t>(cancelled[i].load());
    }
    // Not an assertion on timing: only reported, as the interleaving is the scheduler's.
    RecordProperty("cancels_won", static_cast<int>(cancels));
}

} // namespace
