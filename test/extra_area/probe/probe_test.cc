// Built only where the list of built-in areas ends with the test area "extra": what the
// list generates for it, checked from the outside.
#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/mock/fakes.h>
#include <axvisor_api/mock/gmock.h>

#include <cstddef>

namespace {

TEST(ExtraArea, IsTheLastMemberOfTheplatformStruct) {
    static_assert(offsetof(axv_platform, extra) + sizeof(axv_platform::extra) ==
                      sizeof(axv_platform),
                  "struct axv_platform lacks the extra area's member");
    EXPECT_EQ(axv_mock_platform.extra, &axv_fake_extra_ops);
}

TEST(ExtraArea, IsTrackedByTheRegistryFromTheStart) {
    ASSERT_EQ(axv_api_area_count(), static_cast<size_t>(axv_num_builtin_areas));
    EXPECT_EQ(axv_api_area(axv_builtin_area_extra), &axv_extra_area);
    EXPECT_STREQ(axv_extra_area.name, "extra");
    EXPECT_EQ(axv_extra_area.num_ops, 3u);
}

TEST(ExtraArea, FakesRecordCallsThroughTheMockPlatform) {
    axv_mock_reset_all();
    ASSERT_EQ(axv_mock_install(), AXV_OK);
    axv_fake_extra_poke.return_value = AXV_EBUSY;
    EXPECT_EQ(axv_extra_poke(0x1234), AXV_EBUSY);
    EXPECT_EQ(axv_fake_extra_poke.call_count, 1u);
    EXPECT_EQ(axv_fake_extra_poke.last.value, 0x1234u);
    axv_extra_ring(2, 3);
    EXPECT_EQ(axv_fake_extra_ring.last.times, 3u);
    EXPECT_EQ(axv_extra_reset(), AXV_OK);
}

TEST(ExtraArea, HasAGmockClass) {
    ::testing::StrictMock<axv::mock::extra> mock;
    axv::mock::scoped_install guard(mock);
    ASSERT_TRUE(guard.installed());
    EXPECT_CALL(mock, peek()).WillOnce(::testing::Return(77u));
    EXPECT_EQ(axv_extra_peek(), 77u);
}

} // namespace
