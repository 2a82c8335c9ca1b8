// Cross-vCPU injection storm on the POSIX platform: 8 injector threads against 64 vCPUs in 4
// VMs whose guests halt and acknowledge in loops. Pending bits coalesce, so the test counts
// messages with a doorbell per vCPU: an injector increments the target's doorbell, then
// injects; the guest, after each halt, acknowledges what is pending and drains the doorbell.
// A message whose interrupt was made pending after the guest's drain leaves its bit set, so
// the guest halts no more and drains it next time; only a lost wake-up (a guest asleep with
// its bit set) strands a message, and the guests halt for 30 s, so the test would see it.
#include "vmm_support.h"

#include <atomic>
#include <random>
#include <vector>

using namespace axv_test;

namespace {

constexpr size_t kVms = 4;
constexpr size_t kVcpusPerVm = 16;
constexpr size_t kTargets = kVms * kVcpusPerVm;
constexpr int kInjectors = 8;
constexpr int kMessagesPerInjector = 20000;

struct Target {
    std::atomic<uint64_t> doorbell{0}; // messages sent and not yet drained
    std::atomic<uint64_t> sent{0};     // messages sent
    std::atomic<uint64_t> observed{0}; // delivery observer calls
    std::atomic<uint64_t> received{0}; // messages drained (only the guest adds)
    std::atomic<uint64_t> acks{0};     // INTIDs acknowledged (only the guest adds)
    std::atomic<bool> stray{false};    // acknowledged an INTID nobody injected
    std::atomic<uint64_t> injected[AXV_POSIX_NUM_INTIDS / 64 + 1] = {};

    void reset() {
        for (auto *counter : {&doorbell, &sent, &observed, &received, &acks})
            *counter = 0;
        stray = false;
        for (auto &word : injected)
            word = 0;
    }
};
Target targets[kTargets];

Target &target_of(axv_vm_id_t vm, axv_vcpu_id_t vcpu) {
    return targets[vm * kVcpusPerVm + vcpu];
}

void guest(void *) {
    Target &t = target_of(axv_vmm_current_vm_id(), axv_vmm_current_vcpu_id());
    for (;;) {
        const int rc = axv_posix_guest_halt(30 * kSecond);
        for (axv_irq_t irq; (irq = axv_posix_guest_ack()) != AXV_POSIX_SPURIOUS_IRQ;) {
            t.acks.fetch_add(1, std::memory_order_relaxed);
            if (((t.injected[irq / 64].load() >> (irq % 64)) & 1u) == 0)
                t.stray = true;
        }
        t.received.fetch_add(t.doorbell.exchange(0), std::memory_order_relaxed);
        if (rc == AXV_EPERM)
            return;
    }
}

void observe(void *, axv_vm_id_t vm, axv_vcpu_id_t vcpu, axv_irq_t) {
    if (vm < kVms && vcpu < kVcpusPerVm)
        target_of(vm, vcpu).observed.fetch_add(1, std::memory_order_relaxed);
}

// Announces a message to (vm, vcpu) carrying irq: before the injection, as the protocol says.
void announce(axv_vm_id_t vm, axv_vcpu_id_t vcpu, axv_irq_t irq) {
    Target &t = target_of(vm, vcpu);
    t.injected[irq / 64].fetch_or(UINT64_C(1) << (irq % 64));
    t.sent.fetch_add(1);
    t.doorbell.fetch_add(1);
}

// Mostly single injections, some multicasts; INTIDs from a few hot ones (coalescing often)
// and from the whole range.
void inject_storm(int seed, std::atomic<int> *failures) {
    std::mt19937_64 rng(static_cast<uint64_t>(seed) * 7919u + 1u);
    static const axv_irq_t hot[] = {0, 1, 15, 16, 27, 31, 32, 33, 100, 1019};
    for (int i = 0; i < kMessagesPerInjector; i++) {
        const uint64_t r = rng();
        const axv_vm_id_t vm = r % kVms;
        const axv_irq_t irq =
            (r >> 8) % 2 ? hot[(r >> 9) % 10] : static_cast<axv_irq_t>((r >> 16) % 1020);
        int rc;
        if ((r >> 40) % 8 == 0) {
            const uint64_t mask = ((r >> 44) & 0xffffu) | 1u;
            for (uint64_t left = mask; left != 0; left &= left - 1)
                announce(vm, static_cast<axv_vcpu_id_t>(__builtin_ctzll(left)), irq);
            rc = axv_vmm_inject_interrupt_to_vcpus(vm, mask, irq);
        } else {
            const axv_vcpu_id_t vcpu = (r >> 4) % kVcpusPerVm;
            announce(vm, vcpu, irq);
            rc = axv_vmm_inject_interrupt(vm, vcpu, irq);
        }
        if (rc != AXV_OK)
            (*failures)++;
    }
}

template <typename Via> class Storm : public VmmTest<Via> {};
TYPED_TEST_SUITE(Storm, BothWays);

TYPED_TEST(Storm, EveryInjectedMessageIsAccountedFor) {
    for (Target &t : targets) // from an earlier run in this process
        t.reset();
    axv_posix_set_delivery_observer(observe, nullptr);
    for (size_t i = 0; i < kVms; i++) {
        axv_vm_id_t vm;
        ASSERT_EQ(axv_posix_vm_create(kVcpusPerVm, guest, nullptr, &vm), AXV_OK);
        ASSERT_EQ(vm, i);
        ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    }
    std::atomic<int> failures{0};
    std::vector<std::thread> injectors;
    for (int i = 0; i < kInjectors; i++)
        injectors.emplace_back(inject_storm, i, &failures);
    for (auto &t : injectors)
        t.join();
    EXPECT_EQ(failures.load(), 0);

    uint64_t sent = 0;
    for (const Target &t : targets)
        sent += t.sent.load();
    auto received = [] {
        uint64_t sum = 0;
        for (const Target &t : targets)
            sum += t.received.load();
        return sum;
    };
    EXPECT_TRUE(wait_for([&] { return received() == sent; }))
        << received() << " of " << sent << " messages received";
    EXPECT_EQ(this->stop(), kVms); // the guests drain once more on their way out
    EXPECT_EQ(thread_count(), this->threads_before_start());

    for (size_t i = 0; i < kTargets; i++) {
        SCOPED_TRACE(testing::Message() << "VM " << i / kVcpusPerVm << " vCPU " << i % kVcpusPerVm);
        const Target &t = targets[i];
        EXPECT_EQ(t.received.load(), t.sent.load());
        EXPECT_EQ(t.observed.load(), t.sent.load()); // the observer sees every injection
        EXPECT_GT(t.sent.load(), 0u);
        EXPECT_GE(t.acks.load(), 1u);
        EXPECT_LE(t.acks.load(), t.sent.load()); // coalesced, never invented
        EXPECT_FALSE(t.stray.load());
    }
}

} // namespace
