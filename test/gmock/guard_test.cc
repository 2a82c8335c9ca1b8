// axv::mock::scoped_install: installs a mock for a scope and puts the previous table (and
// the enclosing guard's mock) back on every way out; refuses on a sealed registry.
#include "mock_test_support.h"
#include "support/child_expect.h"

#include <gtest/gtest-spi.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

namespace {

using ::testing::DoAll;
using ::testing::NotNull;
using ::testing::Return;
using ::testing::SetArgPointee;
using ::testing::StrictMock;

class Guard : public MockRegistryTest {};

// A plain table installed before the guards, so "restored" differs from "reset".
int fake_alloc_frame(axv_paddr_t *frame) {
    *frame = 0x1000;
    return AXV_OK;
}
size_t two_cpus() {
    return 2;
}

void register_fake_memory() {
    axv_memory_ops ops{};
    ops.hdr = AXV_OPS_HDR_INIT(axv_memory_ops);
    ops.alloc_frame = fake_alloc_frame;
    ASSERT_EQ(axv_memory_register(&ops), AXV_OK);
}
void register_fake_host() {
    axv_host_ops ops{};
    ops.hdr = AXV_OPS_HDR_INIT(axv_host_ops);
    ops.cpu_num = two_cpus;
    ASSERT_EQ(axv_host_register(&ops), AXV_OK);
}

axv_paddr_t allocated_frame() {
    axv_paddr_t frame = 0;
    EXPECT_EQ(axv_memory_alloc_frame(&frame), AXV_OK);
    return frame;
}

TEST_F(Guard, InstallsTheMockForItsScopeAndRestoresThePreviousTable) {
    register_fake_memory();
    const axv_memory_ops before = table_in_effect<axv::mock::memory>();
    {
        StrictMock<axv::mock::memory> mock;
        axv::mock::scoped_install guard(mock);
        ASSERT_TRUE(guard.installed());
        EXPECT_TRUE(
            same_table(table_in_effect<axv::mock::memory>(), axv::mock::memory::ops_table()));
        EXPECT_CALL(mock, alloc_frame(NotNull()))
            .WillOnce(DoAll(SetArgPointee<0>(0x2000), Return(AXV_OK)));
        EXPECT_EQ(allocated_frame(), 0x2000u);
        EXPECT_TRUE(axv_memory_implements(axv_memory_op_dealloc_frame)); // every op is mocked
    }
    EXPECT_TRUE(same_table(table_in_effect<axv::mock::memory>(), before));
    EXPECT_EQ(axv::mock::area_traits<axv::mock::memory>::current, nullptr);
    EXPECT_EQ(allocated_frame(), 0x1000u);
    EXPECT_TRUE(axv_memory_implements(axv_memory_op_alloc_frame));
    EXPECT_FALSE(axv_memory_implements(axv_memory_op_dealloc_frame)); // exact round trip
}

// Declares a guard and leaves through a failed ASSERT_. A function of its own because
// EXPECT_FATAL_FAILURE's statement may not use the test's locals.
void install_then_fail_an_assertion() {
    StrictMock<axv::mock::memory> mock;
    axv::mock::scoped_install guard(mock);
    EXPECT_CALL(mock, dealloc_frame(0x3000)).WillOnce(Return(AXV_EINVAL));
    ASSERT_EQ(axv_memory_dealloc_frame(0x3000), AXV_OK) << "deliberate failure";
    ADD_FAILURE() << "ASSERT_EQ did not leave the scope";
}

TEST_F(Guard, RestoresThePreviousTableAfterAFailedAssertion) {
    register_fake_memory();
    const axv_memory_ops before = table_in_effect<axv::mock::memory>();
    EXPECT_FATAL_FAILURE(install_then_fail_an_assertion(), "deliberate failure");
    EXPECT_TRUE(same_table(table_in_effect<axv::mock::memory>(), before));
    EXPECT_EQ(allocated_frame(), 0x1000u);
}

TEST_F(Guard, RestoresThePreviousTableWhenAnExceptionLeavesTheScope) {
    register_fake_memory();
    const axv_memory_ops before = table_in_effect<axv::mock::memory>();
    try {
        StrictMock<axv::mock::memory> mock;
        axv::mock::scoped_install guard(mock);
        throw std::runtime_error("leaving the scope");
    } catch (const std::runtime_error &) {
    }
    EXPECT_TRUE(same_table(table_in_effect<axv::mock::memory>(), before));
    EXPECT_EQ(allocated_frame(), 0x1000u);
}

TEST_F(Guard, NestedGuardsOfOneAreaReachTheInnermostMockThenTheOuterOneAgain) {
    register_fake_host();
    const axv_host_ops before = table_in_effect<axv::mock::host>();
    StrictMock<axv::mock::host> outer;
    EXPECT_CALL(outer, cpu_num()).Times(2).WillRepeatedly(Return(4));
    {
        axv::mock::scoped_install outer_guard(outer);
        EXPECT_EQ(axv_host_cpu_num(), 4u);
        {
            StrictMock<axv::mock::host> inner;
            EXPECT_CALL(inner, cpu_num()).WillOnce(Return(8));
            axv::mock::scoped_install inner_guard(inner);
            EXPECT_EQ(axv_host_cpu_num(), 8u);
        }
        EXPECT_EQ(axv::mock::area_traits<axv::mock::host>::current, &outer);
        EXPECT_EQ(axv_host_cpu_num(), 4u);
    }
    EXPECT_TRUE(same_table(table_in_effect<axv::mock::host>(), before));
    EXPECT_EQ(axv_host_cpu_num(), 2u);
}

TEST_F(Guard, NestedGuardsOfDifferentAreasRestoreEachArea) {
    register_fake_memory();
    register_fake_host();
    const axv_memory_ops memory_before = table_in_effect<axv::mock::memory>();
    const axv_host_ops host_before = table_in_effect<axv::mock::host>();
    {
        StrictMock<axv::mock::memory> memory;
        axv::mock::scoped_install memory_guard(memory);
        EXPECT_CALL(memory, alloc_frame(NotNull()))
            .Times(2)
            .WillRepeatedly(DoAll(SetArgPointee<0>(0x5000), Return(AXV_OK)));
        {
            StrictMock<axv::mock::host> host;
            axv::mock::scoped_install host_guard(host);
            EXPECT_CALL(host, cpu_num()).WillOnce(Return(16));
            EXPECT_EQ(axv_host_cpu_num(), 16u);
            EXPECT_EQ(allocated_frame(), 0x5000u);
        }
        EXPECT_TRUE(same_table(table_in_effect<axv::mock::host>(), host_before));
        EXPECT_EQ(axv_host_cpu_num(), 2u);
        EXPECT_EQ(allocated_frame(), 0x5000u);
    }
    EXPECT_TRUE(same_table(table_in_effect<axv::mock::memory>(), memory_before));
    EXPECT_EQ(allocated_frame(), 0x1000u);
}

TEST_F(Guard, GuardsDestroyedOutOfOrderAreReported) {
    StrictMock<axv::mock::host> first;
    StrictMock<axv::mock::host> second;
    std::optional<axv::mock::scoped_install<axv::mock::host>> first_guard;
    std::optional<axv::mock::scoped_install<axv::mock::host>> second_guard;
    first_guard.emplace(first);
    second_guard.emplace(second);
    EXPECT_NONFATAL_FAILURE(first_guard.reset(), "not destroyed in reverse order");
    EXPECT_NONFATAL_FAILURE(second_guard.reset(), "not destroyed in reverse order");
    // No mock is reachable any more, so a call fails the test instead of reaching one that
    // may be gone.
    EXPECT_EQ(axv::mock::area_traits<axv::mock::host>::current, nullptr);
    EXPECT_NONFATAL_FAILURE(axv_host_cpu_num(), "no mock of area \"host\" is installed");
}

TEST_F(Guard, ATrampolineTableRegisteredWithoutAGuardFailsTheTestInsteadOfCrashing) {
    ASSERT_EQ(axv_memory_register(&axv::mock::memory::ops_table()), AXV_OK);
    axv_paddr_t frame = 0;
    int rc = AXV_EINVAL;
    EXPECT_NONFATAL_FAILURE(rc = axv_memory_alloc_frame(&frame),
                            "memory.alloc_frame was called but no mock of area \"memory\"");
    EXPECT_EQ(rc, 0); // value-initialised, as gMock does for a call without an action
    EXPECT_NONFATAL_FAILURE(axv_memory_phys_to_virt(0x1000), "memory.phys_to_virt");
}

// Sealing cannot be undone, so these tests seal in a child process (EXPECT_EXIT).
class GuardDeathTest : public MockRegistryTest {
  protected:
    GuardDeathTest() {
        GTEST_FLAG_SET(death_test_style, "threadsafe");
    }
};

bool mentions(const ::testing::TestPartResult &failure, const char *text) {
    return std::string(failure.message()).find(text) != std::string::npos;
}

TEST_F(GuardDeathTest, AGuardRefusesASealedRegistryAndInstallsNothing) {
    EXPECT_EXIT(
        {
            register_fake_host();
            CHILD_EXPECT(axv_api_seal() == AXV_OK);
            const axv_host_ops before = table_in_effect<axv::mock::host>();
            ::testing::TestPartResultArray failures;
            {
                ::testing::ScopedFakeTestPartResultReporter reporter(
                    ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD,
                    &failures);
                StrictMock<axv::mock::host> mock; // a call reaching it would fail too
                axv::mock::scoped_install guard(mock);
                CHILD_EXPECT(!guard.installed());
                CHILD_EXPECT(axv::mock::area_traits<axv::mock::host>::current == nullptr);
                CHILD_EXPECT(axv_host_cpu_num() == 2); // the sealed table answers
            }
            CHILD_EXPECT(failures.size() == 1);
            CHILD_EXPECT(failures.GetTestPartResult(0).fatally_failed());
            CHILD_EXPECT(mentions(failures.GetTestPartResult(0), "area \"host\""));
            CHILD_EXPECT(mentions(failures.GetTestPartResult(0), "registry is sealed"));
            CHILD_EXPECT(same_table(table_in_effect<axv::mock::host>(), before));
            std::exit(0);
        },
        ::testing::ExitedWithCode(0), "");
}

TEST_F(GuardDeathTest, SealingWhileAGuardIsInScopeKeepsTheMockAndReportsTheFailedRestore) {
    EXPECT_EXIT(
        {
            {
                ::testing::TestPartResultArray failures;
                ::testing::ScopedFakeTestPartResultReporter reporter(
                    ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD,
                    &failures);
                StrictMock<axv::mock::host> outer;
                EXPECT_CALL(outer, cpu_num()).WillRepeatedly(Return(4));
                {
                    axv::mock::scoped_install outer_guard(outer);
                    CHILD_EXPECT(axv_api_seal() == AXV_OK);
                    {
                        StrictMock<axv::mock::host> inner;
                        axv::mock::scoped_install inner_guard(inner);
                        CHILD_EXPECT(!inner_guard.installed());
                        CHILD_EXPECT(axv_host_cpu_num() == 4); // still the outer mock
                    }
                    CHILD_EXPECT(failures.size() == 1);
                    CHILD_EXPECT(mentions(failures.GetTestPartResult(0), "registry is sealed"));
                }
                CHILD_EXPECT(failures.size() == 2);
                CHILD_EXPECT(mentions(failures.GetTestPartResult(1), "cannot restore the table"));
                CHILD_EXPECT(axv::mock::area_traits<axv::mock::host>::current == nullptr);
            }
            std::exit(0);
        },
        ::testing::ExitedWithCode(0), "");
}

} // namespace
