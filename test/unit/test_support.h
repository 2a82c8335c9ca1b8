// Shared fixture and helpers for the unit tests.
#ifndef AXV_TEST_SUPPORT_H
#define AXV_TEST_SUPPORT_H

#include <axvisor_api/axvisor_api.h>
#include <demo_vgic/vgic_api.h>
#include <gtest/gtest.h>

#include <string>

extern "C" {
// Runs fn with a fatal handler that records the message and longjmps back. Returns the
// message, or NULL when fn returned without a fatal error.
const char *axv_test_capture_fatal(void (*fn)(void));
// axv_host_implements() called from C with any id, even one no enumerator has.
bool axv_test_host_implements_id(int op);
}

// An ops table with a valid header and every op NULL.
template <typename Ops> Ops empty_table() {
    Ops ops{};
    ops.hdr = AXV_OPS_HDR_INIT(Ops);
    return ops;
}

// Every test starts and ends with default slots: the registry is global.
class RegistryTest : public ::testing::Test {
  protected:
    void SetUp() override {
        reset_all();
    }
    void TearDown() override {
        reset_all();
    }
    static void reset_all() {
        ASSERT_FALSE(axv_api_is_sealed()) << "a test sealed the registry in-process";
#define AXV_EACH_AREA(area) ASSERT_EQ(axv_##area##_reset(), AXV_OK);
#include <axvisor_api/each_area.h>
        ASSERT_EQ(axv_vgic_reset(), AXV_OK);
        axv_set_fatal_handler(nullptr);
    }
};

#endif // AXV_TEST_SUPPORT_H
