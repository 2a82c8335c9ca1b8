// RISC-V style vCPUs (axv_posix_config.riscv_vcpus): injection takes exactly the VS-level
// causes and wakes a halted vCPU from any thread, nothing is lost under a storm,
// notify_vcpu_timer_expired sets VSTIP, the guest acks the causes, the riscv area's
// set/clear_vs_pending change the same bits, and hardware injection is refused.
#include "vmm_support.h"

#include <atomic>
#include <thread>
#include <vector>

using namespace axv_test;

namespace {

constexpr uint32_t kVssip = 2, kVstip = 6, kVseip = 10;
constexpr uint64_t bit(uint32_t n) {
    return uint64_t{1} << n;
}

template <typename Via> class RiscvVcpus : public VmmTest<Via> {
  protected:
    void SetUp() override {
        VmmTest<Via>::SetUp();
        axv_posix_resolved c = default_config();
        c.riscv_vcpus = true;
        this->restart(c);
    }
};
TYPED_TEST_SUITE(RiscvVcpus, BothWays);

uint64_t hvip_of(axv_vm_id_t vm, axv_vcpu_id_t vcpu) {
    uint64_t hvip = ~uint64_t{0};
    EXPECT_EQ(axv_posix_vcpu_vs_pending(vm, vcpu, &hvip), AXV_OK);
    return hvip;
}

TYPED_TEST(RiscvVcpus, TakesExactlyTheVsCauses) {
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(2, axv_test::park_until_stopped, nullptr, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    for (axv_irq_t bad : {0u, 1u, 3u, 5u, 9u, 11u, 27u, 32u, 40u, 1019u, 1023u, 0x80000000u}) {
        EXPECT_EQ(axv_vmm_inject_interrupt(vm, 0, bad), AXV_EINVAL) << bad;
        EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, 3, bad), AXV_EINVAL) << bad;
    }
    EXPECT_EQ(hvip_of(vm, 0), 0u) << "a refused number set something";
    EXPECT_EQ(hvip_of(vm, 1), 0u);
    EXPECT_EQ(axv_vmm_inject_interrupt(vm, 0, kVssip), AXV_OK);
    EXPECT_EQ(axv_vmm_inject_interrupt(vm, 0, kVseip), AXV_OK);
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, 2, kVstip), AXV_OK);
    EXPECT_EQ(hvip_of(vm, 0), bit(kVssip) | bit(kVseip));
    EXPECT_EQ(hvip_of(vm, 1), bit(kVstip));
    // No GIC list registers on these vCPUs, whichever thread asks.
    EXPECT_EQ(axv_gic_hardware_inject_virtual_interrupt(kVssip), AXV_ENOSYS);
    EXPECT_EQ(axv_gic_hardware_inject_virtual_interrupt(27), AXV_ENOSYS);
    EXPECT_EQ(this->stop(), 1u);
}

TYPED_TEST(RiscvVcpus, NotifyTimerExpiredSetsVstip) {
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, axv_test::park_until_stopped, nullptr, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    ASSERT_EQ(axv_vmm_notify_vcpu_timer_expired(vm, 0), AXV_OK);
    EXPECT_EQ(hvip_of(vm, 0), bit(kVstip));
    EXPECT_FALSE(axv_posix_vcpu_take_pending(vm, 0, AXV_POSIX_DEFAULT_VTIMER_IRQ));
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 0, kVstip));
    EXPECT_EQ(hvip_of(vm, 0), 0u);
    EXPECT_EQ(this->stop(), 1u);
}

// Woken, not timed out, by an injection from another thread; the guest's ack reads and
// clears the cause.
TYPED_TEST(RiscvVcpus, InjectionWakesAHaltedVcpu) {
    constexpr int64_t kHalt = 60 * static_cast<int64_t>(kSecond);
    std::atomic<bool> halting{false};
    std::atomic<int> rc{1};
    std::atomic<int64_t> halted{0};
    std::atomic<axv_irq_t> acked{0}, after{0};
    GuestBody body = [&] {
        halting = true;
        const int64_t t = now_ns();
        rc = axv_posix_guest_halt(kHalt);
        halted = now_ns() - t;
        after = AXV_POSIX_SPURIOUS_IRQ + 1; // marks "ack not yet read"
        acked = axv_posix_guest_ack();
        after = axv_posix_guest_ack();
    };
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, run_body, &body, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    ASSERT_TRUE(wait_for([&] { return halting.load(); }));
    std::this_thread::sleep_for(std::chrono::milliseconds(10)); // let it fall asleep
    std::thread([&] { EXPECT_EQ(axv_vmm_inject_interrupt(vm, 0, kVseip), AXV_OK); }).join();
    ASSERT_TRUE(wait_for([&] { return after.load() == AXV_POSIX_SPURIOUS_IRQ; }));
    EXPECT_EQ(rc.load(), AXV_OK);
    EXPECT_LT(halted.load(), kHalt) << "the halt timed out";
    EXPECT_EQ(acked.load(), kVseip);
    EXPECT_EQ(hvip_of(vm, 0), 0u) << "the ack did not clear hvip";
    EXPECT_EQ(this->stop(), 1u);
}

// Three injector threads, one cause each, each waiting for its previous injection to be
// acknowledged before the next: every injection must wake the halted guest, so a lost
// wake-up leaves a thread waiting out its budget.
TYPED_TEST(RiscvVcpus, NothingLostUnderAStorm) {
    constexpr int kRounds = 2000;
    constexpr axv_irq_t kCauses[3] = {kVssip, kVstip, kVseip};
    std::atomic<int> acked[3] = {{0}, {0}, {0}};
    std::atomic<int> strays{0};
    GuestBody body = [&] {
        while (axv_posix_guest_halt(60 * kSecond) != AXV_EPERM) {
            for (axv_irq_t irq; (irq = axv_posix_guest_ack()) != AXV_POSIX_SPURIOUS_IRQ;) {
                int i = irq == kVssip ? 0 : irq == kVstip ? 1 : irq == kVseip ? 2 : -1;
                if (i < 0)
                    strays++;
                else
                    acked[i]++;
            }
        }
    };
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, run_body, &body, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    std::atomic<int> stuck{-1};
    std::vector<std::thread> injectors;
    for (int t = 0; t < 3; t++)
        injectors.emplace_back([&, t] {
            for (int r = 0; r < kRounds && stuck.load() < 0; r++) {
                if (axv_vmm_inject_interrupt(vm, 0, kCauses[t]) != AXV_OK ||
                    !wait_for([&] { return acked[t].load() > r; }))
                    stuck = t;
            }
        });
    for (auto &th : injectors)
        th.join();
    EXPECT_EQ(stuck.load(), -1) << "an injection was lost or refused";
    for (int t = 0; t < 3; t++)
        EXPECT_EQ(acked[t].load(), kRounds) << "cause " << kCauses[t];
    EXPECT_EQ(strays.load(), 0);
    EXPECT_EQ(this->stop(), 1u);
}

// The riscv ops act on the same bits as injection and ack (the platform as a whole: only it
// installs the riscv area).
class RiscvVcpusPlatform : public RiscvVcpus<ViaPlatform> {
  protected:
    void TearDown() override {
        RiscvVcpus<ViaPlatform>::TearDown();
        EXPECT_EQ(axv_riscv_reset(), AXV_OK);
    }
};

TEST_F(RiscvVcpusPlatform, VsPendingOpsShareTheBits) {
    std::atomic<int> step{0};
    std::atomic<int> rcs{0};
    std::atomic<axv_irq_t> first{0}, second{0};
    GuestBody body = [&] {
        int bad = 0;
        bad += axv_riscv_set_vs_pending(kVssip) != AXV_OK;
        first = axv_posix_guest_ack(); // VSSIP, set by the op
        step = 1;
        while (step.load() != 2)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        bad += axv_riscv_clear_vs_pending(kVstip) != AXV_OK; // injected from outside
        second = axv_posix_guest_ack();
        rcs = bad;
        step = 3;
        park_until_stopped(nullptr);
    };
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, run_body, &body, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    ASSERT_TRUE(wait_for([&] { return step.load() == 1; }));
    EXPECT_EQ(first.load(), kVssip);
    ASSERT_EQ(axv_vmm_inject_interrupt(vm, 0, kVstip), AXV_OK);
    EXPECT_EQ(hvip_of(vm, 0), bit(kVstip));
    step = 2;
    ASSERT_TRUE(wait_for([&] { return step.load() == 3; }));
    EXPECT_EQ(rcs.load(), 0);
    EXPECT_EQ(second.load(), AXV_POSIX_SPURIOUS_IRQ) << "clear_vs_pending left VSTIP pending";
    EXPECT_EQ(hvip_of(vm, 0), 0u);
    EXPECT_EQ(this->stop(), 1u);
}

} // namespace
