// A component-defined area ("vgic", test/custom_area) gets the same machinery as the
// built-in ones: accessors, defaults of every kind, fallback, registration, tracking.
#include "test_support.h"

#include <string>
#include <vector>

namespace {

class CustomArea : public RegistryTest {};

std::vector<std::pair<axv_irq_t, uint64_t>> routed;

int record_route(axv_irq_t spi, uint64_t mask) {
    routed.emplace_back(spi, mask);
    return spi == 99 ? AXV_EINVAL : AXV_OK;
}

TEST_F(CustomArea, DefaultsFollowEachOpKind) {
    EXPECT_EQ(axv_vgic_route_spi(32, 1), AXV_ENOSYS); // STATUS
    EXPECT_EQ(axv_vgic_eight_args(1, 2, 3, 4, 5, 6, 7, 8), AXV_ENOSYS);
    const char *message = axv_test_capture_fatal([] { (void)axv_vgic_spi_count(); }); // VALUE
    ASSERT_NE(message, nullptr);
    EXPECT_STREQ(message, "vgic.spi_count is not implemented");
    message = axv_test_capture_fatal([] { axv_vgic_ctlr_written(1); }); // VOID
    ASSERT_NE(message, nullptr);
    EXPECT_STREQ(message, "vgic.ctlr_written is not implemented");
    const axv_irq_t spis[] = {40, 41};
    EXPECT_EQ(axv_vgic_raise_spis(spis, 2), AXV_ENOSYS); // FALLBACK over a missing op
}

TEST_F(CustomArea, RegisteredOpsAndTheFallbackWork) {
    static uint32_t ctlr;
    static int64_t sum;
    auto ops = empty_table<axv_vgic_ops>();
    ops.route_spi = record_route;
    ops.spi_count = []() -> uint32_t { return 988; };
    ops.ctlr_written = [](uint32_t value) { ctlr = value; };
    ops.eight_args = [](uint8_t a, uint16_t b, uint32_t c, uint64_t d, int8_t e, int16_t f,
                        int32_t g, int64_t h) {
        // Weights make any swapped pair of arguments change the sum.
        sum = a * 1 + b * 10 + c * 100 + static_cast<int64_t>(d) * 1000 + e * 10000 + f * 100000 +
              g * 1000000 + h * 10000000;
        return AXV_OK;
    };
    ASSERT_EQ(axv_vgic_register(&ops), AXV_OK);

    EXPECT_EQ(axv_vgic_spi_count(), 988u);
    axv_vgic_ctlr_written(0x13);
    EXPECT_EQ(ctlr, 0x13u);
    EXPECT_EQ(axv_vgic_eight_args(1, 2, 3, 4, 5, 6, 7, 8), AXV_OK);
    EXPECT_EQ(sum, 87654321);

    routed.clear();
    const axv_irq_t spis[] = {40, 99, 41};
    EXPECT_EQ(axv_vgic_raise_spis(spis, 3), AXV_EINVAL); // the fallback stops at 99
    EXPECT_EQ(routed, (std::vector<std::pair<axv_irq_t, uint64_t>>{{40, 1}, {99, 1}}));

    EXPECT_TRUE(axv_vgic_implements(axv_vgic_op_route_spi));
    EXPECT_TRUE(axv_vgic_implements(axv_vgic_op_eight_args));
    EXPECT_FALSE(axv_vgic_implements(axv_vgic_op_raise_spis));
}

TEST_F(CustomArea, IsTrackedByTheRegistryOnceUsed) {
    ASSERT_EQ(axv_vgic_reset(), AXV_OK); // the fixture did this already; once is enough
    bool found = false;
    for (size_t i = 0; i < axv_api_area_count(); i++)
        found = found || axv_api_area(i) == &axv_vgic_area;
    EXPECT_TRUE(found);
    EXPECT_STREQ(axv_vgic_area.name, "vgic");
    EXPECT_EQ(axv_vgic_area.num_ops, 5u);
    EXPECT_STREQ(axv_vgic_area.op_names[axv_vgic_op_raise_spis], "raise_spis");
}

} // namespace
