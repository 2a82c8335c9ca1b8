// What an op does when no table implements it: int ops answer AXV_ENOSYS, value ops are
// fatal with a message naming area and op, FALLBACK ops run their documented fallback.
#include "test_support.h"

#include <unistd.h>

#include <cstring>

#include <vector>

namespace {

class Defaults : public RegistryTest {};

// Each op's default is generated_ops_test.cc's job; here: the fallback underneath a missing
// op, the helpers, and the fatal path itself.
TEST_F(Defaults, TheFallbackReportsTheMissingOpUnderneathIt) {
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(0, 0x3, 32), AXV_ENOSYS);
}

struct FatalCase {
    const char *expected;
    void (*call)(void);
};

TEST_F(Defaults, HelpersAreFatalThroughTheFirstMissingOp) {
    const std::vector<FatalCase> cases = {
        // Helpers are fatal through the first missing op they use.
        {"time.current_ticks is not implemented", [] { (void)axv_time_current_nanos(); }},
        {"vmm.current_vm_id is not implemented",
         [] {
             size_t n;
             (void)axv_vmm_current_vm_vcpu_num(&n);
         }},
    };
    for (const FatalCase &c : cases) {
        const char *message = axv_test_capture_fatal(c.call);
        ASSERT_NE(message, nullptr) << "no fatal error; expected: " << c.expected;
        EXPECT_STREQ(message, c.expected);
    }
}

TEST_F(Defaults, NothingIsImplementedByDefault) {
    for (size_t i = 0; i < axv_api_area_count(); i++) {
        const axv_area_desc *area = axv_api_area(i);
        EXPECT_EQ(area->state->implemented, 0u) << area->name;
    }
    EXPECT_FALSE(axv_memory_implements(axv_memory_op_alloc_frame));
    EXPECT_FALSE(axv_vmm_implements(axv_vmm_op_inject_interrupt_to_vcpus));
    EXPECT_FALSE(axv_host_implements(axv_host_op_cpu_num));
    // Out-of-range ids are simply not implemented.
    EXPECT_FALSE(axv_host_implements(axv_host_num_ops));
    EXPECT_FALSE(axv_test_host_implements_id(200));
}

// The fallback of inject_interrupt_to_vcpus: one inject_interrupt per set bit, lowest first,
// carrying on after failures and returning the first error.
std::vector<axv_vcpu_id_t> injected;

int inject_failing_on_2_and_5(axv_vm_id_t vm, axv_vcpu_id_t vcpu, axv_irq_t irq) {
    EXPECT_EQ(vm, 7u);
    EXPECT_EQ(irq, 45u);
    injected.push_back(vcpu);
    if (vcpu == 2)
        return AXV_EBUSY;
    if (vcpu == 5)
        return AXV_ENOENT;
    return AXV_OK;
}

TEST_F(Defaults, InjectToVcpusFallbackVisitsEverySetBitAndReportsFirstError) {
    auto ops = empty_table<axv_vmm_ops>();
    ops.inject_interrupt = inject_failing_on_2_and_5;
    ASSERT_EQ(axv_vmm_register(&ops), AXV_OK);
    EXPECT_FALSE(axv_vmm_implements(axv_vmm_op_inject_interrupt_to_vcpus));

    injected.clear();
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(7, 0x8000000000000035u, 45), AXV_EBUSY);
    EXPECT_EQ(injected, (std::vector<axv_vcpu_id_t>{0, 2, 4, 5, 63}));

    injected.clear();
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(7, 0x3u, 45), AXV_OK);
    EXPECT_EQ(injected, (std::vector<axv_vcpu_id_t>{0, 1}));

    injected.clear();
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(7, 0, 45), AXV_OK);
    EXPECT_TRUE(injected.empty());
}

// The fatal path itself. These run in a child process (death tests) because the end of
// every fatal path is a trap.
using DefaultsDeathTest = Defaults;

size_t console_to_stderr(const void *buf, size_t len) {
    return static_cast<size_t>(write(2, buf, len));
}

TEST_F(DefaultsDeathTest, DefaultHandlerWritesToConsoleThenTraps) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    auto console = empty_table<axv_console_ops>();
    console.write_bytes = console_to_stderr;
    ASSERT_EQ(axv_console_register(&console), AXV_OK);
    EXPECT_DEATH((void)axv_host_cpu_num(), "^host\\.cpu_num is not implemented\n$");
}

TEST_F(DefaultsDeathTest, DefaultHandlerWithoutConsoleStillTraps) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_DEATH((void)axv_time_current_ticks(), "");
}

TEST_F(DefaultsDeathTest, AHandlerThatReturnsIsFollowedByATrap) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_DEATH(
        {
            axv_set_fatal_handler([](const char *message) {
                (void)!write(2, message, strlen(message));
                (void)!write(2, " (handler returned)", 19);
            });
            (void)axv_gic_read_vgicd_iidr();
        },
        "^gic\\.read_vgicd_iidr is not implemented \\(handler returned\\)$");
}

TEST_F(Defaults, FatalWithoutMessageStillNamesItself) {
    const char *message = axv_test_capture_fatal([] { axv_fatal(nullptr); });
    ASSERT_NE(message, nullptr);
    EXPECT_STREQ(message, "axv_fatal: no message");
}

TEST_F(DefaultsDeathTest, SettingNullHandlerRestoresTheDefault) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    auto console = empty_table<axv_console_ops>();
    console.write_bytes = console_to_stderr;
    ASSERT_EQ(axv_console_register(&console), AXV_OK);
    // A silent handler, then NULL: only the default handler prints the message.
    axv_set_fatal_handler([](const char *) {});
    axv_set_fatal_handler(nullptr);
    EXPECT_DEATH((void)axv_host_cpu_num(), "host\\.cpu_num is not implemented");
}

} // namespace
