/* axv_mock_install(): the mock platform holds every fake table, installing it makes every
 * built-in accessor reach its fake (checked per op, generated from the op lists), and
 * its status is axv_platform_install()'s, including AXV_EPERM once sealed. */
#include <string.h>

#include <axvisor_api/mock/fakes.h>

#include "builtin_fake_checks.h"
#include "check.h"

static void platform_holds_every_fake_table(void) {
    EXPECT(strcmp(axv_mock_platform.name, "mock") == 0);
#define EXPECT_TABLE(area) EXPECT(axv_mock_platform.area == &axv_fake_##area##_ops);
    AXV_BUILTIN_AREAS(EXPECT_TABLE)
#undef EXPECT_TABLE
}

/* Before installing, accessors reach the defaults, not the fakes. */
static void nothing_reaches_the_fakes_before_install(void) {
    axv_paddr_t frame = 0;
    axv_mock_reset_all();
    EXPECT(!axv_memory_implements(axv_memory_op_alloc_frame));
    EXPECT(axv_memory_alloc_frame(&frame) == AXV_ENOSYS);
    EXPECT(axv_fake_memory_alloc_frame.call_count == 0);
}

static void install_succeeds(void) {
    EXPECT(axv_mock_install() == AXV_OK);
}

/* With the fallback as custom, the FALLBACK op behaves as without a platform op, through
 * the other fakes. */
static void fallback_through_custom(void) {
    axv_mock_reset_all();
    axv_fake_vmm_inject_interrupt_to_vcpus.custom = axv_vmm_fallback_inject_interrupt_to_vcpus;
    EXPECT(axv_vmm_inject_interrupt_to_vcpus(3, 0x5, 27) == AXV_OK);
    EXPECT(axv_fake_vmm_inject_interrupt_to_vcpus.call_count == 1);
    EXPECT(axv_fake_vmm_inject_interrupt.call_count == 2);
    EXPECT(axv_fake_vmm_inject_interrupt.history[0].vm_id == 3);
    EXPECT(axv_fake_vmm_inject_interrupt.history[0].vcpu_id == 0);
    EXPECT(axv_fake_vmm_inject_interrupt.history[1].vcpu_id == 2);
    EXPECT(axv_fake_vmm_inject_interrupt.history[1].irq == 27);
    axv_mock_reset_all();
}

/* Resetting the fakes leaves them installed. */
static void reset_all_keeps_the_install(void) {
    axv_fake_host_cpu_num.return_value = 3;
    axv_mock_reset_all();
    EXPECT(axv_host_implements(axv_host_op_cpu_num));
    EXPECT(axv_host_cpu_num() == 0);
    EXPECT(axv_fake_host_cpu_num.call_count == 1);
}

/* Sealing ends installs; the fakes are not registry storage and keep working. */
static void sealed_install_is_refused_and_fakes_still_work(void) {
    int rc = axv_api_seal();
    EXPECT(rc == AXV_OK || rc == AXV_ENOSYS);
    EXPECT(axv_mock_install() == AXV_EPERM);
    axv_mock_reset_all();
    axv_fake_host_cpu_num.return_value = 5;
    EXPECT(axv_host_cpu_num() == 5);
    EXPECT(axv_fake_host_cpu_num.call_count == 1);
}

int main(void) {
    check_run("axv_mock_platform is \"mock\" with every fake table",
              platform_holds_every_fake_table);
    check_run("before axv_mock_install() accessors reach the defaults",
              nothing_reaches_the_fakes_before_install);
    check_run("axv_mock_install() returns AXV_OK", install_succeeds);
#define RUN_AREA(area) run_##area##_accessor_checks();
    AXV_BUILTIN_AREAS(RUN_AREA)
#undef RUN_AREA
    check_run("vmm.inject_interrupt_to_vcpus: custom = the fallback, through the fakes",
              fallback_through_custom);
    check_run("axv_mock_reset_all() keeps the fakes installed", reset_all_keeps_the_install);
    check_run("after axv_api_seal(): axv_mock_install() is AXV_EPERM, fakes still record",
              sealed_install_is_refused_and_fakes_still_work);
    return check_summary("install_test");
}
