// Bad inputs to the registry that no other suite covers (doc/robustness.md lists them all).
#include "test_support.h"
#include "support/child_expect.h"

#include <cstdio>
#include <cstdlib>

namespace {

// Stand-ins for component-defined areas: a descriptor, its state, and a valid header for a
// table with no ops, handed to the registry's generic checks the way generated code does.
struct FakeArea {
    axv_area_state state{};
    axv_area_desc desc{};
};

axv_ops_hdr header_only() {
    return axv_ops_hdr{AXV_OPS_MAGIC, AXV_ABI_MAJOR, AXV_ABI_MINOR,
                       static_cast<uint32_t>(sizeof(axv_ops_hdr)), 0u};
}

size_t three_cpus() {
    return 3;
}

// In a child process (filling the registry cannot be undone), and without the fixture,
// which would track vgic by resetting it.
TEST(RobustnessDeathTest, AFullAreaTableRefusesNewAreasWithEnomemAndKeepsTheTrackedOnes) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(
        {
            CHILD_EXPECT(!axv_api_is_sealed());
            CHILD_EXPECT(axv_api_area_count() < static_cast<size_t>(AXV_MAX_AREAS));
            static FakeArea fakes[AXV_MAX_AREAS + 1];
            const axv_ops_hdr hdr = header_only();
            for (size_t i = 0; axv_api_area_count() < AXV_MAX_AREAS; i++) {
                fakes[i].desc.name = "fake";
                fakes[i].desc.ops_size = sizeof(axv_ops_hdr);
                fakes[i].desc.state = &fakes[i].state;
                CHILD_EXPECT(axv_area_check(&fakes[i].desc, &hdr) == AXV_OK);
                axv_area_commit(&fakes[i].desc, 0);
            }

            // A component area seen for the first time cannot be tracked, so it cannot be
            // written: neither a fake one nor vgic.
            FakeArea &late = fakes[AXV_MAX_AREAS];
            late.desc.name = "late";
            late.desc.ops_size = sizeof(axv_ops_hdr);
            late.desc.state = &late.state;
            CHILD_EXPECT(axv_area_check(&late.desc, &hdr) == AXV_ENOMEM);
            CHILD_EXPECT(axv_area_check_writable(&late.desc) == AXV_ENOMEM);
            auto vgic = empty_table<axv_vgic_ops>();
            CHILD_EXPECT(axv_vgic_validate(&vgic) == AXV_ENOMEM);
            CHILD_EXPECT(axv_vgic_register(&vgic) == AXV_ENOMEM);
            CHILD_EXPECT(axv_vgic_reset() == AXV_ENOMEM);
            CHILD_EXPECT(axv_api_area_count() == static_cast<size_t>(AXV_MAX_AREAS));
            // Tracked areas are unaffected: built-in ones register as before.
            auto host = empty_table<axv_host_ops>();
            host.cpu_num = three_cpus;
            CHILD_EXPECT(axv_host_register(&host) == AXV_OK);
            CHILD_EXPECT(axv_host_cpu_num() == 3u);
            CHILD_EXPECT(axv_area_check(&fakes[0].desc, &hdr) == AXV_OK);
            std::exit(0);
        },
        ::testing::ExitedWithCode(0), "");
}

using RobustnessRegistry = RegistryTest;

TEST_F(RobustnessRegistry, OpIdsOutOfRangeAreNeverImplemented) {
    auto host = empty_table<axv_host_ops>();
    host.cpu_num = three_cpus;
    ASSERT_EQ(axv_host_register(&host), AXV_OK);
    EXPECT_TRUE(axv_host_implements(axv_host_op_cpu_num));
    EXPECT_FALSE(axv_host_implements(axv_host_num_ops));
    // implements() takes ids as size_t: a negative id is huge, and nothing lies past
    // num_ops, not even bits of the mask beyond it.
    axv_host_area.state->implemented = ~0ull; // as if stray bits were set
    const size_t n = axv_host_area.num_ops;
    EXPECT_TRUE(axv_area_op_implemented(axv_host_area.state, 0, n));
    EXPECT_FALSE(axv_area_op_implemented(axv_host_area.state, n, n));
    EXPECT_FALSE(axv_area_op_implemented(axv_host_area.state, 63, n));
    EXPECT_FALSE(axv_area_op_implemented(axv_host_area.state, SIZE_MAX, n));
}

} // namespace
