/* The fakes of every built-in area, called through their tables (the registry is not
 * involved): generic checks of every op, generated from the op lists, then a few
 * hand-written ones that read as examples, and axv_mock_reset_all(). */
#include <axvisor_api/mock/fakes.h>

#include "check.h"

#define AXV_AREA_OPS <axvisor_api/builtin_areas.h>
#include "fake_checks.h"

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
#define AXV_EACH_AREA(area) EXPECT(axv_##area##_validate(&axv_fake_##area##_ops) == AXV_OK);
#include <axvisor_api/each_area.h>
}

/* One call clears the fakes of every built-in area. */
static void reset_all_clears_every_area(void) {
#define AXV_EACH_AREA(area) axv_fake_##area##_reset();
#include <axvisor_api/each_area.h>
#define AXV_EACH_AREA(area) call_every_##area##_fake();
#include <axvisor_api/each_area.h>
#define AXV_EACH_AREA(area) EXPECT(area##_fake_total_calls() == axv_##area##_num_ops);
#include <axvisor_api/each_area.h>
    axv_fake_host_cpu_num.return_value = 9;
    axv_mock_reset_all();
#define AXV_EACH_AREA(area) EXPECT(area##_fake_total_calls() == 0);
#include <axvisor_api/each_area.h>
}

int main(void) {
#define AXV_EACH_AREA(area) run_##area##_fake_checks();
#include <axvisor_api/each_area.h>
    check_run("memory.alloc_frame: custom fills an out-parameter", custom_fills_an_out_parameter);
    check_run("vmm.inject_interrupt: a sequence of status codes", sequence_of_status_codes);
    check_run("every fake table passes axv_<area>_validate()", tables_are_valid);
    check_run("axv_mock_reset_all() clears the fakes of every built-in area",
              reset_all_clears_every_area);
    return check_summary("builtin_fakes_test");
}
