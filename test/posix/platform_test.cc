// The POSIX platform as a whole: configuration checks, start/stop, the shutdown report,
// restarting, and no thread left behind.
#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/posix.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <chrono>
#include <thread>

#include "support/fatal.h"
#include "support/threads.h"

namespace {

using axv_test::fatal_to_stderr;
using axv_test::thread_count;

class Platform : public ::testing::Test {
  protected:
    void TearDown() override {
        (void)axv_posix_shutdown(nullptr);
    }
};

TEST_F(Platform, RefusesConfigurationsOutOfRange) {
    auto refused = [](void (*edit)(axv_posix_config &)) {
        axv_posix_config c{};
        edit(c);
        return axv_posix_init(&c) == AXV_EINVAL;
    };
    EXPECT_TRUE(refused([](axv_posix_config &c) { c.ram_bytes = (1u << 20) + 100; }));
    EXPECT_TRUE(refused([](axv_posix_config &c) { c.ram_bytes = 512u << 10; }));
    EXPECT_TRUE(refused([](axv_posix_config &c) { c.ram_phys_base = 0x80000800u; }));
    EXPECT_TRUE(refused([](axv_posix_config &c) { c.ram_phys_base = UINT64_MAX - 4095; }));
    EXPECT_TRUE(refused([](axv_posix_config &c) { c.counter_hz = AXV_POSIX_MIN_COUNTER_HZ - 1; }));
    EXPECT_TRUE(refused([](axv_posix_config &c) { c.counter_hz = AXV_POSIX_MAX_COUNTER_HZ + 1; }));
    EXPECT_TRUE(refused([](axv_posix_config &c) { c.spi_count = 33; }));
    EXPECT_TRUE(refused([](axv_posix_config &c) { c.spi_count = 992; }));
    EXPECT_TRUE(refused([](axv_posix_config &c) { c.spi_count = 987; }));
    EXPECT_TRUE(refused([](axv_posix_config &c) { c.vtimer_irq = 15; }));
    EXPECT_TRUE(refused([](axv_posix_config &c) { c.vtimer_irq = 32; }));
    // Nothing was started by a refused configuration.
    EXPECT_EQ(axv_posix_shutdown(nullptr), AXV_EPERM);
}

TEST_F(Platform, StartsOnceStopsOnceAndRestarts) {
    EXPECT_EQ(axv_posix_shutdown(nullptr), AXV_EPERM);
    ASSERT_EQ(axv_posix_init(nullptr), AXV_OK);
    EXPECT_EQ(axv_posix_init(nullptr), AXV_EBUSY);
    axv_posix_shutdown_report report{1, 1, 1};
    ASSERT_EQ(axv_posix_shutdown(&report), AXV_OK);
    EXPECT_EQ(report.timers_pending, 0u);
    EXPECT_EQ(report.vms_destroyed, 0u);
    EXPECT_EQ(report.frames_in_use, 0u);
    EXPECT_EQ(axv_posix_shutdown(nullptr), AXV_EPERM);

    axv_posix_config small{};
    small.ram_bytes = 2u << 20;
    ASSERT_EQ(axv_posix_init(&small), AXV_OK);
    ASSERT_EQ(axv_platform_install(&axv_posix_platform), AXV_OK);
    axv_paddr_t frame = 0;
    EXPECT_EQ(axv_memory_alloc_frame(&frame), AXV_OK);
    EXPECT_EQ(axv_posix_shutdown(nullptr), AXV_OK);
}

TEST_F(Platform, EveryAreaIsImplemented) {
    ASSERT_EQ(axv_posix_init(nullptr), AXV_OK);
    ASSERT_EQ(axv_platform_install(&axv_posix_platform), AXV_OK);
    for (size_t i = 0; i < axv_api_area_count(); i++) {
        const axv_area_desc *area = axv_api_area(i);
        for (size_t op = 0; op < area->num_ops; op++)
            EXPECT_TRUE((area->state->implemented >> op) & 1u)
                << area->name << "." << area->op_names[op];
    }
    EXPECT_GE(axv_host_cpu_num(), 1u);
    EXPECT_EQ(axv_host_cpu_num(), static_cast<size_t>(sysconf(_SC_NPROCESSORS_ONLN)));
}

void note_timer(void *arg, axv_nanos_t) {
    static_cast<std::atomic<int> *>(arg)->fetch_add(1);
}

void wait_for_stop(void *) {
    while (!axv_posix_guest_should_stop())
        (void)axv_posix_guest_halt(10000000);
}

TEST_F(Platform, ShutdownReportsWhatWasLeftAndLeavesNoThread) {
    // ThreadSanitizer starts a helper thread at the first thread creation: get it started
    // before counting, so that it is not mistaken for one left behind.
    std::thread([] {}).join();
    const size_t threads_before = thread_count();
    ASSERT_EQ(axv_posix_init(nullptr), AXV_OK);
    ASSERT_EQ(axv_platform_install(&axv_posix_platform), AXV_OK);

    // Left behind on purpose: 3 frames, 2 far-away timers, 2 running VMs.
    axv_paddr_t frame;
    for (int i = 0; i < 3; i++)
        ASSERT_EQ(axv_memory_alloc_frame(&frame), AXV_OK);
    static std::atomic<int> fired{0};
    axv_timer_token_t token;
    const axv_nanos_t far = axv_time_current_nanos() + 3600ull * 1000000000ull;
    ASSERT_EQ(axv_time_register_timer(far, note_timer, &fired, &token), AXV_OK);
    ASSERT_EQ(axv_time_register_timer(far + 1, note_timer, &fired, &token), AXV_OK);
    axv_vm_id_t a, b;
    ASSERT_EQ(axv_posix_vm_create(3, wait_for_stop, nullptr, &a), AXV_OK);
    ASSERT_EQ(axv_posix_vm_create(2, wait_for_stop, nullptr, &b), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(a), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(b), AXV_OK);
    EXPECT_GE(thread_count(), threads_before + 5 + 1); // vCPUs and the timer thread

    axv_posix_shutdown_report report{};
    ASSERT_EQ(axv_posix_shutdown(&report), AXV_OK);
    EXPECT_EQ(report.timers_pending, 2u);
    EXPECT_EQ(report.vms_destroyed, 2u);
    EXPECT_EQ(report.frames_in_use, 3u);
    EXPECT_EQ(fired.load(), 0); // cancelled timers never run
    EXPECT_EQ(thread_count(), threads_before);
}

std::atomic<int> shutdown_from_vcpu{1};

void try_shutdown(void *) {
    shutdown_from_vcpu = axv_posix_shutdown(nullptr);
}

void try_shutdown_from_timer(void *arg, axv_nanos_t) {
    static_cast<std::atomic<int> *>(arg)->store(axv_posix_shutdown(nullptr));
}

TEST_F(Platform, ShutdownIsRefusedWhereItWouldJoinItself) {
    ASSERT_EQ(axv_posix_init(nullptr), AXV_OK);
    ASSERT_EQ(axv_platform_install(&axv_posix_platform), AXV_OK);
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, try_shutdown, nullptr, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_stop(vm), AXV_OK); // joins the vCPU, which has returned
    EXPECT_EQ(shutdown_from_vcpu.load(), AXV_EPERM);

    static std::atomic<int> from_timer{1};
    axv_timer_token_t token;
    ASSERT_EQ(axv_time_register_timer(0, try_shutdown_from_timer, &from_timer, &token), AXV_OK);
    for (int i = 0; i < 2000 && from_timer.load() == 1; i++)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_EQ(from_timer.load(), AXV_EPERM);
    EXPECT_EQ(axv_posix_shutdown(nullptr), AXV_OK);
}

TEST_F(Platform, StatusOpsBeforeStartAreRefused) {
    ASSERT_EQ(axv_platform_install(&axv_posix_platform), AXV_OK);
    axv_paddr_t frame;
    axv_timer_token_t token;
    size_t n;
    EXPECT_EQ(axv_memory_alloc_frame(&frame), AXV_EPERM);
    EXPECT_EQ(axv_time_register_timer(1, note_timer, nullptr, &token), AXV_EPERM);
    EXPECT_EQ(axv_vmm_vcpu_num(0, &n), AXV_EPERM);
    // Not a vCPU thread: a defined answer, not a crash.
    EXPECT_EQ(axv_vmm_current_vm_id(), AXV_POSIX_NO_VM);
    EXPECT_EQ(axv_vmm_current_vcpu_id(), AXV_POSIX_NO_VCPU);
}

using PlatformDeathTest = Platform;

TEST_F(PlatformDeathTest, ValueOpsBeforeStartAreFatalAndNamed) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    ASSERT_EQ(axv_platform_install(&axv_posix_platform), AXV_OK);
    // The platform's console is stdout; death tests read stderr.
    axv_set_fatal_handler(fatal_to_stderr);
    EXPECT_DEATH((void)axv_memory_phys_to_virt(0x80000000u), "phys_to_virt.*not started");
    EXPECT_DEATH((void)axv_time_current_ticks(), "current_ticks.*not started");
}

} // namespace
