// The POSIX platform's interrupt model: injection from other threads, halt and its wake-ups,
// ack order, the INTID range, inject_interrupt_to_vcpus, the virtual timer, the delivery
// observer and take_pending, and injection racing destroy.
#include "vmm_support.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

using namespace axv_test;

namespace {

template <typename Via> class Inject : public VmmTest<Via> {};
TYPED_TEST_SUITE(Inject, BothWays);

void sleep_ms(int ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

// Woken, not timed out: each halt returns AXV_OK well before its timeout (a loaded host may
// make the wake-up slow, never make it a timeout).
TYPED_TEST(Inject, WakesAHaltedVcpuFromAnotherThread) {
    constexpr int kRounds = 3;
    constexpr int64_t kHalt = 60 * static_cast<int64_t>(kSecond);
    std::atomic<int> halting{0};
    std::atomic<int> rc[kRounds];
    std::atomic<int64_t> woke[kRounds], halted[kRounds];
    for (int r = 0; r < kRounds; r++) {
        rc[r] = 1;
        woke[r] = 0;
        halted[r] = 0;
    }
    GuestBody body = [&] {
        for (int r = 0; r < kRounds; r++) {
            halting = r + 1;
            const int64_t t = now_ns();
            rc[r] = axv_posix_guest_halt(kHalt);
            halted[r] = now_ns() - t;
            woke[r] = now_ns();
            (void)axv_posix_guest_ack();
        }
    };
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(2, run_body, &body, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    // Both vCPUs run the body; watch vCPU 1 only: vCPU 0 gets nothing and stays halted.
    for (int r = 0; r < kRounds; r++) {
        ASSERT_TRUE(wait_for([&] { return halting.load() >= r + 1; }));
        sleep_ms(10); // let it fall asleep
        const int64_t t0 = now_ns();
        std::thread([&] { EXPECT_EQ(axv_vmm_inject_interrupt(vm, 1, 40), AXV_OK); }).join();
        ASSERT_TRUE(wait_for([&] { return woke[r].load() != 0; }));
        EXPECT_EQ(rc[r].load(), AXV_OK);
        EXPECT_GE(woke[r].load(), t0) << "round " << r << ": woke before the injection";
        EXPECT_LT(halted[r].load(), kHalt) << "round " << r << ": the halt timed out";
    }
    EXPECT_EQ(this->stop(), 1u);
}

// Ping-pong: the injector sends the next interrupt the moment the guest has taken the last
// one, so each injection races with the guest going back to halt, the window in which a
// careless protocol loses wake-ups. A lost one shows as a round lasting the halt's timeout
// (the guest then finds the bit pending and goes on): the timeout is the timer budget, far
// longer than any round a loaded host stalls, so a slow round is not taken for a lost one.
TYPED_TEST(Inject, BackToBackInjectionsRacingHaltLoseNoWakeUp) {
    constexpr int kRounds = 20000;
    const int64_t halt_ns = static_cast<int64_t>(timer_budget_ns());
    std::atomic<int> taken{0};
    GuestBody body = [&] {
        while (axv_posix_guest_halt(static_cast<axv_nanos_t>(halt_ns)) != AXV_EPERM)
            while (axv_posix_guest_ack() != AXV_POSIX_SPURIOUS_IRQ)
                taken++;
    };
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, run_body, &body, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    int64_t slowest = 0;
    for (int round = 0; round < kRounds && slowest < halt_ns; round++) {
        const int64_t t0 = now_ns();
        ASSERT_EQ(axv_vmm_inject_interrupt(vm, 0, 33), AXV_OK);
        while (taken.load() <= round)
            std::this_thread::yield();
        slowest = std::max(slowest, now_ns() - t0);
    }
    EXPECT_LT(slowest, halt_ns) << "a round lasted the halt's whole timeout: a lost wake-up";
    EXPECT_EQ(taken.load(), kRounds);
    std::printf("slowest of %d rounds: %lld us\n", kRounds, static_cast<long long>(slowest / 1000));
}

TYPED_TEST(Inject, HaltPollsTimesOutAndReturnsAtOnceWhenSomethingIsPending) {
    std::atomic<bool> waiting{false}, injected{false}, finished{false};
    int r_poll = 1, r_timeout = 1, r_pending = 1, r_long = 1, r_after = 1;
    int64_t timeout_took = 0, long_took = 0;
    axv_irq_t acked = 0;
    GuestBody body = [&] {
        r_poll = axv_posix_guest_halt(0);
        int64_t t = now_ns();
        r_timeout = axv_posix_guest_halt(20 * kMs);
        timeout_took = now_ns() - t;
        waiting = true;
        while (!injected)
            sleep_ms(1);
        r_pending = axv_posix_guest_halt(0);
        t = now_ns();
        r_long = axv_posix_guest_halt(10 * kSecond);
        long_took = now_ns() - t;
        acked = axv_posix_guest_ack();
        r_after = axv_posix_guest_halt(0);
        finished = true;
    };
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, run_body, &body, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    ASSERT_TRUE(wait_for([&] { return waiting.load(); }));
    ASSERT_EQ(axv_vmm_inject_interrupt(vm, 0, 33), AXV_OK);
    injected = true;
    // Stopped only once done, since a stop request wins over pending interrupts.
    ASSERT_TRUE(wait_for([&] { return finished.load(); }));
    ASSERT_EQ(axv_posix_vm_stop(vm), AXV_OK);
    EXPECT_EQ(r_poll, AXV_EBUSY);
    EXPECT_EQ(r_timeout, AXV_EBUSY);
    EXPECT_GE(timeout_took, static_cast<int64_t>(20 * kMs));
    EXPECT_EQ(r_pending, AXV_OK);
    EXPECT_EQ(r_long, AXV_OK);
    EXPECT_LT(long_took, static_cast<int64_t>(10 * kSecond)) << "it waited for its timeout";
    EXPECT_EQ(acked, 33u);
    EXPECT_EQ(r_after, AXV_EBUSY);
}

// Woken by the stop, not by their timeouts: every halt answers AXV_EPERM (a timeout would
// answer AXV_EBUSY) well before its minute is up.
TYPED_TEST(Inject, StopWakesHaltedVcpus) {
    std::atomic<int> halting{0}, refused{0}, saw_stop{0};
    GuestBody body = [&] {
        halting++;
        if (axv_posix_guest_halt(60 * kSecond) == AXV_EPERM)
            refused++;
        saw_stop += axv_posix_guest_should_stop();
    };
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(4, run_body, &body, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    ASSERT_TRUE(wait_for([&] { return halting.load() == 4; }));
    sleep_ms(10);
    const int64_t t0 = now_ns();
    ASSERT_EQ(axv_posix_vm_stop(vm), AXV_OK);
    EXPECT_LT(now_ns() - t0, 60 * static_cast<int64_t>(kSecond));
    EXPECT_EQ(refused.load(), 4);
    EXPECT_EQ(saw_stop.load(), 4);
}

TYPED_TEST(Inject, TheWholeIntidRangeIsAckedInAscendingOrder) {
    std::atomic<bool> go{false}, finished{false};
    int halt_rc = 1;
    std::vector<axv_irq_t> acked;
    GuestBody body = [&] {
        while (!go)
            sleep_ms(1);
        halt_rc = axv_posix_guest_halt(0);
        axv_irq_t irq;
        do {
            irq = axv_posix_guest_ack();
            acked.push_back(irq);
        } while (irq != AXV_POSIX_SPURIOUS_IRQ && acked.size() < 2000);
        finished = true;
    };
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, run_body, &body, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    // Injected highest first, twice each: the order and the count come from the model.
    for (axv_irq_t irq = AXV_POSIX_NUM_INTIDS; irq-- > 0;) {
        ASSERT_EQ(axv_vmm_inject_interrupt(vm, 0, irq), AXV_OK) << irq;
        ASSERT_EQ(axv_vmm_inject_interrupt(vm, 0, irq), AXV_OK) << irq;
    }
    go = true;
    ASSERT_TRUE(wait_for([&] { return finished.load(); }));
    ASSERT_EQ(axv_posix_vm_stop(vm), AXV_OK);
    EXPECT_EQ(halt_rc, AXV_OK);
    ASSERT_EQ(acked.size(), AXV_POSIX_NUM_INTIDS + 1u);
    for (axv_irq_t i = 0; i < AXV_POSIX_NUM_INTIDS; i++)
        ASSERT_EQ(acked[i], i);
    EXPECT_EQ(acked.back(), AXV_POSIX_SPURIOUS_IRQ);
}

TYPED_TEST(Inject, IntidsBeyondTheGicAreRefused) {
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(2, park_until_stopped, nullptr, &vm), AXV_OK);
    for (axv_irq_t irq : {1020u, 1023u, 1024u, 8192u, UINT32_MAX}) {
        SCOPED_TRACE(irq);
        EXPECT_EQ(axv_vmm_inject_interrupt(vm, 0, irq), AXV_EINVAL);
        EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, 3, irq), AXV_EINVAL);
        EXPECT_FALSE(axv_posix_vcpu_take_pending(vm, 0, irq));
    }
    // The default model has 988 SPIs: the last one, 1019, is fine.
    EXPECT_EQ(axv_vmm_inject_interrupt(vm, 1, 1019), AXV_OK);
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 1, 1019));
    // A bad target is reported before a bad INTID.
    EXPECT_EQ(axv_vmm_inject_interrupt(vm, 2, 1020), AXV_ENOENT);
}

TYPED_TEST(Inject, SpisBeyondTheModelledCountAreRefused) {
    axv_posix_resolved config = default_config();
    config.spi_count = 64; // INTIDs 0..95
    this->restart(config);
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, park_until_stopped, nullptr, &vm), AXV_OK);
    EXPECT_EQ(axv_vmm_inject_interrupt(vm, 0, 95), AXV_OK);
    EXPECT_EQ(axv_vmm_inject_interrupt(vm, 0, 96), AXV_EINVAL);
    EXPECT_EQ(axv_vmm_inject_interrupt(vm, 0, 1019), AXV_EINVAL);
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, 1, 96), AXV_EINVAL);
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 0, 95));
    EXPECT_FALSE(axv_posix_vcpu_take_pending(vm, 0, 96));
    // SGIs and PPIs are always there.
    EXPECT_EQ(axv_vmm_inject_interrupt(vm, 0, 0), AXV_OK);
    EXPECT_EQ(axv_vmm_inject_interrupt(vm, 0, 31), AXV_OK);
}

TYPED_TEST(Inject, UnknownVcpusAreRefused) {
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(3, park_until_stopped, nullptr, &vm), AXV_OK);
    for (axv_vcpu_id_t vcpu : {axv_vcpu_id_t{3}, axv_vcpu_id_t{64}, AXV_POSIX_NO_VCPU}) {
        SCOPED_TRACE(vcpu);
        EXPECT_EQ(axv_vmm_inject_interrupt(vm, vcpu, 32), AXV_ENOENT);
        EXPECT_EQ(axv_vmm_notify_vcpu_timer_expired(vm, vcpu), AXV_ENOENT);
        EXPECT_FALSE(axv_posix_vcpu_take_pending(vm, vcpu, 32));
    }
    // A VM need not run to take interrupts.
    EXPECT_EQ(axv_vmm_inject_interrupt(vm, 2, 32), AXV_OK);
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 2, 32));
}

TYPED_TEST(Inject, AckTakesTheLowestFirstAndRepeatsCoalesce) {
    std::vector<axv_irq_t> acked;
    std::atomic<bool> go{false};
    GuestBody body = [&] {
        while (!go)
            sleep_ms(1);
        for (int i = 0; i < 4; i++)
            acked.push_back(axv_posix_guest_ack());
    };
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, run_body, &body, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    for (axv_irq_t irq : {700u, 40u, 700u, 35u, 40u})
        ASSERT_EQ(axv_vmm_inject_interrupt(vm, 0, irq), AXV_OK);
    go = true;
    ASSERT_EQ(axv_posix_vm_stop(vm), AXV_OK);
    EXPECT_EQ(acked, (std::vector<axv_irq_t>{35, 40, 700, AXV_POSIX_SPURIOUS_IRQ}));
}

// Records each delivery, checking that its bit was already set when the observer ran.
struct Deliveries {
    struct Call {
        axv_vm_id_t vm;
        axv_vcpu_id_t vcpu;
        axv_irq_t irq;
        bool was_pending;
        std::thread::id thread;
        bool operator==(const Call &o) const {
            return vm == o.vm && vcpu == o.vcpu && irq == o.irq && was_pending == o.was_pending;
        }
    };
    std::mutex lock;
    std::vector<Call> calls;

    static void observe(void *ctx, axv_vm_id_t vm, axv_vcpu_id_t vcpu, axv_irq_t irq) {
        auto *self = static_cast<Deliveries *>(ctx);
        // take_pending clears it again, so the checks below see the state before injection.
        const bool was_pending = axv_posix_vcpu_take_pending(vm, vcpu, irq);
        std::lock_guard<std::mutex> hold(self->lock);
        self->calls.push_back({vm, vcpu, irq, was_pending, std::this_thread::get_id()});
    }
    std::vector<Call> take() {
        std::lock_guard<std::mutex> hold(lock);
        return std::move(calls);
    }
};

TYPED_TEST(Inject, ToVcpusValidatesTheWholeMaskBeforeInjecting) {
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(4, park_until_stopped, nullptr, &vm), AXV_OK);
    auto none_pending = [&](axv_irq_t irq) {
        bool any = false;
        for (axv_vcpu_id_t v = 0; v < 4; v++)
            any |= axv_posix_vcpu_take_pending(vm, v, irq);
        return !any;
    };
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, 0x1f, 50), AXV_ENOENT); // vCPU 4
    EXPECT_TRUE(none_pending(50));
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, UINT64_C(1) << 63 | 1, 50), AXV_ENOENT);
    EXPECT_TRUE(none_pending(50));
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, 0xf, 1020), AXV_EINVAL);
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, 0, 1020), AXV_EINVAL);
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(AXV_POSIX_NO_VM, 0, 50), AXV_ENOENT);
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, 0, 50), AXV_OK); // empty: nothing to do
    EXPECT_TRUE(none_pending(50));
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, 0xb, 50), AXV_OK);
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 0, 50));
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 1, 50));
    EXPECT_FALSE(axv_posix_vcpu_take_pending(vm, 2, 50));
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 3, 50));

    // The observer sees one call per vCPU, lowest first, and none for refused calls.
    Deliveries seen;
    axv_posix_set_delivery_observer(Deliveries::observe, &seen);
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, 0x1f, 50), AXV_ENOENT);
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, 0xf, 1020), AXV_EINVAL);
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, 0xd, 51), AXV_OK);
    using Call = Deliveries::Call;
    EXPECT_EQ(
        seen.take(),
        (std::vector<Call>{{vm, 0, 51, true, {}}, {vm, 2, 51, true, {}}, {vm, 3, 51, true, {}}}));
}

TYPED_TEST(Inject, ToVcpusReachesAllOfA64VcpuVm) {
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(64, park_until_stopped, nullptr, &vm), AXV_OK);
    ASSERT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, ~UINT64_C(0), 60), AXV_OK);
    for (axv_vcpu_id_t v = 0; v < 64; v++)
        EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, v, 60)) << v;
    ASSERT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, UINT64_C(1) << 63, 61), AXV_OK);
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 63, 61));
    EXPECT_FALSE(axv_posix_vcpu_take_pending(vm, 62, 61));
}

TYPED_TEST(Inject, TimerExpiryDeliversTheVirtualTimerPpi) {
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(2, park_until_stopped, nullptr, &vm), AXV_OK);
    ASSERT_EQ(axv_vmm_notify_vcpu_timer_expired(vm, 1), AXV_OK);
    EXPECT_FALSE(axv_posix_vcpu_take_pending(vm, 0, 27));
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 1, 27));
    EXPECT_FALSE(axv_posix_vcpu_take_pending(vm, 1, 27));
}

TYPED_TEST(Inject, TimerExpiryDeliversTheConfiguredPpi) {
    axv_posix_resolved config = default_config();
    config.vtimer_irq = 30;
    this->restart(config);
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, park_until_stopped, nullptr, &vm), AXV_OK);
    ASSERT_EQ(axv_vmm_notify_vcpu_timer_expired(vm, 0), AXV_OK);
    EXPECT_FALSE(axv_posix_vcpu_take_pending(vm, 0, 27));
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 0, 30));
}

TYPED_TEST(Inject, TheObserverSeesEveryDeliveryOnTheInjectingThread) {
    Deliveries seen;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(3, park_until_stopped, nullptr, &vm), AXV_OK);
    axv_posix_set_delivery_observer(Deliveries::observe, &seen);
    std::thread::id injector;
    std::thread([&] {
        injector = std::this_thread::get_id();
        EXPECT_EQ(axv_vmm_inject_interrupt(vm, 2, 45), AXV_OK);
        EXPECT_EQ(axv_vmm_inject_interrupt(vm, 2, 45), AXV_OK); // each injection is seen
        EXPECT_EQ(axv_vmm_notify_vcpu_timer_expired(vm, 0), AXV_OK);
        EXPECT_EQ(axv_vmm_inject_interrupt(vm, 3, 45), AXV_ENOENT); // refused: not seen
        EXPECT_EQ(axv_vmm_inject_interrupt(vm, 0, 1020), AXV_EINVAL);
    }).join();
    using Call = Deliveries::Call;
    const std::vector<Call> calls = seen.take();
    EXPECT_EQ(calls, (std::vector<Call>{
                         {vm, 2, 45, true, {}}, {vm, 2, 45, true, {}}, {vm, 0, 27, true, {}}}));
    for (const Call &c : calls)
        EXPECT_EQ(c.thread, injector);
    axv_posix_set_delivery_observer(nullptr, nullptr);
    EXPECT_EQ(axv_vmm_inject_interrupt(vm, 1, 45), AXV_OK);
    EXPECT_TRUE(seen.take().empty());
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 1, 45)); // still delivered, just not observed
}

TYPED_TEST(Inject, TakePendingTestsAndClearsOneIntid) {
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(2, park_until_stopped, nullptr, &vm), AXV_OK);
    EXPECT_FALSE(axv_posix_vcpu_take_pending(vm, 0, 64));
    ASSERT_EQ(axv_vmm_inject_interrupt(vm, 0, 64), AXV_OK);
    ASSERT_EQ(axv_vmm_inject_interrupt(vm, 0, 63), AXV_OK);
    EXPECT_FALSE(axv_posix_vcpu_take_pending(vm, 1, 64)); // another vCPU's
    EXPECT_FALSE(axv_posix_vcpu_take_pending(vm, 0, 65)); // another INTID
    EXPECT_TRUE(axv_posix_conformance_irq_pending(nullptr, vm, 0, 64));
    EXPECT_FALSE(axv_posix_vcpu_take_pending(vm, 0, 64)); // taken
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 0, 63));  // the neighbour was left alone
    EXPECT_FALSE(axv_posix_vcpu_take_pending(vm, 0, AXV_POSIX_SPURIOUS_IRQ));
}

// Injections and queries racing create/start/destroy of the VM they name: each answers
// AXV_OK or AXV_ENOENT, never anything else, never a crash (run it under ASan/TSan too).
TYPED_TEST(Inject, RacingDestroyIsSafe) {
    std::atomic<bool> done{false};
    std::atomic<long> ok{0}, enoent{0}, other{0}, observed{0};
    axv_posix_set_delivery_observer(
        [](void *ctx, axv_vm_id_t vm, axv_vcpu_id_t, axv_irq_t) {
            if (vm == 0)
                static_cast<std::atomic<long> *>(ctx)->fetch_add(1);
        },
        &observed);
    auto count = [&](int rc) { (rc == AXV_OK ? ok : rc == AXV_ENOENT ? enoent : other)++; };
    std::vector<std::thread> injectors;
    for (int t = 0; t < 3; t++)
        injectors.emplace_back([&, t] {
            while (!done) {
                count(axv_vmm_inject_interrupt(0, static_cast<axv_vcpu_id_t>(t % 2), 32));
                count(axv_vmm_inject_interrupt_to_vcpus(0, 3, 33));
                size_t n = 0;
                count(axv_vmm_vcpu_num(0, &n));
                (void)axv_posix_vcpu_take_pending(0, 1, 33);
            }
        });
    // No ASSERT while the injectors run: returning would leave them joinable. At least 100
    // rounds, and on until both outcomes were seen (within the budget): on a loaded host the
    // injectors can miss many of the short windows in which a VM exists.
    const auto give_up = std::chrono::steady_clock::now() + timer_budget();
    for (int round = 0;
         !this->HasFailure() &&
         (round < 100 || ((ok.load() == 0 || enoent.load() == 0 || observed.load() == 0) &&
                          std::chrono::steady_clock::now() < give_up));
         round++) {
        axv_vm_id_t vm = 99;
        EXPECT_EQ(axv_posix_vm_create(2, halt_until_stopped, nullptr, &vm), AXV_OK);
        EXPECT_EQ(vm, 0u);
        if (round % 2 == 0) {
            EXPECT_EQ(axv_posix_vm_start(vm), AXV_OK);
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        EXPECT_EQ(axv_posix_vm_destroy(vm), AXV_OK);
    }
    done = true;
    for (auto &t : injectors)
        t.join();
    EXPECT_EQ(other.load(), 0);
    EXPECT_GT(ok.load(), 0);
    EXPECT_GT(enoent.load(), 0);
    EXPECT_GT(observed.load(), 0);
}

} // namespace

namespace {

// Only the whole platform has timers: the virtual timer path end to end, as a hypervisor
// drives it (a timer callback notifies the VMM, which wakes the halted vCPU with its PPI).
using VmmOnPlatform = VmmTest<ViaPlatform>;

struct TimerWake {
    axv_vm_id_t vm = 0;
    std::atomic<int> notify_rc{1};
    std::atomic<bool> halting{false};
    std::atomic<axv_irq_t> acked{0};
    std::atomic<int64_t> woke{0};
};

void notify_expiry(void *arg, axv_nanos_t) {
    auto *t = static_cast<TimerWake *>(arg);
    t->notify_rc = axv_vmm_notify_vcpu_timer_expired(t->vm, 1);
}

TEST_F(VmmOnPlatform, ATimerCallbackWakesTheHaltedVcpuWithItsTimerPpi) {
    TimerWake t;
    GuestBody body = [&] {
        if (axv_vmm_current_vcpu_id() != 1)
            return;
        t.halting = true;
        // Long: only the timer's PPI ends it (a timeout would leave woke 0).
        if (axv_posix_guest_halt(60 * kSecond) == AXV_OK) {
            t.woke = now_ns();
            t.acked = axv_posix_guest_ack();
        }
    };
    VmReaper reaper;
    ASSERT_EQ(axv_posix_vm_create(2, run_body, &body, &t.vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(t.vm), AXV_OK);
    ASSERT_TRUE(wait_for([&] { return t.halting.load(); }));
    const int64_t armed = now_ns();
    axv_timer_token_t token;
    ASSERT_EQ(
        axv_time_register_timer(axv_time_current_nanos() + 20 * kMs, notify_expiry, &t, &token),
        AXV_OK);
    // The guest may wake before the callback has stored what notify answered.
    ASSERT_TRUE(wait_for([&] { return t.woke.load() != 0 && t.notify_rc.load() != 1; }))
        << "notify_vcpu_timer_expired answered " << t.notify_rc.load() << " (1: not called)";
    EXPECT_EQ(t.notify_rc.load(), AXV_OK);
    EXPECT_EQ(t.acked.load(), AXV_POSIX_DEFAULT_VTIMER_IRQ);
    EXPECT_GE(t.woke.load() - armed, static_cast<int64_t>(20 * kMs)) << "woken early";
}

} // namespace
