// The generated mocks: a component-defined area ("vgic", test/custom_area) gets the same
// gMock class as the built-in ones, for every op kind, `(void)` ops and eight parameters;
// and every op of every area is reached through its trampoline.
#include "mock_test_support.h"

#include <vector>

namespace {

using ::testing::ElementsAre;
using ::testing::Return;
using ::testing::StrictMock;

class ComponentAreaMock : public MockRegistryTest {};

TEST_F(ComponentAreaMock, EveryOpKindReachesTheMockThroughTheAccessors) {
    {
        StrictMock<axv::mock::vgic> vgic;
        axv::mock::scoped_install guard(vgic);
        EXPECT_CALL(vgic, route_spi(40u, 0x6u)).WillOnce(Return(AXV_EBUSY)); // STATUS
        EXPECT_CALL(vgic, spi_count()).WillOnce(Return(988u));               // VALUE, (void)
        EXPECT_CALL(vgic, ctlr_written(0x13u));                              // VOID
        const axv_irq_t spis[] = {41, 42};
        EXPECT_CALL(vgic, raise_spis(spis, 2u)).WillOnce(Return(AXV_OK)); // FALLBACK: mocked
        // Eight parameters of eight types; distinct values catch a swapped pair.
        EXPECT_CALL(vgic, eight_args(1, 2, 3, 4, -5, -6, -7, -8)).WillOnce(Return(AXV_ENOENT));

        EXPECT_EQ(axv_vgic_route_spi(40, 0x6), AXV_EBUSY);
        EXPECT_EQ(axv_vgic_spi_count(), 988u);
        axv_vgic_ctlr_written(0x13);
        EXPECT_EQ(axv_vgic_raise_spis(spis, 2), AXV_OK);
        EXPECT_EQ(axv_vgic_eight_args(1, 2, 3, 4, -5, -6, -7, -8), AXV_ENOENT);
    }
    EXPECT_EQ(axv_vgic_route_spi(40, 0x6), AXV_ENOSYS); // the defaults are back
    EXPECT_FALSE(axv_vgic_implements(axv_vgic_op_route_spi));
}

TEST_F(ComponentAreaMock, ArgumentsKeepTheirTypesAndValues) {
    StrictMock<axv::mock::vgic> vgic;
    axv::mock::scoped_install guard(vgic);
    std::vector<int64_t> seen;
    EXPECT_CALL(vgic, eight_args)
        .WillOnce([&seen](uint8_t a, uint16_t b, uint32_t c, uint64_t d, int8_t e, int16_t f,
                          int32_t g, int64_t h) {
            seen = {a, b, c, static_cast<int64_t>(d), e, f, g, h};
            return AXV_OK;
        });
    EXPECT_EQ(axv_vgic_eight_args(0xff, 0xffff, 0xffffffffu, 1ull << 40, INT8_MIN, INT16_MIN,
                                  INT32_MIN, INT64_MIN),
              AXV_OK);
    EXPECT_THAT(seen, ElementsAre(0xff, 0xffff, 0xffffffffll, 1ll << 40, INT8_MIN, INT16_MIN,
                                  INT32_MIN, INT64_MIN));
}

// Every op of Area, installed through a guard, reaches a trampoline (not a default).
template <typename Area> void expect_every_op_implemented_while_mocked() {
    const axv_area_desc &area = axv::mock::area_traits<Area>::desc();
    ASSERT_GT(area.num_ops, 0u);
    Area mock;
    axv::mock::scoped_install guard(mock);
    for (unsigned op = 0; op < area.num_ops; op++)
        EXPECT_TRUE(axv_area_op_implemented(area.state, op, static_cast<unsigned>(area.num_ops)))
            << area.name << "." << area.op_names[op];
}

TEST_F(ComponentAreaMock, EveryOpOfEveryAreaIsImplementedWhileAMockIsInstalled) {
    // Every built-in area, from the library's list, and the component-defined one.
#define AXV_EACH_AREA(area) expect_every_op_implemented_while_mocked<axv::mock::area>();
#include <axvisor_api/each_area.h>
    expect_every_op_implemented_while_mocked<axv::mock::vgic>();
}

} // namespace
