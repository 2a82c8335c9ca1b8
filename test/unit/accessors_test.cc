// The hand-written helpers compose the generated accessors as documented. (Every accessor
// forwarding its arguments and result is generated_ops_test.cc's job.)
#include "test_support.h"

namespace {

class Helpers : public RegistryTest {};

TEST_F(Helpers, CurrentNanosConvertsTheCurrentTicks) {
    auto ops = empty_table<axv_time_ops>();
    ops.current_ticks = []() -> axv_ticks_t { return 625; };
    ops.ticks_to_nanos = [](axv_ticks_t t) -> axv_nanos_t { return t * 16; };
    ASSERT_EQ(axv_time_register(&ops), AXV_OK);
    EXPECT_EQ(axv_time_current_nanos(), 10000u);
}

TEST_F(Helpers, CurrentVmHelpersAskAboutTheCurrentVm) {
    static axv_vm_id_t seen_vm_num, seen_vm_active;
    auto ops = empty_table<axv_vmm_ops>();
    ops.current_vm_id = []() -> axv_vm_id_t { return 3; };
    ops.vcpu_num = [](axv_vm_id_t vm, size_t *num) {
        seen_vm_num = vm;
        *num = 8;
        return AXV_OK;
    };
    ops.active_vcpus = [](axv_vm_id_t vm, uint64_t *mask) {
        seen_vm_active = vm;
        *mask = 0xa5;
        return AXV_EBUSY;
    };
    ASSERT_EQ(axv_vmm_register(&ops), AXV_OK);
    size_t num = 0;
    uint64_t mask = 0;
    EXPECT_EQ(axv_vmm_current_vm_vcpu_num(&num), AXV_OK);
    EXPECT_EQ(seen_vm_num, 3u);
    EXPECT_EQ(num, 8u);
    EXPECT_EQ(axv_vmm_current_vm_active_vcpus(&mask), AXV_EBUSY);
    EXPECT_EQ(seen_vm_active, 3u);
    EXPECT_EQ(mask, 0xa5u);
}

} // namespace
