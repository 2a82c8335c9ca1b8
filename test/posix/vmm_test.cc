// The POSIX platform's VM model: VM lifecycle and ids, vCPU threads and their identity, the
// active mask, and the refusals (unknown ids, not started, stopping oneself).
#include "vmm_support.h"

#include <atomic>
#include <vector>

using namespace axv_test;

namespace {

template <typename Via> class VmLifecycle : public VmmTest<Via> {};
TYPED_TEST_SUITE(VmLifecycle, BothWays);

void returns_at_once(void *) {}

TYPED_TEST(VmLifecycle, IdsAreTheLowestFreeAndAreReused) {
    axv_vm_id_t ids[3];
    for (axv_vm_id_t i = 0; i < 3; i++) {
        ASSERT_EQ(axv_posix_vm_create(1, returns_at_once, nullptr, &ids[i]), AXV_OK);
        EXPECT_EQ(ids[i], i);
    }
    ASSERT_EQ(axv_posix_vm_destroy(1), AXV_OK);
    axv_vm_id_t again = 99;
    ASSERT_EQ(axv_posix_vm_create(2, returns_at_once, nullptr, &again), AXV_OK);
    EXPECT_EQ(again, 1u);
    // The reused id names the new VM.
    size_t n = 0;
    ASSERT_EQ(axv_vmm_vcpu_num(1, &n), AXV_OK);
    EXPECT_EQ(n, 2u);
    ASSERT_EQ(axv_posix_vm_destroy(0), AXV_OK);
    ASSERT_EQ(axv_posix_vm_create(1, returns_at_once, nullptr, &again), AXV_OK);
    EXPECT_EQ(again, 0u);
    ASSERT_EQ(axv_posix_vm_create(1, returns_at_once, nullptr, &again), AXV_OK);
    EXPECT_EQ(again, 3u);
    EXPECT_EQ(this->stop(), 4u);
}

TYPED_TEST(VmLifecycle, AtMostMaxVmsExistAtOnce) {
    axv_vm_id_t id;
    for (size_t i = 0; i < AXV_POSIX_MAX_VMS; i++)
        ASSERT_EQ(axv_posix_vm_create(1, returns_at_once, nullptr, &id), AXV_OK);
    id = 1234;
    EXPECT_EQ(axv_posix_vm_create(1, returns_at_once, nullptr, &id), AXV_ENOMEM);
    EXPECT_EQ(id, 1234u); // untouched on failure
    ASSERT_EQ(axv_posix_vm_destroy(7), AXV_OK);
    ASSERT_EQ(axv_posix_vm_create(1, returns_at_once, nullptr, &id), AXV_OK);
    EXPECT_EQ(id, 7u);
    EXPECT_EQ(this->stop(), AXV_POSIX_MAX_VMS);
}

TYPED_TEST(VmLifecycle, CreateRefusesBadArguments) {
    axv_vm_id_t id;
    EXPECT_EQ(axv_posix_vm_create(0, returns_at_once, nullptr, &id), AXV_EINVAL);
    EXPECT_EQ(axv_posix_vm_create(AXV_POSIX_MAX_VCPUS + 1, returns_at_once, nullptr, &id),
              AXV_EINVAL);
    EXPECT_EQ(axv_posix_vm_create(1, nullptr, nullptr, &id), AXV_EINVAL);
    EXPECT_EQ(axv_posix_vm_create(1, returns_at_once, nullptr, nullptr), AXV_EINVAL);
    // Nothing was created by the refusals: the first VM gets id 0.
    ASSERT_EQ(axv_posix_vm_create(AXV_POSIX_MAX_VCPUS, returns_at_once, nullptr, &id), AXV_OK);
    EXPECT_EQ(id, 0u);
}

TYPED_TEST(VmLifecycle, StartsOnceOnly) {
    axv_vm_id_t vm, never;
    ASSERT_EQ(axv_posix_vm_create(2, halt_until_stopped, nullptr, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    EXPECT_EQ(axv_posix_vm_start(vm), AXV_EBUSY);
    EXPECT_EQ(axv_posix_vm_stop(vm), AXV_OK);
    EXPECT_EQ(axv_posix_vm_stop(vm), AXV_OK); // again: nothing left to do
    EXPECT_EQ(axv_posix_vm_start(vm), AXV_EBUSY);
    // Stopping a VM that never started is fine, and final.
    ASSERT_EQ(axv_posix_vm_create(1, returns_at_once, nullptr, &never), AXV_OK);
    EXPECT_EQ(axv_posix_vm_stop(never), AXV_OK);
    EXPECT_EQ(axv_posix_vm_start(never), AXV_EBUSY);
    EXPECT_EQ(axv_posix_vm_destroy(never), AXV_OK);
    EXPECT_EQ(axv_posix_vm_destroy(vm), AXV_OK);
}

TYPED_TEST(VmLifecycle, UnknownIdsAreRefusedWithEnoent) {
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, returns_at_once, nullptr, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_destroy(vm), AXV_OK);
    size_t n;
    uint64_t mask;
    for (axv_vm_id_t id : {vm, axv_vm_id_t{5}, axv_vm_id_t{AXV_POSIX_MAX_VMS}, AXV_POSIX_NO_VM}) {
        SCOPED_TRACE(id);
        EXPECT_EQ(axv_posix_vm_start(id), AXV_ENOENT);
        EXPECT_EQ(axv_posix_vm_stop(id), AXV_ENOENT);
        EXPECT_EQ(axv_posix_vm_destroy(id), AXV_ENOENT);
        EXPECT_EQ(axv_vmm_vcpu_num(id, &n), AXV_ENOENT);
        EXPECT_EQ(axv_vmm_active_vcpus(id, &mask), AXV_ENOENT);
        EXPECT_EQ(axv_vmm_inject_interrupt(id, 0, 32), AXV_ENOENT);
        EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(id, 1, 32), AXV_ENOENT);
        EXPECT_EQ(axv_vmm_notify_vcpu_timer_expired(id, 0), AXV_ENOENT);
        EXPECT_FALSE(axv_posix_vcpu_take_pending(id, 0, 32));
    }
}

TYPED_TEST(VmLifecycle, NullOutPointersAreRefused) {
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, returns_at_once, nullptr, &vm), AXV_OK);
    EXPECT_EQ(axv_vmm_vcpu_num(vm, nullptr), AXV_EINVAL);
    EXPECT_EQ(axv_vmm_active_vcpus(vm, nullptr), AXV_EINVAL);
}

TYPED_TEST(VmLifecycle, EveryStartedVcpuRunsTheGuestOnce) {
    std::atomic<int> runs{0};
    GuestBody count = [&] { runs++; };
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(5, run_body, &count, &vm), AXV_OK);
    EXPECT_EQ(runs.load(), 0); // created, not started
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_stop(vm), AXV_OK); // joins: every guest has returned
    EXPECT_EQ(runs.load(), 5);
    // Even a stop right after the start lets every guest run (and see should_stop).
    ASSERT_EQ(axv_posix_vm_create(3, run_body, &count, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_destroy(vm), AXV_OK);
    EXPECT_EQ(runs.load(), 8);
}

struct SelfStop {
    axv_vm_id_t other = 0;
    std::atomic<int> own_stop{1}, own_destroy{1}, other_stop{1};
    std::atomic<bool> done{false};
};

void stop_self_then_other(void *arg) {
    auto *s = static_cast<SelfStop *>(arg);
    s->own_stop = axv_posix_vm_stop(axv_vmm_current_vm_id());
    s->own_destroy = axv_posix_vm_destroy(axv_vmm_current_vm_id());
    s->other_stop = axv_posix_vm_stop(s->other);
    s->done = true;
}

TYPED_TEST(VmLifecycle, AVcpuCannotStopItsOwnVmButCanStopAnother) {
    SelfStop s;
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, halt_until_stopped, nullptr, &s.other), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(s.other), AXV_OK);
    ASSERT_EQ(axv_posix_vm_create(1, stop_self_then_other, &s, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    ASSERT_TRUE(wait_for([&] { return s.done.load(); }));
    EXPECT_EQ(s.own_stop.load(), AXV_EPERM);
    EXPECT_EQ(s.own_destroy.load(), AXV_EPERM);
    EXPECT_EQ(s.other_stop.load(), AXV_OK);
    uint64_t mask = 1;
    EXPECT_EQ(axv_vmm_active_vcpus(s.other, &mask), AXV_OK);
    EXPECT_EQ(mask, 0u); // its guest saw the stop and returned; its thread was joined
    EXPECT_EQ(this->stop(), 2u);
}

// Not started: refusals, never crashes; identity answers are defined.
class VmmNotStarted : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(axv_vmm_register(&axv_posix_vmm_ops), AXV_OK);
        ASSERT_EQ(axv_gic_register(&axv_posix_gic_ops), AXV_OK);
    }
    void TearDown() override {
        EXPECT_EQ(axv_vmm_reset(), AXV_OK);
        EXPECT_EQ(axv_gic_reset(), AXV_OK);
    }
    static void expect_everything_refused() {
        axv_vm_id_t vm;
        size_t n;
        uint64_t mask;
        EXPECT_EQ(axv_posix_vm_create(1, returns_at_once, nullptr, &vm), AXV_EPERM);
        EXPECT_EQ(axv_posix_vm_create(0, nullptr, nullptr, nullptr), AXV_EPERM);
        EXPECT_EQ(axv_posix_vm_start(0), AXV_EPERM);
        EXPECT_EQ(axv_posix_vm_stop(0), AXV_EPERM);
        EXPECT_EQ(axv_posix_vm_destroy(0), AXV_EPERM);
        EXPECT_EQ(axv_vmm_vcpu_num(0, &n), AXV_EPERM);
        EXPECT_EQ(axv_vmm_active_vcpus(0, &mask), AXV_EPERM);
        EXPECT_EQ(axv_vmm_inject_interrupt(0, 0, 32), AXV_EPERM);
        EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(0, 1, 32), AXV_EPERM);
        EXPECT_EQ(axv_vmm_notify_vcpu_timer_expired(0, 0), AXV_EPERM);
        EXPECT_EQ(axv_gic_hardware_inject_virtual_interrupt(32), AXV_EPERM);
        EXPECT_FALSE(axv_posix_vcpu_take_pending(0, 0, 32));
        EXPECT_EQ(axv_vmm_current_vm_id(), AXV_POSIX_NO_VM);
        EXPECT_EQ(axv_vmm_current_vcpu_id(), AXV_POSIX_NO_VCPU);
        EXPECT_FALSE(axv_posix_vmm_on_vcpu_thread());
        EXPECT_FALSE(axv_posix_guest_should_stop());
        EXPECT_EQ(axv_posix_guest_halt(0), AXV_EPERM);
        EXPECT_EQ(axv_posix_guest_ack(), AXV_POSIX_SPURIOUS_IRQ);
    }
};

TEST_F(VmmNotStarted, EverythingIsRefusedBeforeStartAndAfterStop) {
    expect_everything_refused();
    const axv_posix_resolved config = default_config();
    ASSERT_EQ(axv_posix_vmm_start(&config), AXV_OK);
    EXPECT_EQ(axv_posix_vmm_start(&config), AXV_EBUSY);
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, returns_at_once, nullptr, &vm), AXV_OK);
    EXPECT_EQ(axv_posix_vmm_stop(), 1u);
    expect_everything_refused();
    // And it starts again, with no VM left from before.
    ASSERT_EQ(axv_posix_vmm_start(&config), AXV_OK);
    size_t n;
    EXPECT_EQ(axv_vmm_vcpu_num(0, &n), AXV_ENOENT);
    EXPECT_EQ(axv_posix_vmm_stop(), 0u);
}

// What each vCPU saw of itself, recorded by its guest.
struct Seen {
    std::atomic<axv_vm_id_t> vm{AXV_POSIX_NO_VM};
    std::atomic<axv_vcpu_id_t> vcpu{AXV_POSIX_NO_VCPU};
    std::atomic<size_t> vcpu_num{0};
    std::atomic<bool> on_vcpu_thread{false};
    std::atomic<bool> own_bit_active{false};
    std::atomic<bool> done{false};
};

void record_identity(void *arg) {
    const axv_vcpu_id_t vcpu = axv_vmm_current_vcpu_id();
    if (vcpu >= AXV_POSIX_MAX_VCPUS)
        return;
    Seen &s = static_cast<Seen *>(arg)[vcpu];
    s.vm = axv_vmm_current_vm_id();
    s.vcpu = vcpu;
    size_t n = 0;
    if (axv_vmm_current_vm_vcpu_num(&n) == AXV_OK)
        s.vcpu_num = n;
    s.on_vcpu_thread = axv_posix_vmm_on_vcpu_thread();
    uint64_t mask = 0;
    s.own_bit_active = axv_vmm_current_vm_active_vcpus(&mask) == AXV_OK && (mask >> vcpu) & 1u;
    s.done = true;
}

TYPED_TEST(VmLifecycle, CurrentIdsOnVcpuThreadsAndNowhereElse) {
    Seen seen[2][AXV_POSIX_MAX_VCPUS];
    VmReaper reaper;
    axv_vm_id_t unused, first, second;
    ASSERT_EQ(axv_posix_vm_create(3, returns_at_once, nullptr, &unused), AXV_OK); // id 0
    ASSERT_EQ(axv_posix_vm_create(4, record_identity, seen[0], &first), AXV_OK);  // id 1
    ASSERT_EQ(axv_posix_vm_create(2, record_identity, seen[1], &second), AXV_OK); // id 2
    ASSERT_EQ(axv_posix_vm_start(first), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(second), AXV_OK);
    ASSERT_EQ(axv_posix_vm_stop(first), AXV_OK);
    ASSERT_EQ(axv_posix_vm_stop(second), AXV_OK);
    const struct {
        size_t which;
        axv_vm_id_t vm;
        size_t vcpus;
    } expected[] = {{0, first, 4}, {1, second, 2}};
    for (const auto &e : expected) {
        for (size_t v = 0; v < e.vcpus; v++) {
            SCOPED_TRACE(testing::Message() << "VM " << e.vm << " vCPU " << v);
            const Seen &s = seen[e.which][v];
            ASSERT_TRUE(s.done.load());
            EXPECT_EQ(s.vm.load(), e.vm);
            EXPECT_EQ(s.vcpu.load(), v);
            EXPECT_EQ(s.vcpu_num.load(), e.vcpus);
            EXPECT_TRUE(s.on_vcpu_thread.load());
            EXPECT_TRUE(s.own_bit_active.load()); // set before the guest was called
        }
        EXPECT_FALSE(seen[e.which][e.vcpus].done.load());
    }
    // Off vCPU threads: the documented answers.
    EXPECT_EQ(axv_vmm_current_vm_id(), AXV_POSIX_NO_VM);
    EXPECT_EQ(axv_vmm_current_vcpu_id(), AXV_POSIX_NO_VCPU);
    EXPECT_FALSE(axv_posix_vmm_on_vcpu_thread());
    axv_vm_id_t from_thread = 0;
    std::thread([&] { from_thread = axv_vmm_current_vm_id(); }).join();
    EXPECT_EQ(from_thread, AXV_POSIX_NO_VM);
}

// Odd vCPUs stay until stopped; even ones return at once.
void odd_vcpus_stay(void *) {
    if (axv_vmm_current_vcpu_id() % 2 == 1)
        halt_until_stopped(nullptr);
}

TYPED_TEST(VmLifecycle, ActiveMaskWhileGuestsRunAndAfterTheyReturn) {
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(6, odd_vcpus_stay, nullptr, &vm), AXV_OK);
    uint64_t mask = 1;
    ASSERT_EQ(axv_vmm_active_vcpus(vm, &mask), AXV_OK);
    EXPECT_EQ(mask, 0u); // not started
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    // The even guests return and clear their bits; the odd ones keep theirs.
    EXPECT_TRUE(wait_for([&] {
        return axv_vmm_active_vcpus(vm, &mask) == AXV_OK && mask == 0x2a; // 0b101010
    })) << std::hex
        << mask;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ASSERT_EQ(axv_vmm_active_vcpus(vm, &mask), AXV_OK);
    EXPECT_EQ(mask, 0x2au);
    ASSERT_EQ(axv_posix_vm_stop(vm), AXV_OK);
    ASSERT_EQ(axv_vmm_active_vcpus(vm, &mask), AXV_OK);
    EXPECT_EQ(mask, 0u);
}

TYPED_TEST(VmLifecycle, SixtyFourVcpusAllRunAndAllAreReachable) {
    std::atomic<uint64_t> got_own_spi{0};
    GuestBody guest = [&] {
        const axv_vcpu_id_t me = axv_vmm_current_vcpu_id();
        while (axv_posix_guest_halt(60 * kSecond) == AXV_OK) {
            for (axv_irq_t irq; (irq = axv_posix_guest_ack()) != AXV_POSIX_SPURIOUS_IRQ;)
                if (irq == 32 + me)
                    got_own_spi.fetch_or(UINT64_C(1) << me);
        }
    };
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(64, run_body, &guest, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    uint64_t mask = 0;
    ASSERT_TRUE(wait_for([&] { return axv_vmm_active_vcpus(vm, &mask) == AXV_OK && ~mask == 0; }))
        << std::hex << mask;
    for (axv_vcpu_id_t v = 0; v < 64; v++)
        ASSERT_EQ(axv_vmm_inject_interrupt(vm, v, static_cast<axv_irq_t>(32 + v)), AXV_OK);
    EXPECT_TRUE(wait_for([&] { return ~got_own_spi.load() == 0; })) << std::hex << got_own_spi;
    EXPECT_EQ(axv_vmm_inject_interrupt(vm, 64, 32), AXV_ENOENT);
    EXPECT_EQ(this->stop(), 1u);
}

TYPED_TEST(VmLifecycle, ShutdownStopsRunningGuestsAndLeavesNoThread) {
    const size_t before = thread_count();
    ASSERT_GT(before, 0u);
    std::atomic<int> returned{0};
    GuestBody guest = [&] {
        halt_until_stopped(nullptr);
        // Slow to leave: a shutdown that did not wait for the guests would return first.
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        returned++;
    };
    VmReaper reaper;
    for (size_t i = 0; i < 4; i++) {
        axv_vm_id_t vm;
        ASSERT_EQ(axv_posix_vm_create(8, run_body, &guest, &vm), AXV_OK);
        ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    }
    axv_vm_id_t idle;
    ASSERT_EQ(axv_posix_vm_create(2, run_body, &guest, &idle), AXV_OK); // never started
    EXPECT_EQ(thread_count(), before + 32);
    const int64_t t0 = now_ns();
    EXPECT_EQ(this->stop(), 5u);
    // Halts were woken, not timed out (halt_until_stopped halts a minute at a time).
    EXPECT_LT(now_ns() - t0, 60 * static_cast<int64_t>(kSecond));
    EXPECT_EQ(returned.load(), 32);
    EXPECT_EQ(thread_count(), this->threads_before_start()); // the platform's own threads too
}

} // namespace
