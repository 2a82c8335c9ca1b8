// The POSIX platform's host_irq area: modelled lines (levels, edges, enable), acknowledge and
// complete per thread (the thread is the CPU), handlers and their refusals, unregister
// waiting for a handler running elsewhere, and a device thread raising a line that a CPU
// thread waits for. Every call goes through the registry's accessors, as a component's would.
#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/posix.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "support/fatal.h"
#include "support/wait.h"

namespace {

using axv_test::wait_for;

class HostIrq : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(axv_posix_init(nullptr), AXV_OK);
        ASSERT_EQ(axv_platform_install(&axv_posix_platform), AXV_OK);
    }
    void TearDown() override {
        EXPECT_EQ(axv_posix_shutdown(nullptr), AXV_OK);
#define AXV_EACH_AREA(area) EXPECT_EQ(axv_##area##_reset(), AXV_OK);
#include <axvisor_api/each_area.h>
    }
};

// What a handler saw, and what it does: lower its (level) line, as a driver would clear
// its device, when asked to.
struct Seen {
    std::atomic<int> calls{0};
    std::atomic<axv_irq_t> last{AXV_HOST_IRQ_NONE};
    bool lower = false;
};

void count(void *arg, axv_irq_t irq) {
    auto *seen = static_cast<Seen *>(arg);
    seen->last = irq;
    seen->calls++;
    if (seen->lower) {
        EXPECT_EQ(axv_posix_host_irq_lower(irq), AXV_OK);
    }
}

// Fetches one interrupt and handles it; returns what fetch answered.
axv_irq_t take_one() {
    axv_irq_t irq = axv_host_irq_fetch();
    if (irq != AXV_HOST_IRQ_NONE) {
        EXPECT_EQ(axv_host_irq_handle(irq), AXV_OK) << "INTID " << irq;
    }
    return irq;
}

TEST_F(HostIrq, RefusesBadArgumentsAndTakenLines) {
    Seen seen;
    EXPECT_EQ(axv_host_irq_register_handler(40, nullptr, nullptr), AXV_EINVAL);
    EXPECT_EQ(axv_host_irq_register_handler(AXV_POSIX_HOST_IRQ_LINES, count, &seen), AXV_EINVAL);
    EXPECT_EQ(axv_host_irq_enable(AXV_POSIX_HOST_IRQ_LINES), AXV_EINVAL);
    EXPECT_EQ(axv_host_irq_disable(AXV_HOST_IRQ_NONE), AXV_EINVAL);
    EXPECT_EQ(axv_host_irq_unregister_handler(AXV_POSIX_HOST_IRQ_LINES), AXV_EINVAL);
    EXPECT_EQ(axv_posix_host_irq_raise(AXV_POSIX_HOST_IRQ_LINES), AXV_EINVAL);
    EXPECT_EQ(axv_host_irq_unregister_handler(40), AXV_ENOENT);
    EXPECT_EQ(axv_host_irq_register_handler(40, count, &seen), AXV_OK);
    EXPECT_EQ(axv_host_irq_register_handler(40, count, &seen), AXV_EBUSY);
    EXPECT_EQ(axv_host_irq_unregister_handler(40), AXV_OK);
    EXPECT_EQ(axv_host_irq_unregister_handler(40), AXV_ENOENT);
    // Every INTID the model has is the components': the platform keeps none.
    EXPECT_EQ(axv_host_irq_register_handler(0, count, &seen), AXV_OK);
    EXPECT_EQ(axv_host_irq_register_handler(AXV_POSIX_HOST_IRQ_LINES - 1, count, &seen), AXV_OK);
}

TEST_F(HostIrq, OpsNeedTheStartedPlatform) {
    ASSERT_EQ(axv_posix_shutdown(nullptr), AXV_OK);
    Seen seen;
    EXPECT_EQ(axv_host_irq_register_handler(40, count, &seen), AXV_EPERM);
    EXPECT_EQ(axv_host_irq_enable(40), AXV_EPERM);
    EXPECT_EQ(axv_host_irq_handle(40), AXV_EPERM);
    EXPECT_EQ(axv_posix_host_irq_pulse(40), AXV_EPERM);
    EXPECT_EQ(axv_posix_host_irq_wait(0), AXV_EPERM);
    EXPECT_EQ(axv_posix_host_irq_deliver(), 0u);
    axv_set_fatal_handler(axv_test::fatal_to_stderr);
    EXPECT_DEATH((void)axv_host_irq_fetch(), "host_irq.fetch: the posix platform is not started");
    ASSERT_EQ(axv_posix_init(nullptr), AXV_OK); // for TearDown
}

TEST_F(HostIrq, NothingPendingFetchesNone) {
    EXPECT_EQ(axv_host_irq_fetch(), AXV_HOST_IRQ_NONE);
    EXPECT_EQ(axv_host_irq_handle(40), AXV_EINVAL) << "never acknowledged";
    EXPECT_EQ(axv_posix_host_irq_wait(0), AXV_EBUSY);
}

TEST_F(HostIrq, AnEdgeIsTakenOnceEvenWhenRaisedTwice) {
    Seen seen;
    ASSERT_EQ(axv_host_irq_register_handler(40, count, &seen), AXV_OK);
    ASSERT_EQ(axv_host_irq_enable(40), AXV_OK);
    ASSERT_EQ(axv_posix_host_irq_pulse(40), AXV_OK);
    ASSERT_EQ(axv_posix_host_irq_pulse(40), AXV_OK);
    EXPECT_EQ(axv_posix_host_irq_wait(0), AXV_OK);
    EXPECT_EQ(take_one(), 40u);
    EXPECT_EQ(take_one(), AXV_HOST_IRQ_NONE);
    EXPECT_EQ(seen.calls, 1);
    EXPECT_EQ(seen.last, 40u);
}

TEST_F(HostIrq, ALevelStaysPendingUntilTheHandlerLowersIt) {
    Seen seen;
    ASSERT_EQ(axv_host_irq_register_handler(41, count, &seen), AXV_OK);
    ASSERT_EQ(axv_host_irq_enable(41), AXV_OK);
    ASSERT_EQ(axv_posix_host_irq_raise(41), AXV_OK);
    EXPECT_EQ(take_one(), 41u);
    EXPECT_EQ(take_one(), 41u) << "still high after the first handling";
    seen.lower = true;
    EXPECT_EQ(take_one(), 41u);
    EXPECT_EQ(take_one(), AXV_HOST_IRQ_NONE) << "lowered by its handler";
    EXPECT_EQ(seen.calls, 3);
    // Lowered before anyone acknowledged it: gone.
    ASSERT_EQ(axv_posix_host_irq_raise(41), AXV_OK);
    ASSERT_EQ(axv_posix_host_irq_lower(41), AXV_OK);
    EXPECT_EQ(axv_host_irq_fetch(), AXV_HOST_IRQ_NONE);
}

TEST_F(HostIrq, ADisabledLineKeepsItsInterruptPendingUntilEnabled) {
    Seen seen;
    ASSERT_EQ(axv_host_irq_register_handler(42, count, &seen), AXV_OK);
    ASSERT_EQ(axv_posix_host_irq_pulse(42), AXV_OK); // registered but never enabled
    EXPECT_EQ(axv_host_irq_fetch(), AXV_HOST_IRQ_NONE);
    EXPECT_EQ(axv_posix_host_irq_wait(0), AXV_EBUSY);
    ASSERT_EQ(axv_host_irq_enable(42), AXV_OK);
    ASSERT_EQ(axv_host_irq_disable(42), AXV_OK);
    EXPECT_EQ(axv_host_irq_fetch(), AXV_HOST_IRQ_NONE);
    ASSERT_EQ(axv_host_irq_enable(42), AXV_OK);
    EXPECT_EQ(take_one(), 42u);
    EXPECT_EQ(seen.calls, 1);
}

TEST_F(HostIrq, LowestIntidFirstAndOneAtATimePerThread) {
    Seen seen;
    for (axv_irq_t irq : {45u, 43u, 44u}) {
        ASSERT_EQ(axv_host_irq_register_handler(irq, count, &seen), AXV_OK);
        ASSERT_EQ(axv_host_irq_enable(irq), AXV_OK);
        ASSERT_EQ(axv_posix_host_irq_pulse(irq), AXV_OK);
    }
    axv_irq_t first = axv_host_irq_fetch();
    EXPECT_EQ(first, 43u);
    EXPECT_EQ(axv_host_irq_fetch(), AXV_HOST_IRQ_NONE) << "this thread holds one already";
    // Another thread is another CPU: it takes the next one, and cannot complete ours.
    axv_irq_t other = AXV_HOST_IRQ_NONE;
    int other_handles_ours = AXV_OK;
    std::thread cpu1([&] {
        other = axv_host_irq_fetch();
        other_handles_ours = axv_host_irq_handle(first);
        EXPECT_EQ(axv_host_irq_handle(other), AXV_OK);
    });
    cpu1.join();
    EXPECT_EQ(other, 44u);
    EXPECT_EQ(other_handles_ours, AXV_EINVAL);
    EXPECT_EQ(axv_host_irq_handle(first), AXV_OK);
    EXPECT_EQ(axv_host_irq_handle(first), AXV_EINVAL) << "already handled";
    EXPECT_EQ(take_one(), 45u);
    EXPECT_EQ(seen.calls, 3);
}

TEST_F(HostIrq, NoHandlerCompletesAndDisablesTheLine) {
    ASSERT_EQ(axv_host_irq_enable(46), AXV_OK);
    ASSERT_EQ(axv_posix_host_irq_raise(46), AXV_OK); // a level nobody will lower
    axv_irq_t irq = axv_host_irq_fetch();
    ASSERT_EQ(irq, 46u);
    EXPECT_EQ(axv_host_irq_handle(irq), AXV_ENOENT);
    EXPECT_EQ(axv_host_irq_fetch(), AXV_HOST_IRQ_NONE) << "disabled, so it cannot storm";
    // Enabled again with an owner: the level, still high, is delivered.
    Seen seen;
    seen.lower = true;
    ASSERT_EQ(axv_host_irq_register_handler(46, count, &seen), AXV_OK);
    ASSERT_EQ(axv_host_irq_enable(46), AXV_OK);
    EXPECT_EQ(take_one(), 46u);
    EXPECT_EQ(seen.calls, 1);
}

// A handler that unregisters its own INTID would wait for itself: refused.
struct SelfUnregister {
    int rc = AXV_OK;
};

void unregister_self(void *arg, axv_irq_t irq) {
    static_cast<SelfUnregister *>(arg)->rc = axv_host_irq_unregister_handler(irq);
}

TEST_F(HostIrq, AHandlerCannotUnregisterItself) {
    SelfUnregister self;
    ASSERT_EQ(axv_host_irq_register_handler(47, unregister_self, &self), AXV_OK);
    ASSERT_EQ(axv_host_irq_enable(47), AXV_OK);
    ASSERT_EQ(axv_posix_host_irq_pulse(47), AXV_OK);
    EXPECT_EQ(take_one(), 47u);
    EXPECT_EQ(self.rc, AXV_EBUSY);
    EXPECT_EQ(axv_host_irq_unregister_handler(47), AXV_OK) << "outside its handler it may";
}

// A handler that blocks until released, to hold it running on one thread.
struct Gate {
    std::atomic<bool> inside{false};
    std::atomic<bool> release{false};
};

void wait_at_gate(void *arg, axv_irq_t) {
    auto *gate = static_cast<Gate *>(arg);
    gate->inside = true;
    while (!gate->release)
        std::this_thread::yield();
}

TEST_F(HostIrq, UnregisterWaitsForTheHandlerRunningOnAnotherThread) {
    Gate gate;
    ASSERT_EQ(axv_host_irq_register_handler(48, wait_at_gate, &gate), AXV_OK);
    ASSERT_EQ(axv_host_irq_enable(48), AXV_OK);
    ASSERT_EQ(axv_posix_host_irq_pulse(48), AXV_OK);
    std::thread cpu1([] { EXPECT_EQ(take_one(), 48u); });
    ASSERT_TRUE(wait_for([&] { return gate.inside.load(); }));

    std::atomic<bool> unregistered{false};
    std::thread owner([&] {
        EXPECT_EQ(axv_host_irq_unregister_handler(48), AXV_OK);
        unregistered = true;
    });
    // Whatever the scheduler does, unregister cannot return while the handler is held.
    EXPECT_FALSE(wait_for([&] { return unregistered.load(); }, std::chrono::milliseconds(50)));
    gate.release = true;
    EXPECT_TRUE(wait_for([&] { return unregistered.load(); }));
    cpu1.join();
    owner.join();
    EXPECT_EQ(axv_host_irq_register_handler(48, wait_at_gate, &gate), AXV_OK);
}

// A device thread raises a line; the CPU thread sleeps until then and takes it.
TEST_F(HostIrq, ADeviceThreadWakesTheCpuThatTakesItsInterrupt) {
    Seen seen;
    seen.lower = true;
    ASSERT_EQ(axv_host_irq_register_handler(100, count, &seen), AXV_OK);
    ASSERT_EQ(axv_host_irq_enable(100), AXV_OK);
    constexpr int kRaises = 50;
    std::atomic<int> raised{0};
    std::thread device([&] {
        for (int i = 0; i < kRaises; i++) {
            // The next level only once the previous was handled, so none merges.
            ASSERT_TRUE(wait_for([&] { return seen.calls.load() == i; }));
            ASSERT_EQ(axv_posix_host_irq_raise(100), AXV_OK);
            raised++;
        }
    });
    size_t handled = 0;
    while (handled < kRaises) {
        if (axv_posix_host_irq_wait(axv_test::timer_budget_ns()) != AXV_OK)
            break;
        handled += axv_posix_host_irq_deliver();
    }
    device.join();
    EXPECT_EQ(handled, static_cast<size_t>(kRaises));
    EXPECT_EQ(seen.calls, kRaises);
    EXPECT_EQ(raised, kRaises);
}

} // namespace
