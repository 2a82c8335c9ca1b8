/* Running the calling pCPU's vCPU: a real EL1 guest in the same physical memory (no stage
 * 2, and the guest runs with its own MMU off). Its hypercalls (HVC #0, function in x0) come to the
 * EL2 sync handler here; its virtual interrupts come from the list registers (vgic.c).
 * Everything here is per pCPU and touched only by that pCPU, so no locks are needed. The
 * guest's timer is not the platform's: SET_TIMER goes to the hypervisor's handler. */
#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/qemu_virt.h>
#include "cpu.h"
#include "exceptions.h"
#include "gic.h"
#include "percpu.h"
#include "vgic.h"

#define HCR_EL2_FMO (UINT64_C(1) << 3)
#define HCR_EL2_IMO (UINT64_C(1) << 4)
#define HCR_EL2_RW (UINT64_C(1) << 31) /* EL1 is AArch64 */

#define ESR_EC(esr) (((esr) >> 26) & 0x3fu)
#define ESR_EC_HVC64 0x16u

struct vcpu_run {
    uint64_t host_ctx[13];
    bool running;
};

static struct vcpu_run runs[AXV_QEMU_MAX_CPUS];

static struct vcpu_run *this_run(void) {
    return &runs[this_cpu()->index];
}

void axv_qemu_guest_leave(const uint64_t *ctx, int status);
int axv_qemu_guest_enter(uint64_t *ctx, uint64_t entry, uint64_t stack_top);

/* Installed before any guest runs (as documented), so never written while read. */
static axv_qemu_guest_timer_fn guest_timer_handler;

void axv_qemu_set_guest_timer_handler(axv_qemu_guest_timer_fn handler) {
    guest_timer_handler = handler;
}

static int set_guest_timer(uint64_t delay_ns) {
    axv_qemu_guest_timer_fn handler = guest_timer_handler;
    return handler != NULL ? handler(delay_ns) : AXV_ENOSYS;
}

static void guest_sync(struct axv_qemu_frame *frame) {
    uint64_t esr = SYSREG_READ(esr_el2);
    if (ESR_EC(esr) != ESR_EC_HVC64 || (esr & 0xffffu) != 0)
        axv_qemu_unexpected(8, frame);
    struct vcpu_run *run = this_run();
    /* ELR_EL2 already points past the HVC. */
    switch (frame->x[0]) {
    case AXV_QEMU_HVC_EXIT:
        run->running = false;
        axv_qemu_guest_leave(run->host_ctx, (int)frame->x[1]);
        break;
    case AXV_QEMU_HVC_SET_TIMER:
        frame->x[0] = (uint64_t)(int64_t)set_guest_timer(frame->x[1]);
        break;
    case AXV_QEMU_HVC_INJECT:
        frame->x[0] = (uint64_t)(int64_t)axv_vmm_inject_interrupt(0, (axv_vcpu_id_t)frame->x[1],
                                                                  (axv_irq_t)frame->x[2]);
        break;
    case AXV_QEMU_HVC_INJECT_MASK:
        frame->x[0] = (uint64_t)(int64_t)axv_vmm_inject_interrupt_to_vcpus(0, frame->x[1],
                                                                           (axv_irq_t)frame->x[2]);
        break;
    default:
        frame->x[0] = (uint64_t)(int64_t)AXV_ENOSYS;
        break;
    }
    /* An exit to EL2 is when queued interrupts move into list registers freed meanwhile. */
    axv_qemu_vgic_refill();
}

int axv_qemu_run_guest(void (*entry)(void), void *stack_top) {
    if (entry == NULL || stack_top == NULL || ((uintptr_t)stack_top & 15u) != 0)
        return AXV_EINVAL;
    struct vcpu_run *run = this_run();
    if (run->running)
        return AXV_EBUSY;
    run->running = true;
    axv_qemu_set_lower_sync_handler(guest_sync);
    /* Virtual IRQs and FIQs for EL1 (IMO/FMO, which also keep physical ones at EL2), and
     * the virtual CPU interface on (ICH_HCR_EL2.En) so list registers are delivered. */
    SYSREG_WRITE(hcr_el2, SYSREG_READ(hcr_el2) | HCR_EL2_RW | HCR_EL2_IMO | HCR_EL2_FMO);
    /* The new routing must be in effect before the ERET. */
    isb();
    axv_qemu_lr_enable();
    /* The exit hypercall comes back here from the exception handler, where PSTATE has every
     * exception masked: the caller's mask is restored explicitly. */
    uint64_t daif = SYSREG_READ(daif);
    int status = axv_qemu_guest_enter(run->host_ctx, (uint64_t)(uintptr_t)entry,
                                      (uint64_t)(uintptr_t)stack_top);
    irq_restore(daif);
    return status;
}
