// Injection storm on the POSIX platform, with exact accounting: 8 threads inject 100k
// interrupts each (times AXV_TEST_SCALE) into the 64 vCPUs of 4 VMs, by every path (single,
// multicast, the virtual timer's notification) while the guests halt, wake, acknowledge and
// inject into themselves through the hardware path. Halfway, two VMs are stopped and their
// guests leave what is pending; injection into them goes on.
//
// Pending bits coalesce, so to count exactly an interrupt is claimed before it is injected:
// one claim per (vCPU, INTID), taken by the injector and released by the guest when it
// acknowledges that INTID. An INTID is thus never injected twice into a vCPU while pending,
// and each successful injection must end up acknowledged by the guest or still pending at
// the end (found by take_pending), exactly once. AXV_EBUSY and AXV_ENOMEM are counted as not
// injected (the claim is released), as the contract says; the delivery observer must see
// exactly the successful injections. A guest asleep with an interrupt pending (a lost
// wake-up) leaves its claim held, which the drain at the end of the running VMs reports;
// then rounds of one interrupt per halted vCPU check that each wakes its vCPU.
#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/posix.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <thread>
#include <vector>

#include "support/scale.h"
#include "support/timing.h"
#include "support/wait.h"

using namespace axv_test;

namespace {

constexpr size_t kVms = 4;
constexpr size_t kVcpusPerVm = 16;
constexpr size_t kVcpus = kVms * kVcpusPerVm;
constexpr size_t kStoppedEarly = 2; // VMs 0 and 1 are stopped halfway
constexpr int kInjectors = 8;
constexpr axv_irq_t kIntids = AXV_POSIX_NUM_INTIDS; // all valid with the default 988 SPIs
constexpr axv_nanos_t kSecond = 1000000000u;

// Per vCPU. injected, acked and observed must balance at the end.
struct Vcpu {
    std::atomic<bool> claim[kIntids] = {};
    std::atomic<uint64_t> injected{0}; // successful injections (each one claim)
    std::atomic<uint64_t> observed{0}; // delivery observer calls
    std::atomic<uint64_t> acked{0};    // acknowledged by the guest, claim released
    std::atomic<uint64_t> stray{0};    // acknowledged or pending with no claim held
    std::atomic<uint64_t> halts{0};    // halts that returned AXV_OK (woken or found pending)
};
Vcpu vcpus[kVcpus];

// Over all threads.
std::atomic<uint64_t> refused{0};        // AXV_EBUSY or AXV_ENOMEM: not injected
std::atomic<uint64_t> collisions{0};     // claim already held: nothing injected
std::atomic<uint64_t> unexpected{0};     // any other answer to a valid injection
std::atomic<uint64_t> bad_rejections{0}; // an invalid injection not answered as documented
std::atomic<uint64_t> operations{0};     // injector operations done so far
std::atomic<bool> storming{true};        // guests inject into themselves only while true

Vcpu &vcpu_of(axv_vm_id_t vm, axv_vcpu_id_t vcpu) {
    return vcpus[vm * kVcpusPerVm + vcpu];
}

bool claim(Vcpu &v, axv_irq_t irq) {
    bool expected = false;
    if (v.claim[irq].compare_exchange_strong(expected, true))
        return true;
    collisions.fetch_add(1, std::memory_order_relaxed);
    return false;
}

void release(Vcpu &v, axv_irq_t irq) {
    bool expected = true;
    if (!v.claim[irq].compare_exchange_strong(expected, false))
        v.stray.fetch_add(1);
}

// Accounts for one injection of irq into the claimed vCPUs (one, or a multicast's).
void account(int rc, Vcpu *const *targets, size_t n, axv_irq_t irq) {
    for (size_t i = 0; i < n; i++) {
        if (rc == AXV_OK)
            targets[i]->injected.fetch_add(1);
        else
            release(*targets[i], irq);
    }
    if (rc == AXV_EBUSY || rc == AXV_ENOMEM)
        refused.fetch_add(1);
    else if (rc != AXV_OK)
        unexpected.fetch_add(1);
}

void observe(void *, axv_vm_id_t vm, axv_vcpu_id_t vcpu, axv_irq_t) {
    if (vm < kVms && vcpu < kVcpusPerVm)
        vcpu_of(vm, vcpu).observed.fetch_add(1);
}

// Halts for a long time (only a wake-up ends it), briefly, or not at all; acknowledges
// everything pending; now and then injects into itself. On a stop it returns at once,
// leaving what is pending to be counted.
void guest(void *) {
    const axv_vm_id_t vm = axv_vmm_current_vm_id();
    const axv_vcpu_id_t id = axv_vmm_current_vcpu_id();
    Vcpu &self = vcpu_of(vm, id);
    std::mt19937 rng(static_cast<unsigned>(vm * kVcpusPerVm + id));
    for (;;) {
        const unsigned r = rng();
        const axv_nanos_t timeout = r % 8 < 6 ? 30 * kSecond : r % 8 == 6 ? 50000 : 0;
        const int rc = axv_posix_guest_halt(timeout);
        if (rc == AXV_EPERM)
            return;
        if (rc == AXV_OK)
            self.halts.fetch_add(1, std::memory_order_relaxed);
        for (axv_irq_t irq; (irq = axv_posix_guest_ack()) != AXV_POSIX_SPURIOUS_IRQ;) {
            release(self, irq);
            self.acked.fetch_add(1);
        }
        if ((r >> 8) % 16 == 0 && storming.load()) {
            const axv_irq_t irq = (r >> 12) % kIntids;
            Vcpu *target = &self;
            if (claim(self, irq))
                account(axv_gic_hardware_inject_virtual_interrupt(irq), &target, 1, irq);
        }
    }
}

void inject_storm(int seed, size_t count) {
    std::mt19937_64 rng(static_cast<uint64_t>(seed) * 7919u + 3u);
    for (size_t i = 0; i < count; i++, operations.fetch_add(1, std::memory_order_relaxed)) {
        const uint64_t r = rng();
        const auto vm = static_cast<axv_vm_id_t>(r % kVms);
        const auto vcpu = static_cast<axv_vcpu_id_t>((r >> 4) % kVcpusPerVm);
        const auto irq = static_cast<axv_irq_t>((r >> 8) % kIntids);
        switch ((r >> 20) % 16) {
        case 0: { // a multicast to the claimed part of a random mask
            Vcpu *targets[kVcpusPerVm];
            size_t n = 0;
            uint64_t mask = 0;
            for (uint64_t left = (r >> 24) & 0xffffu; left != 0; left &= left - 1) {
                const auto v = static_cast<axv_vcpu_id_t>(__builtin_ctzll(left));
                if (claim(vcpu_of(vm, v), irq)) {
                    targets[n++] = &vcpu_of(vm, v);
                    mask |= UINT64_C(1) << v;
                }
            }
            if (mask != 0)
                account(axv_vmm_inject_interrupt_to_vcpus(vm, mask, irq), targets, n, irq);
            break;
        }
        case 1: { // the virtual timer's interrupt
            Vcpu *target = &vcpu_of(vm, vcpu);
            if (claim(*target, AXV_POSIX_DEFAULT_VTIMER_IRQ))
                account(axv_vmm_notify_vcpu_timer_expired(vm, vcpu), &target, 1,
                        AXV_POSIX_DEFAULT_VTIMER_IRQ);
            break;
        }
        case 2: // refused injections change nothing
            if (axv_vmm_inject_interrupt(vm, kVcpusPerVm, irq) != AXV_ENOENT ||
                axv_vmm_inject_interrupt(kVms + 5, vcpu, irq) != AXV_ENOENT ||
                axv_vmm_inject_interrupt(vm, vcpu, kIntids + (r >> 40) % 4) != AXV_EINVAL)
                bad_rejections.fetch_add(1);
            break;
        default: {
            Vcpu *target = &vcpu_of(vm, vcpu);
            if (claim(*target, irq))
                account(axv_vmm_inject_interrupt(vm, vcpu, irq), &target, 1, irq);
            break;
        }
        }
    }
}

size_t claims_held(size_t first_vcpu, size_t end_vcpu) {
    size_t held = 0;
    for (size_t v = first_vcpu; v < end_vcpu; v++)
        for (const auto &c : vcpus[v].claim)
            held += c.load();
    return held;
}

TEST(InjectStorm, EveryInjectedInterruptIsAcknowledgedOrStillPending) {
    axv_posix_config config{};
    config.ram_bytes = 1u << 20; // no RAM needed
    ASSERT_EQ(axv_posix_init(&config), AXV_OK);
    ASSERT_EQ(axv_platform_install(&axv_posix_platform), AXV_OK);
    axv_posix_set_delivery_observer(observe, nullptr);
    for (size_t i = 0; i < kVms; i++) {
        axv_vm_id_t vm;
        ASSERT_EQ(axv_posix_vm_create(kVcpusPerVm, guest, nullptr, &vm), AXV_OK);
        ASSERT_EQ(vm, i);
        ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    }

    const size_t per_injector = scaled(100000, 2000);
    std::vector<std::thread> injectors;
    for (int i = 0; i < kInjectors; i++)
        injectors.emplace_back(inject_storm, i, per_injector);
    // Halfway, stop the first VMs under the storm: their guests return, injection goes on.
    const uint64_t half = per_injector * kInjectors / 2;
    while (operations.load() < half)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    for (axv_vm_id_t vm = 0; vm < kStoppedEarly; vm++)
        EXPECT_EQ(axv_posix_vm_stop(vm), AXV_OK);
    for (auto &t : injectors)
        t.join();
    storming = false;
    EXPECT_EQ(unexpected.load(), 0u);
    EXPECT_EQ(bad_rejections.load(), 0u);

    // The running guests acknowledge everything left: a claim still held after this is an
    // interrupt a sleeping guest was never woken for.
    const size_t running_first = kStoppedEarly * kVcpusPerVm;
    EXPECT_TRUE(
        wait_for([&] { return claims_held(running_first, kVcpus) == 0; }, std::chrono::seconds(30)))
        << claims_held(running_first, kVcpus) << " interrupts stranded on running vCPUs";
    // Wake-up rounds: once the guests have settled into their long halts (a few ms), one
    // interrupt per running vCPU must wake each, well within its 30 s halt. Each round uses
    // another INTID, among them the extremes and the virtual timer's.
    static const axv_irq_t round_irqs[] = {0, 15, 16, 27, 31, 32, 77, 500, 1019};
    for (axv_irq_t irq : round_irqs) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        for (size_t i = running_first; i < kVcpus; i++) {
            Vcpu *target = &vcpus[i];
            if (claim(*target, irq))
                account(axv_vmm_inject_interrupt(i / kVcpusPerVm, i % kVcpusPerVm, irq), &target, 1,
                        irq);
        }
        EXPECT_TRUE(
            wait_for([&] { return claims_held(running_first, kVcpus) == 0; }, timer_budget()))
            << claims_held(running_first, kVcpus) << " halted vCPUs not woken by INTID " << irq;
    }
    for (axv_vm_id_t vm = kStoppedEarly; vm < kVms; vm++)
        EXPECT_EQ(axv_posix_vm_stop(vm), AXV_OK);
    axv_posix_set_delivery_observer(nullptr, nullptr);

    // Every VM is stopped and nothing injects: what is pending now is what was never
    // acknowledged. Each pending INTID must hold its claim, and each held claim be pending.
    uint64_t injected = 0, acked = 0, pending = 0, halts = 0;
    for (size_t i = 0; i < kVcpus; i++) {
        const axv_vm_id_t vm = i / kVcpusPerVm;
        const axv_vcpu_id_t id = i % kVcpusPerVm;
        SCOPED_TRACE(testing::Message() << "VM " << vm << " vCPU " << id);
        Vcpu &v = vcpus[i];
        uint64_t left = 0;
        for (axv_irq_t irq = 0; irq < kIntids; irq++) {
            if (axv_posix_vcpu_take_pending(vm, id, irq)) {
                left++;
                release(v, irq);
            }
        }
        EXPECT_EQ(claims_held(i, i + 1), 0u) << "claimed interrupts that are not pending";
        EXPECT_EQ(v.stray.load(), 0u) << "interrupts nobody injected";
        EXPECT_EQ(v.acked.load() + left, v.injected.load());
        EXPECT_EQ(v.observed.load(), v.injected.load());
        injected += v.injected.load();
        acked += v.acked.load();
        pending += left;
        halts += v.halts.load();
    }

    axv_posix_shutdown_report report{};
    EXPECT_EQ(axv_posix_shutdown(&report), AXV_OK);
    EXPECT_EQ(report.vms_destroyed, kVms);
    for (int rc : {axv_memory_reset(), axv_time_reset(), axv_vmm_reset(), axv_host_reset(),
                   axv_gic_reset(), axv_console_reset()})
        EXPECT_EQ(rc, AXV_OK);
    // The storm must have exercised both ends: acknowledged and left pending.
    EXPECT_GT(acked, 0u);
    EXPECT_GT(pending, 0u);
    std::printf(
        "%llu injected: %llu acknowledged, %llu still pending; %llu refused; %llu "
        "claims collided; %llu halts woken\n",
        static_cast<unsigned long long>(injected), static_cast<unsigned long long>(acked),
        static_cast<unsigned long long>(pending), static_cast<unsigned long long>(refused.load()),
        static_cast<unsigned long long>(collisions.load()), static_cast<unsigned long long>(halts));
}

} // namespace
