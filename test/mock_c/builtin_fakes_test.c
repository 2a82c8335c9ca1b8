/* The fakes of every built-in area, called through their tables (the registry is not
 * involved): generic checks of every op, generated from the op lists, then a few
 * hand-written ones that read as examples, and axv_mock_reset_all(). */
#include <axvisor_api/mock/fakes.h>

#include "builtin_fake_checks.h"
#include "check.h"

static int write_frame(axv_paddr_t *frame) {
    *frame = 0x80000000u;
    return AXV_OK;
}

/* A custom function gives an out-parameter its value; the fake still records the call. */
static void custom_fills_an_out_parameter(void) {
    axv_paddr_t frame = 0;
    axv_fake_memory_reset();
    axv_fake_memory_alloc_frame.custom = write_frame;
    EXPECT(axv_fake_memory_ops.alloc_frame(&frame) == AXV_OK);
    EXPECT(frame == 0x80000000u);
    EXPECT(axv_fake_memory_alloc_frame.call_count == 1);
    EXPECT(axv_fake_memory_alloc_frame.last.frame == &frame);
    axv_fake_memory_reset();
}

/* The usual "fail once, then succeed" programming of a status op. */
static void sequence_of_status_codes(void) {
    static const int results[] = {AXV_ENOMEM, AXV_OK};
    axv_fake_vmm_reset();
    axv_fake_vmm_inject_interrupt.return_seq = results;
    axv_fake_vmm_inject_interrupt.return_seq_len = 2;
    EXPECT(axv_fake_vmm_ops.inject_interrupt(1, 2, 27) == AXV_ENOMEM);
    EXPECT(axv_fake_vmm_ops.inject_interrupt(1, 3, 28) == AXV_OK);
    EXPECT(axv_fake_vmm_ops.inject_interrupt(1, 4, 29) == AXV_OK);
    EXPECT(axv_fake_vmm_inject_interrupt.call_count == 3);
    EXPECT(axv_fake_vmm_inject_interrupt.history[0].vcpu_id == 2);
    EXPECT(axv_fake_vmm_inject_interrupt.history[1].irq == 28);
    EXPECT(axv_fake_vmm_inject_interrupt.last.vm_id == 1);
    EXPECT(axv_fake_vmm_inject_interrupt.last.vcpu_id == 4);
    EXPECT(axv_fake_vmm_inject_interrupt.last.irq == 29);
    axv_fake_vmm_reset();
}

/* Every table is complete and registrable: validated by the registry's own checks. */
static void tables_are_valid(void) {
#define CHECK_TABLE(area) EXPECT(axv_##area##_validate(&axv_fake_##area##_ops) == AXV_OK);
    AXV_BUILTIN_AREAS(CHECK_TABLE)
#undef CHECK_TABLE
}

/* One call clears the fakes of every built-in area. */
static void reset_all_clears_every_area(void) {
#define RESET_AREA(area) axv_fake_##area##_reset();
#define CALL_AREA(area) call_every_##area##_fake();
#define EXPECT_CALLED(area) EXPECT(area##_fake_total_calls() == axv_##area##_num_ops);
#define EXPECT_CLEAR(area) EXPECT(area##_fake_total_calls() == 0);
    AXV_BUILTIN_AREAS(RESET_AREA)
    AXV_BUILTIN_AREAS(CALL_AREA)
    AXV_BUILTIN_AREAS(EXPECT_CALLED)
    axv_fake_host_cpu_num.return_value = 9;
    axv_mock_reset_all();
    AXV_BUILTIN_AREAS(EXPECT_CLEAR)
    EXPECT(axv_fake_host_cpu_num.return_value == 0);
#undef RESET_AREA
#undef CALL_AREA
#undef EXPECT_CALLED
#undef EXPECT_CLEAR
}

int main(void) {
#define RUN_AREA(area) run_##area##_fake_checks();
    AXV_BUILTIN_AREAS(RUN_AREA)
#undef RUN_AREA
    check_run("memory.alloc_frame: custom fills an out-parameter", custom_fills_an_out_parameter);
    check_run("vmm.inject_interrupt: a sequence of status codes", sequence_of_status_codes);
    check_run("every fake table passes axv_<area>_validate()", tables_are_valid);
    check_run("axv_mock_reset_all() clears the fakes of every built-in area",
              reset_all_clears_every_area);
    return check_summary("builtin_fakes_test");
}
