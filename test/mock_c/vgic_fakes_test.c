/* Fakes generated for a component-defined area ("vgic", test/custom_area): the generic
 * checks of every op, the accessors reaching the registered fakes, and by hand its VOID
 * op, its 8-argument op and its FALLBACK op. */
#include <stdint.h>

#include "check.h"
#include "vgic_fakes.h"

#define AXV_AREA_OPS <demo_vgic/ops.h>
#include "fake_checks.h"

static void register_fakes(void) {
    EXPECT(axv_vgic_register(&axv_fake_vgic_ops) == AXV_OK);
}

static uint32_t ctlr_seen;
static void remember_ctlr(uint32_t value) {
    ctlr_seen = value;
}

static void void_op(void) {
    axv_fake_vgic_reset();
    axv_vgic_ctlr_written(0x13);
    EXPECT(axv_fake_vgic_ctlr_written.call_count == 1);
    EXPECT(axv_fake_vgic_ctlr_written.last.value == 0x13);
    axv_fake_vgic_ctlr_written.custom = remember_ctlr;
    axv_vgic_ctlr_written(0x2);
    EXPECT(ctlr_seen == 0x2);
    EXPECT(axv_fake_vgic_ctlr_written.call_count == 2);
    EXPECT(axv_fake_vgic_ctlr_written.history[0].value == 0x13);
    EXPECT(axv_fake_vgic_ctlr_written.history[1].value == 0x2);
    axv_fake_vgic_reset();
}

/* Extreme values of every width and sign, each in its own member. */
static void eight_argument_op(void) {
    static const int results[] = {AXV_EBUSY, AXV_OK};
    axv_fake_vgic_reset();
    axv_fake_vgic_eight_args.return_seq = results;
    axv_fake_vgic_eight_args.return_seq_len = 2;
    EXPECT(axv_vgic_eight_args(UINT8_MAX, 0x1234, 0x89abcdefu, UINT64_MAX - 1, INT8_MIN, -2,
                               INT32_MIN + 3, INT64_MIN) == AXV_EBUSY);
    EXPECT(axv_vgic_eight_args(1, 2, 3, 4, 5, 6, 7, 8) == AXV_OK);
    EXPECT(axv_fake_vgic_eight_args.history[0].a == UINT8_MAX);
    EXPECT(axv_fake_vgic_eight_args.history[0].b == 0x1234);
    EXPECT(axv_fake_vgic_eight_args.history[0].c == 0x89abcdefu);
    EXPECT(axv_fake_vgic_eight_args.history[0].d == UINT64_MAX - 1);
    EXPECT(axv_fake_vgic_eight_args.history[0].e == INT8_MIN);
    EXPECT(axv_fake_vgic_eight_args.history[0].f == -2);
    EXPECT(axv_fake_vgic_eight_args.history[0].g == INT32_MIN + 3);
    EXPECT(axv_fake_vgic_eight_args.history[0].h == INT64_MIN);
    EXPECT(axv_fake_vgic_eight_args.last.a == 1);
    EXPECT(axv_fake_vgic_eight_args.last.h == 8);
    axv_fake_vgic_reset();
}

/* The area's own fallback as custom: it routes each SPI through the route_spi fake. */
static void fallback_op(void) {
    static const axv_irq_t spis[] = {40, 41, 42};
    axv_fake_vgic_reset();
    axv_fake_vgic_raise_spis.custom = axv_vgic_fallback_raise_spis;
    EXPECT(axv_vgic_raise_spis(spis, 3) == AXV_OK);
    EXPECT(axv_fake_vgic_raise_spis.last.spis == spis);
    EXPECT(axv_fake_vgic_raise_spis.last.count == 3);
    EXPECT(axv_fake_vgic_route_spi.call_count == 3);
    EXPECT(axv_fake_vgic_route_spi.history[2].spi == 42);
    EXPECT(axv_fake_vgic_route_spi.history[2].target_mask == 1);
    axv_fake_vgic_reset();
}

int main(void) {
    run_vgic_fake_checks();
    check_run("axv_vgic_register(&axv_fake_vgic_ops) returns AXV_OK", register_fakes);
    run_vgic_accessor_checks();
    check_run("vgic.ctlr_written (VOID): records and forwards to custom", void_op);
    check_run("vgic.eight_args: all 8 arguments recorded, sequence of results", eight_argument_op);
    check_run("vgic.raise_spis (FALLBACK): custom = the fallback, through route_spi's fake",
              fallback_op);
    return check_summary("vgic_fakes_test");
}
