// Bad or edge inputs to the whole posix platform that its other suites do not cover
// (doc/robustness.md lists them all). Each test starts the platform, installs it, and shuts
// it down, in its own process.
#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/posix.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace {

class PosixRobustness : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(axv_posix_init(nullptr), AXV_OK);
        ASSERT_EQ(axv_platform_install(&axv_posix_platform), AXV_OK);
    }
    void TearDown() override {
        (void)axv_posix_shutdown(nullptr);
    }
};

void returns_at_once(void *) {}

void count_run(void *arg, axv_nanos_t) {
    static_cast<std::atomic<int> *>(arg)->fetch_add(1);
}

TEST_F(PosixRobustness, ConsoleTakesANullBufferOfZeroBytes) {
    EXPECT_EQ(axv_console_write_bytes(nullptr, 0), 0u);
    EXPECT_EQ(axv_console_read_bytes(nullptr, 0), 0u);
}

TEST_F(PosixRobustness, InjectionIntoAStoppedVmIsPendingNotAnError) {
    // The contract: the target vCPU "need not be running".
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(2, returns_at_once, nullptr, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_stop(vm), AXV_OK);
    EXPECT_EQ(axv_vmm_inject_interrupt(vm, 1, 40), AXV_OK);
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(vm, 0x3, 41), AXV_OK);
    EXPECT_EQ(axv_vmm_notify_vcpu_timer_expired(vm, 0), AXV_OK);
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 1, 40));
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 0, 41));
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 1, 41));
    EXPECT_TRUE(axv_posix_vcpu_take_pending(vm, 0, AXV_POSIX_DEFAULT_VTIMER_IRQ));
}

TEST_F(PosixRobustness, TheLatestPossibleDeadlineIsQueuedAndCancelsOnce) {
    std::atomic<int> runs{0};
    axv_timer_token_t token = 0;
    ASSERT_EQ(axv_time_register_timer(UINT64_MAX, count_run, &runs, &token), AXV_OK);
    EXPECT_NE(token, 0u);
    // Registered after it, an earlier timer still fires first: the far one does not block.
    std::atomic<int> soon{0};
    axv_timer_token_t soon_token;
    ASSERT_EQ(axv_time_register_timer(0, count_run, &soon, &soon_token), AXV_OK);
    for (int i = 0; i < 2000 && soon.load() == 0; i++)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_EQ(soon.load(), 1);
    EXPECT_EQ(axv_time_cancel_timer(token), AXV_OK);
    EXPECT_EQ(axv_time_cancel_timer(token), AXV_ENOENT);
    EXPECT_EQ(runs.load(), 0);
}

TEST_F(PosixRobustness, StatusOpsAfterShutdownAreEperm) {
    axv_paddr_t frame = 0;
    ASSERT_EQ(axv_memory_alloc_frame(&frame), AXV_OK);
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(1, returns_at_once, nullptr, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_shutdown(nullptr), AXV_OK);

    axv_paddr_t untouched = 0x1234;
    axv_timer_token_t token = 0;
    size_t n = 99;
    std::atomic<int> runs{0};
    EXPECT_EQ(axv_memory_alloc_frame(&untouched), AXV_EPERM);
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(0, 3, nullptr), AXV_EPERM);
    EXPECT_EQ(axv_memory_dealloc_frame(frame), AXV_EPERM);
    EXPECT_EQ(axv_time_register_timer(0, count_run, &runs, &token), AXV_EPERM);
    EXPECT_EQ(axv_time_cancel_timer(1), AXV_EPERM);
    EXPECT_EQ(axv_vmm_vcpu_num(vm, &n), AXV_EPERM);
    EXPECT_EQ(axv_vmm_inject_interrupt(vm, 0, 32), AXV_EPERM);
    EXPECT_EQ(axv_posix_vm_create(1, returns_at_once, nullptr, &vm), AXV_EPERM);
    EXPECT_EQ(untouched, 0x1234u);
    EXPECT_EQ(token, 0u);
    EXPECT_EQ(n, 99u);
    EXPECT_EQ(axv_posix_shutdown(nullptr), AXV_EPERM);
}

} // namespace
