/* The QEMU samples' hookup of the vtimer component (see qemu_vtimer.h). Each vtimer is used
 * only on its vCPU's pCPU: set in the guest's hypercall exit (interrupts masked), expired in
 * that pCPU's timer interrupt, so vtimer's no-concurrency rule holds without a lock. */
#include <axvisor_api/qemu_virt.h>

#include "qemu_vtimer.h"
#include "vtimer.h"

static struct vtimer vtimers[AXV_QEMU_MAX_CPUS];

static int set_guest_timer(uint64_t delay_ns) {
    return vtimer_set_current(vtimers, AXV_QEMU_MAX_CPUS, delay_ns);
}

void qemu_vtimer_install(void) {
    for (axv_vcpu_id_t id = 0; id < AXV_QEMU_MAX_CPUS; id++)
        vtimer_init(&vtimers[id], 0, id);
    axv_qemu_set_guest_timer_handler(set_guest_timer);
}

int qemu_vtimer_finish(void) {
    struct vtimer *t = &vtimers[axv_vmm_current_vcpu_id()];
    int rc = vtimer_cancel(t);
    int expiry = vtimer_take_error(t);
    return rc != AXV_OK ? rc : expiry;
}
