// Shared helpers for the gMock adapters' tests.
#ifndef AXV_TEST_MOCK_TEST_SUPPORT_H
#define AXV_TEST_MOCK_TEST_SUPPORT_H

#include "vgic_mock.h"

#include <cstring>
#include <type_traits>

// The table in effect for Area, as axv_<area>_get() copies it.
template <typename Area> typename axv::mock::area_traits<Area>::ops_type table_in_effect() {
    typename axv::mock::area_traits<Area>::ops_type ops{};
    EXPECT_EQ(axv::mock::area_traits<Area>::get(&ops), AXV_OK);
    return ops;
}

// Tables compare bytewise: a header and function pointers, no padding.
template <typename Ops> bool same_table(const Ops &a, const Ops &b) {
    static_assert(std::has_unique_object_representations_v<Ops>, "padding in an ops table");
    return std::memcmp(&a, &b, sizeof(Ops)) == 0;
}

// Every test starts and ends with default slots: the registry is global. The reset runs in
// the constructor and destructor, not SetUp/TearDown, so that a derived fixture's guards
// (members) are installed after it and restore before it.
class MockRegistryTest : public ::testing::Test {
  protected:
    MockRegistryTest() {
        reset_all();
    }
    ~MockRegistryTest() override {
        reset_all();
    }
    static void reset_all() {
        EXPECT_FALSE(axv_api_is_sealed()) << "a test sealed the registry in-process";
#define AXV_EACH_AREA(area) EXPECT_EQ(axv_##area##_reset(), AXV_OK);
#include <axvisor_api/each_area.h>
        EXPECT_EQ(axv_vgic_reset(), AXV_OK);
    }
};

#endif // AXV_TEST_MOCK_TEST_SUPPORT_H
