// The shared virtual timer component (samples/components/vtimer.c, the one the QEMU samples
// use) on the POSIX platform: guests on vCPU threads ask for their timer the way a
// hypervisor's SET_TIMER handler does, and take the timer interrupt it delivers.
#include "vmm_support.h"

#include <atomic>

extern "C" {
#include "vtimer.h"
}

using namespace axv_test;

namespace {

constexpr size_t kVcpus = 4;
constexpr unsigned kTicks = 5;
constexpr axv_nanos_t kPeriod = 2 * kMs;

class Vtimer : public VmmTest<ViaPlatform> {
  protected:
    // One VM of kVcpus vCPUs running body, its vtimers ready; waits until every guest ended.
    void run_vm(GuestBody *body) {
        VmReaper reaper;
        axv_vm_id_t vm = 0;
        ASSERT_EQ(axv_posix_vm_create(kVcpus, run_body, body, &vm), AXV_OK);
        for (axv_vcpu_id_t id = 0; id < kVcpus; id++)
            vtimer_init(&table_[id], vm, id);
        ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
        // Each guest waits at most a few timer budgets and 2.5 s of its own.
        EXPECT_TRUE(wait_for([&] { return finished_.load() == kVcpus; },
                             timer_budget() * (kTicks + 2) + std::chrono::seconds(3)));
        for (axv_vcpu_id_t id = 0; id < kVcpus; id++) {
            EXPECT_EQ(vtimer_cancel(&table_[id]), AXV_OK);
            EXPECT_EQ(vtimer_take_error(&table_[id]), AXV_OK);
        }
    }

    // Halts until the timer interrupt or the budget; answers whether it came, counting others.
    bool take_timer_irq(axv_nanos_t budget) {
        const int64_t until = now_ns() + static_cast<int64_t>(budget);
        while (now_ns() < until) {
            if (axv_posix_guest_halt(static_cast<axv_nanos_t>(until - now_ns())) == AXV_EPERM)
                return false;
            for (axv_irq_t irq; (irq = axv_posix_guest_ack()) != AXV_POSIX_SPURIOUS_IRQ;) {
                if (irq == AXV_POSIX_DEFAULT_VTIMER_IRQ)
                    return true;
                other_irqs_++;
            }
        }
        return false;
    }

    vtimer table_[kVcpus]{};
    std::atomic<size_t> finished_{0};
    std::atomic<unsigned> other_irqs_{0};
};

TEST_F(Vtimer, EveryVcpuGetsEachDeadlineItSets) {
    std::atomic<unsigned> ticks[kVcpus]{};
    std::atomic<int> errors{AXV_OK};
    GuestBody body = [&] {
        axv_vcpu_id_t me = axv_vmm_current_vcpu_id();
        for (unsigned i = 0; i < kTicks; i++) {
            // Re-armed only once the previous expiry was taken: never concurrent with it.
            int rc = vtimer_set_current(table_, kVcpus, kPeriod);
            if (rc != AXV_OK)
                errors = rc;
            if (rc != AXV_OK || !take_timer_irq(timer_budget_ns()))
                break;
            ticks[me]++;
        }
        finished_++;
    };
    run_vm(&body);
    EXPECT_EQ(errors.load(), AXV_OK);
    for (size_t id = 0; id < kVcpus; id++)
        EXPECT_EQ(ticks[id].load(), kTicks) << "vCPU " << id;
    EXPECT_EQ(other_irqs_.load(), 0u);
}

TEST_F(Vtimer, ReArmingReplacesThePreviousDeadline) {
    std::atomic<unsigned> early{0};
    std::atomic<unsigned> late{0};
    GuestBody body = [&] {
        // The first deadline is far enough that even a starved thread replaces it in time.
        EXPECT_EQ(vtimer_set_current(table_, kVcpus, 2 * kSecond), AXV_OK);
        EXPECT_EQ(vtimer_set_current(table_, kVcpus, 3600 * kSecond), AXV_OK);
        if (take_timer_irq(2 * kSecond + kSecond / 2))
            early++;
        EXPECT_EQ(vtimer_set_current(table_, kVcpus, kMs), AXV_OK);
        if (take_timer_irq(timer_budget_ns()))
            late++;
        finished_++;
    };
    run_vm(&body);
    EXPECT_EQ(early.load(), 0u);
    EXPECT_EQ(late.load(), kVcpus);
}

TEST_F(Vtimer, AVcpuOutsideTheTableIsRefused) {
    std::atomic<int> rc{AXV_OK};
    GuestBody body = [&] {
        if (axv_vmm_current_vcpu_id() == kVcpus - 1)
            rc = vtimer_set_current(table_, kVcpus - 1, kMs);
        finished_++;
    };
    run_vm(&body);
    EXPECT_EQ(rc.load(), AXV_ENOENT);
}

} // namespace
