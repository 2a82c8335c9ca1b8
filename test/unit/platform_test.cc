// Installing a whole platform: all or nothing, NULL areas untouched, the refused area named.
#include "test_support.h"

namespace {

class Platform : public RegistryTest {};

size_t two_cpus() {
    return 2;
}
size_t four_cpus() {
    return 4;
}
axv_ticks_t ticks() {
    return 99;
}
int frame(axv_paddr_t *f) {
    *f = 0x2000;
    return AXV_OK;
}

TEST_F(Platform, NullPlatformIsEinval) {
    const char *failed = "untouched";
    EXPECT_EQ(axv_platform_validate(nullptr, &failed), AXV_EINVAL);
    EXPECT_EQ(failed, nullptr);
    EXPECT_EQ(axv_platform_install(nullptr), AXV_EINVAL);
}

TEST_F(Platform, InstallsEveryGivenTable) {
    auto memory = empty_table<axv_memory_ops>();
    memory.alloc_frame = frame;
    auto time = empty_table<axv_time_ops>();
    time.current_ticks = ticks;
    auto host = empty_table<axv_host_ops>();
    host.cpu_num = two_cpus;
    axv_platform p{};
    p.name = "test";
    p.memory = &memory;
    p.time = &time;
    p.host = &host;
    const char *failed = "untouched";
    EXPECT_EQ(axv_platform_validate(&p, &failed), AXV_OK);
    EXPECT_EQ(failed, nullptr);
    ASSERT_EQ(axv_platform_install(&p), AXV_OK);
    axv_paddr_t f = 0;
    EXPECT_EQ(axv_memory_alloc_frame(&f), AXV_OK);
    EXPECT_EQ(f, 0x2000u);
    EXPECT_EQ(axv_time_current_ticks(), 99u);
    EXPECT_EQ(axv_host_cpu_num(), 2u);
}

TEST_F(Platform, NullTablesLeaveTheirAreasAsTheyWere) {
    auto host = empty_table<axv_host_ops>();
    host.cpu_num = four_cpus;
    ASSERT_EQ(axv_host_register(&host), AXV_OK);
    auto time = empty_table<axv_time_ops>();
    time.current_ticks = ticks;
    axv_platform p{};
    p.name = "time only";
    p.time = &time;
    ASSERT_EQ(axv_platform_install(&p), AXV_OK);
    EXPECT_EQ(axv_host_cpu_num(), 4u);
    EXPECT_EQ(axv_time_current_ticks(), 99u);
}

TEST_F(Platform, OneRefusedTableInstallsNothingAndIsNamed) {
    auto old_host = empty_table<axv_host_ops>();
    old_host.cpu_num = four_cpus;
    ASSERT_EQ(axv_host_register(&old_host), AXV_OK);

    auto host = empty_table<axv_host_ops>();
    host.cpu_num = two_cpus;
    auto memory = empty_table<axv_memory_ops>();
    memory.alloc_frame = frame;
    auto vmm = empty_table<axv_vmm_ops>();
    vmm.hdr.abi_major = AXV_ABI_MAJOR + 1;
    auto console = empty_table<axv_console_ops>();
    console.hdr.size = 0;
    axv_platform p{};
    p.name = "half broken";
    p.memory = &memory;
    p.vmm = &vmm;
    p.host = &host;
    p.console = &console;

    const char *failed = nullptr;
    EXPECT_EQ(axv_platform_validate(&p, &failed), AXV_EVERSION);
    EXPECT_STREQ(failed, "vmm"); // the first refused area, in platform order
    EXPECT_EQ(axv_platform_install(&p), AXV_EVERSION);

    // Nothing changed: not memory (before vmm in order), not host (after it).
    EXPECT_FALSE(axv_memory_implements(axv_memory_op_alloc_frame));
    EXPECT_EQ(axv_host_cpu_num(), 4u);

    vmm.hdr.abi_major = AXV_ABI_MAJOR;
    EXPECT_EQ(axv_platform_validate(&p, &failed), AXV_EVERSION);
    EXPECT_STREQ(failed, "console");
    console.hdr.size = sizeof(console);
    EXPECT_EQ(axv_platform_validate(&p, &failed), AXV_OK);
    EXPECT_EQ(failed, nullptr);
}

} // namespace
