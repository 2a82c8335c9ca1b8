// Shared by the tests of the POSIX platform's vmm and gic parts: a typed fixture that brings
// the VM model up either as those parts alone or as the whole platform, guests written as
// C++ callables, and small helpers.
#ifndef AXV_TEST_POSIX_VMM_SUPPORT_H
#define AXV_TEST_POSIX_VMM_SUPPORT_H

#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/posix.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <thread>

#include "config_support.h"
#include "support/threads.h"
#include "support/timing.h"
#include "support/wait.h"
extern "C" {
#include "posix_internal.h"
#include "posix_parts.h"
}

namespace axv_test {

inline constexpr axv_nanos_t kMs = 1000000u;
inline constexpr axv_nanos_t kSecond = 1000u * kMs;

inline int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Two ways to bring the VM model up, so every test runs both ways: the vmm and gic parts
// alone, through their start/stop functions and tables (no RAM, no timer thread), and the
// whole platform, through axv_posix_init(), axv_platform_install() and axv_posix_shutdown().
struct ViaParts {
    static int start(const axv_posix_resolved &config) {
        int rc = axv_posix_vmm_start(&config);
        if (rc == AXV_OK)
            rc = axv_vmm_register(&axv_posix_vmm_ops);
        if (rc == AXV_OK)
            rc = axv_gic_register(&axv_posix_gic_ops);
        return rc;
    }
    static size_t stop() {
        return axv_posix_vmm_stop();
    }
};

struct ViaPlatform {
    static int start(const axv_posix_resolved &config) {
        axv_posix_config c{};
        c.ram_bytes = 1u << 20; // the least: these tests need no RAM, only a quick start
        c.gicd_base = config.gicd_base;
        c.gicr_base = config.gicr_base;
        c.spi_count = config.spi_count;
        c.vtimer_irq = config.vtimer_irq;
        c.riscv_plic = config.riscv_plic;
        c.riscv_guest_files = config.riscv_guest_files;
        c.riscv_vcpus = config.riscv_vcpus;
        int rc = axv_posix_init(&c);
        return rc == AXV_OK ? axv_platform_install(&axv_posix_platform) : rc;
    }
    static size_t stop() {
        axv_posix_shutdown_report report{};
        EXPECT_EQ(axv_posix_shutdown(&report), AXV_OK);
        return report.vms_destroyed;
    }
};

// The typed tests' instances show as Suite.Test<axv_test::ViaParts> (and ViaPlatform) in ctest.
using BothWays = ::testing::Types<ViaParts, ViaPlatform>;

// Brings the model up with a configuration (the default one unless a test restarts with its
// own) and takes it down after the test, so no VM outlives it. threads_before_start() is the
// process's thread count before anything was started.
template <typename Via> class VmmTest : public ::testing::Test {
  protected:
    void SetUp() override {
        // Sanitizer runtimes start a helper thread at the first thread creation: get it
        // started before counting, so that it is not mistaken for one left behind.
        static const bool warmed = (std::thread([] {}).join(), true);
        (void)warmed;
        threads_before_start_ = thread_count();
        start(default_config());
    }
    void TearDown() override {
        axv_posix_set_delivery_observer(nullptr, nullptr);
        if (started_)
            (void)stop();
        for (int rc : {axv_memory_reset(), axv_time_reset(), axv_vmm_reset(), axv_host_reset(),
                       axv_gic_reset(), axv_console_reset()})
            EXPECT_EQ(rc, AXV_OK);
    }
    void start(const axv_posix_resolved &config) {
        ASSERT_EQ(Via::start(config), AXV_OK);
        started_ = true;
    }
    // Takes the model down, answering how many VMs were destroyed.
    size_t stop() {
        started_ = false;
        return Via::stop();
    }
    void restart(const axv_posix_resolved &config) {
        (void)stop();
        start(config);
    }
    size_t threads_before_start() const {
        return threads_before_start_;
    }

  private:
    bool started_ = false;
    size_t threads_before_start_ = 0;
};

// Destroys every VM when it goes out of scope. Declare one after the locals a test's guests
// use: if the test returns early (a failed ASSERT), the guests end before those locals do.
struct VmReaper {
    VmReaper() = default;
    VmReaper(const VmReaper &) = delete;
    VmReaper &operator=(const VmReaper &) = delete;
    ~VmReaper() {
        for (axv_vm_id_t id = 0; id < AXV_POSIX_MAX_VMS; id++)
            (void)axv_posix_vm_destroy(id);
    }
};

// A guest whose body is a C++ callable: pass a GuestBody * as the guest's argument. The
// body learns which vCPU it is from axv_vmm_current_vcpu_id().
using GuestBody = std::function<void()>;
inline void run_body(void *arg) {
    (*static_cast<GuestBody *>(arg))();
}

// A guest that leaves pending interrupts alone (for take_pending to find) until stopped.
inline void park_until_stopped(void *) {
    while (!axv_posix_guest_should_stop())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

// A guest that halts (a long time: only a wake-up ends it) and acknowledges what arrives,
// until stopped.
inline void halt_until_stopped(void *) {
    while (axv_posix_guest_halt(60 * kSecond) != AXV_EPERM)
        while (axv_posix_guest_ack() != AXV_POSIX_SPURIOUS_IRQ) {
        }
}

} // namespace axv_test

#endif // AXV_TEST_POSIX_VMM_SUPPORT_H
