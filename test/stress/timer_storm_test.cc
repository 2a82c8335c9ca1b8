// Timer storm on the POSIX platform: 8 threads each register 100k one-shot timers (times
// AXV_TEST_SCALE) due within a few milliseconds, so they fire while the threads go on, and
// cancel most of them: at once, later (racing with the service), or twice from two threads
// at once (the owner and its neighbour). At the end every timer is accounted for: it fired
// exactly once or was cancelled with AXV_OK exactly once, never both, never neither; every
// other cancel answered AXV_ENOENT, including every cancel made after the timer was seen to
// have fired; no timer fired before its deadline; and shutdown finds none left.
#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/posix.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "support/scale.h"
#include "support/wait.h"

using namespace axv_test;

namespace {

constexpr int kThreads = 8;
constexpr axv_nanos_t kUs = 1000;

// One timer's record. The registering thread writes deadline and token before any other
// thread can see the record (the callback through the platform's queue, the neighbour
// through its mailbox's mutex).
struct Timer {
    axv_nanos_t deadline = 0;
    axv_timer_token_t token = 0;
    bool registered = false;
    std::atomic<int> fired{0};
    std::atomic<int> cancel_ok{0};
    std::atomic<int> cancel_enoent{0};
    std::atomic<int> cancel_other{0};    // any other answer: always a failure
    std::atomic<bool> early{false};      // ran before its deadline
    std::atomic<bool> after_fire{false}; // a cancel made after it fired did not say AXV_ENOENT
};

void fire(void *arg, axv_nanos_t now_ns) {
    auto *t = static_cast<Timer *>(arg);
    if (now_ns < t->deadline)
        t->early.store(true);
    t->fired.fetch_add(1);
}

void cancel(Timer &t) {
    const bool had_fired = t.fired.load() != 0;
    const int rc = axv_time_cancel_timer(t.token);
    if (rc == AXV_OK)
        t.cancel_ok.fetch_add(1);
    else if (rc == AXV_ENOENT)
        t.cancel_enoent.fetch_add(1);
    else
        t.cancel_other.fetch_add(1);
    if (had_fired && rc != AXV_ENOENT)
        t.after_fire.store(true);
}

// Timers a thread hands to its neighbour, which cancels them too.
struct Mailbox {
    std::mutex m;
    std::vector<Timer *> timers;

    void post(Timer *t) {
        std::lock_guard<std::mutex> g(m);
        timers.push_back(t);
    }
    std::vector<Timer *> take() {
        std::lock_guard<std::mutex> g(m);
        std::vector<Timer *> out;
        out.swap(timers);
        return out;
    }
};

struct Outcome {
    size_t register_errors = 0;
};

// Registers count timers from timers[first...]; what happens to each is drawn at random.
void storm(int self, Timer *timers, size_t count, Mailbox *mailboxes, Outcome *outcome) {
    std::mt19937_64 rng(static_cast<uint64_t>(self) * 104729u + 17u);
    Mailbox &next = mailboxes[(self + 1) % kThreads];
    Mailbox &mine = mailboxes[self];
    std::deque<Timer *> later; // cancelled a few hundred registrations on
    for (size_t i = 0; i < count; i++) {
        Timer &t = timers[i];
        const uint64_t r = rng();
        // Due from 100 us in the past to 3 ms ahead: many fire while the storm goes on.
        t.deadline = axv_time_current_nanos() + (r % 3100) * kUs;
        t.deadline = t.deadline > 100 * kUs ? t.deadline - 100 * kUs : 0;
        if (axv_time_register_timer(t.deadline, fire, &t, &t.token) != AXV_OK) {
            outcome->register_errors++;
            continue;
        }
        t.registered = true;
        switch ((r >> 16) % 8) {
        case 0:
        case 1: // at once: usually before the deadline
            cancel(t);
            break;
        case 2:
        case 3:
        case 4: // later: racing with the service
            later.push_back(&t);
            break;
        case 5: // by this thread and its neighbour
            next.post(&t);
            later.push_back(&t);
            break;
        default: // left to fire
            break;
        }
        while (later.size() > 256 + (r >> 32) % 256) {
            cancel(*later.front());
            later.pop_front();
        }
        if (i % 64 == 0)
            for (Timer *posted : mine.take())
                cancel(*posted);
    }
    for (Timer *t : later)
        cancel(*t);
}

TEST(TimerStorm, EveryTimerFiresOrIsCancelledExactlyOnce) {
    ASSERT_EQ(axv_posix_init(nullptr), AXV_OK);
    ASSERT_EQ(axv_platform_install(&axv_posix_platform), AXV_OK);

    const size_t per_thread = scaled(100000, 1000);
    const size_t total = per_thread * kThreads;
    std::unique_ptr<Timer[]> timers(new Timer[total]);
    Mailbox mailboxes[kThreads];
    Outcome outcomes[kThreads];
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; i++)
        threads.emplace_back(storm, i, &timers[i * per_thread], per_thread, mailboxes,
                             &outcomes[i]);
    for (auto &t : threads)
        t.join();
    // What the neighbours had not picked up yet (their loops ended): cancelled by this
    // thread, a second cancel like theirs.
    for (Mailbox &m : mailboxes)
        for (Timer *t : m.take())
            cancel(*t);
    for (const Outcome &o : outcomes)
        EXPECT_EQ(o.register_errors, 0u);

    // Every timer left is due within 3 ms of the last registration: each ends fired or
    // cancelled. A timer neither fired nor cancelled keeps this wait going to its end.
    auto settled = [&] {
        for (size_t i = 0; i < total; i++)
            if (timers[i].registered && timers[i].fired.load() + timers[i].cancel_ok.load() == 0)
                return false;
        return true;
    };
    EXPECT_TRUE(wait_for(settled, std::chrono::seconds(60)));
    // A late second run, or a run of a cancelled timer, would show by now.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));

    size_t fired = 0, cancelled = 0, enoent = 0, raced_after_fire = 0, failures = 0;
    for (size_t i = 0; i < total; i++) {
        Timer &t = timers[i];
        if (!t.registered)
            continue; // counted as a register error above
        const int f = t.fired.load(), ok = t.cancel_ok.load();
        const bool good =
            f + ok == 1 && t.cancel_other.load() == 0 && !t.early.load() && !t.after_fire.load();
        if (!good && failures++ < 10)
            ADD_FAILURE() << "timer " << i << ": fired " << f << " times, cancelled " << ok
                          << " times, other cancel answers " << t.cancel_other.load()
                          << (t.early.load() ? ", fired early" : "")
                          << (t.after_fire.load() ? ", cancelled after it fired" : "");
        fired += f;
        cancelled += ok;
        enoent += t.cancel_enoent.load();
        raced_after_fire += f != 0 && t.cancel_enoent.load() != 0;
    }
    EXPECT_EQ(failures, 0u);
    EXPECT_EQ(fired + cancelled, total);

    // Once fired or cancelled, a timer's token is stale: cancel answers AXV_ENOENT.
    size_t stale_not_enoent = 0;
    for (size_t i = 0; i < total; i++)
        stale_not_enoent += axv_time_cancel_timer(timers[i].token) != AXV_ENOENT;
    EXPECT_EQ(stale_not_enoent, 0u);

    axv_posix_shutdown_report report{};
    EXPECT_EQ(axv_posix_shutdown(&report), AXV_OK);
    EXPECT_EQ(report.timers_pending, 0u);
    EXPECT_EQ(axv_time_reset(), AXV_OK);
    // Both outcomes must have happened, or the storm tested nothing. (How many cancels came
    // after the firing depends on the scheduler: none under valgrind, which runs one thread
    // at a time; the pass above checks that answer for every fired timer anyway.)
    EXPECT_GT(fired, 0u);
    EXPECT_GT(cancelled, 0u);
    std::printf("%zu timers: %zu fired, %zu cancelled; %zu cancels answered AXV_ENOENT (%zu of "
                "them for fired timers)\n",
                total, fired, cancelled, enoent, raced_after_fire);
}

} // namespace
