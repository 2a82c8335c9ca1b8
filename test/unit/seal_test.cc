// Sealing ends registration for good and makes the registry read-only. Each test seals in
// a child process (EXPECT_EXIT), so the parent's registry stays open for the other tests.
#include "test_support.h"
#include "support/child_expect.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

namespace {

class SealDeathTest : public RegistryTest {
  protected:
    void SetUp() override {
        RegistryTest::SetUp();
        GTEST_FLAG_SET(death_test_style, "threadsafe");
    }
};

size_t three_cpus() {
    return 3;
}
size_t five_cpus() {
    return 5;
}
int route(axv_irq_t, uint64_t) {
    return AXV_OK;
}

// Runs inside the child before its stray write: the fault must take the default action (the
// process dies by SIGSEGV). Sanitizer runtimes catch SIGSEGV to report it and exit instead;
// their handler is not what the test is about, so the child restores the default.
void fault_by_default() {
    std::signal(SIGSEGV, SIG_DFL);
}

TEST_F(SealDeathTest, EveryRegistrationPathIsRefusedAfterSealing) {
    EXPECT_EXIT(
        {
            auto host = empty_table<axv_host_ops>();
            host.cpu_num = three_cpus;
            CHILD_EXPECT(axv_host_register(&host) == AXV_OK);
            CHILD_EXPECT(!axv_api_is_sealed());
            CHILD_EXPECT(axv_api_seal() == AXV_OK); // hosted: the POSIX port can protect
            CHILD_EXPECT(axv_api_is_sealed());
            CHILD_EXPECT(axv_api_seal() == AXV_OK); // idempotent

            auto other = empty_table<axv_host_ops>();
            other.cpu_num = five_cpus;
            CHILD_EXPECT(axv_host_register(&other) == AXV_EPERM);
            CHILD_EXPECT(axv_host_validate(&other) == AXV_EPERM);
            CHILD_EXPECT(axv_host_register(nullptr) == AXV_EPERM);
            CHILD_EXPECT(axv_host_reset() == AXV_EPERM);
            CHILD_EXPECT(axv_memory_reset() == AXV_EPERM);
            auto memory = empty_table<axv_memory_ops>();
            CHILD_EXPECT(axv_memory_register(&memory) == AXV_EPERM);
            axv_platform p{};
            p.host = &other;
            const char *failed = "x";
            CHILD_EXPECT(axv_platform_validate(&p, &failed) == AXV_EPERM);
            CHILD_EXPECT(axv_platform_install(&p) == AXV_EPERM);
            CHILD_EXPECT(axv_platform_install(nullptr) == AXV_EPERM);
            auto vgic = empty_table<axv_vgic_ops>();
            CHILD_EXPECT(axv_vgic_register(&vgic) == AXV_EPERM);

            // The table registered before sealing is still the one in effect, and reads work.
            CHILD_EXPECT(axv_host_cpu_num() == 3);
            CHILD_EXPECT(axv_host_implements(axv_host_op_cpu_num));
            axv_host_ops current;
            CHILD_EXPECT(axv_host_get(&current) == AXV_OK);
            CHILD_EXPECT(current.cpu_num == &three_cpus);
            std::exit(0);
        },
        ::testing::ExitedWithCode(0), "");
}

TEST_F(SealDeathTest, SecondariesStartedBeforeRegistrationSeeTheTablesOnceSealed) {
    // The SMP boot order: the other "CPUs" run before any table is registered and call no
    // accessor until the seal publishes the registry; then each sees the registered table
    // (the default of cpu_num would be fatal). Under TSan this also checks the ordering.
    EXPECT_EXIT(
        {
            constexpr int kSecondaries = 4;
            std::atomic<int> saw_table{0};
            std::vector<std::thread> secondaries;
            for (int i = 0; i < kSecondaries; i++)
                secondaries.emplace_back([&saw_table, i] {
                    if (i % 2 == 0) {
                        axv_api_wait_sealed();
                    } else {
                        while (!axv_api_is_sealed()) {
                        }
                    }
                    if (axv_host_implements(axv_host_op_cpu_num) && axv_host_cpu_num() == 3)
                        saw_table.fetch_add(1);
                });
            auto host = empty_table<axv_host_ops>();
            host.cpu_num = three_cpus;
            CHILD_EXPECT(axv_host_register(&host) == AXV_OK);
            CHILD_EXPECT(axv_api_seal() == AXV_OK);
            for (std::thread &t : secondaries)
                t.join();
            CHILD_EXPECT(saw_table.load() == kSecondaries);
            std::exit(0);
        },
        ::testing::ExitedWithCode(0), "");
}

TEST_F(SealDeathTest, AStrayWriteToASealedBuiltInSlotFaults) {
    EXPECT_EXIT(
        {
            CHILD_EXPECT(axv_api_seal() == AXV_OK);
            std::fputs("sealed\n", stderr);
            fault_by_default();
            axv_priv_host_slot.ops.cpu_num = five_cpus; // must fault
            std::fputs("write went through\n", stderr);
            std::exit(0);
        },
        ::testing::KilledBySignal(SIGSEGV), "sealed\n$");
}

TEST_F(SealDeathTest, AStrayWriteToASealedStateFaults) {
    EXPECT_EXIT(
        {
            CHILD_EXPECT(axv_api_seal() == AXV_OK);
            fault_by_default();
            axv_memory_area.state->implemented = ~0ull; // capability bits are sealed too
            std::exit(0);
        },
        ::testing::KilledBySignal(SIGSEGV), "");
}

TEST_F(SealDeathTest, AComponentAreaRegisteredBeforeSealingIsProtected) {
    EXPECT_EXIT(
        {
            auto vgic = empty_table<axv_vgic_ops>();
            vgic.route_spi = route;
            CHILD_EXPECT(axv_vgic_register(&vgic) == AXV_OK);
            CHILD_EXPECT(axv_api_seal() == AXV_OK);
            CHILD_EXPECT(axv_vgic_route_spi(40, 1) == AXV_OK);
            fault_by_default();
            axv_priv_vgic_slot.ops.route_spi = nullptr; // must fault
            std::exit(0);
        },
        ::testing::KilledBySignal(SIGSEGV), "");
}

TEST_F(SealDeathTest, TheRegistryIsWritableBeforeSealing) {
    // The control for the tests above: the same write, unsealed, goes through.
    EXPECT_EXIT(
        {
            axv_priv_host_slot.ops.cpu_num = five_cpus;
            CHILD_EXPECT(axv_host_cpu_num() == 5);
            std::exit(0);
        },
        ::testing::ExitedWithCode(0), "");
}

} // namespace
