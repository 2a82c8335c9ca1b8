/* Running the calling hart's vCPU: a real VS-mode guest behind G-stage translation
 * (gstage.c, the image's RAM mapped to itself). Its hypercalls (ecall, function in a0) come
 * to trap.c and on here; its virtual interrupts are hvip's VS bits (virq.c), delegated to it
 * by hideleg. Everything here is per hart and touched only by that hart, so no locks are
 * needed. The guest's timer is not the platform's: SET_TIMER goes to the hypervisor's
 * handler, after the arch's part (VSTIP down). */
#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/qemu_virt.h>
#include "cpu.h"
#include "gstage.h"
#include "percpu.h"
#include "trap.h"
#include "virq.h"

#define HSTATUS_SPV (UINT64_C(1) << 7)
#define HSTATUS_SPVP (UINT64_C(1) << 8)
#define HCOUNTEREN_TM (UINT64_C(1) << 1)
/* The guest's own registers hold its ecall's arguments and result. */
#define REG_A0 10u
#define REG_A1 11u
#define REG_A2 12u
#define ECALL_SIZE 4u

struct vcpu_run {
    uint64_t host_ctx[14];
    bool running;
};

static struct vcpu_run runs[AXV_QEMU_MAX_CPUS];

static struct vcpu_run *this_run(void) {
    return &runs[this_cpu()->index];
}

AXV_NORETURN void axv_qemu_guest_leave(const uint64_t *ctx, int status);
int axv_qemu_guest_enter(uint64_t *ctx, uint64_t entry, uint64_t stack_top);

/* Installed before any guest runs (as documented), so never written while read. */
static axv_qemu_guest_timer_fn guest_timer_handler;

void axv_qemu_set_guest_timer_handler(axv_qemu_guest_timer_fn handler) {
    guest_timer_handler = handler;
}

/* Setting the timer takes the previous expiry's interrupt down, like SBI set_timer: a guest
 * cannot clear VSTIP itself. */
static int set_guest_timer(uint64_t delay_ns) {
    axv_qemu_guest_timer_fn handler = guest_timer_handler;
    if (handler == NULL)
        return AXV_ENOSYS;
    (void)axv_qemu_take_virtual_irq(AXV_QEMU_VIRQ_TIMER);
    return handler(delay_ns);
}

static int64_t hypercall(struct vcpu_run *run, uint64_t fn, uint64_t arg1, uint64_t arg2) {
    switch (fn) {
    case AXV_QEMU_HVC_EXIT:
        run->running = false;
        axv_qemu_guest_leave(run->host_ctx, (int)arg1);
    case AXV_QEMU_HVC_SET_TIMER:
        return set_guest_timer(arg1);
    case AXV_QEMU_HVC_INJECT:
        return axv_vmm_inject_interrupt(0, (axv_vcpu_id_t)arg1, (axv_irq_t)arg2);
    case AXV_QEMU_HVC_INJECT_MASK:
        return axv_vmm_inject_interrupt_to_vcpus(0, arg1, (axv_irq_t)arg2);
    case AXV_QEMU_HVC_CLEAR:
        (void)axv_qemu_take_virtual_irq((axv_irq_t)arg1);
        return AXV_OK;
    default:
        return AXV_ENOSYS;
    }
}

static void guest_ecall(struct axv_qemu_frame *frame) {
    frame->sepc += ECALL_SIZE;
    frame->x[REG_A0] =
        (uint64_t)hypercall(this_run(), frame->x[REG_A0], frame->x[REG_A1], frame->x[REG_A2]);
    /* What other harts queued while the guest was out goes in before it runs again. */
    axv_qemu_virq_refill();
}

int axv_qemu_run_guest(void (*entry)(void), void *stack_top) {
    if (entry == NULL || stack_top == NULL || ((uintptr_t)stack_top & 15u) != 0)
        return AXV_EINVAL;
    struct vcpu_run *run = this_run();
    if (run->running)
        return AXV_EBUSY;
    run->running = true;
    axv_qemu_trap_set_guest_ecall(guest_ecall);
    /* Masked until the sret: in the guest, HS interrupts are taken whatever sstatus.SIE. */
    uint64_t flags = irq_save();
    axv_qemu_gstage_cpu_start();
    /* A fresh VS-mode: no translation of its own, no vector, nothing enabled. */
    CSR_WRITE(vsatp, 0);
    CSR_WRITE(vstvec, 0);
    CSR_WRITE(vsie, 0);
    CSR_WRITE(vsstatus, 0);
    /* rdtime in the guest reads the time CSR instead of trapping. */
    CSR_SET(hcounteren, HCOUNTEREN_TM);
    /* sret to V = 1 (SPV) in supervisor mode (SPP), and the guest's hypervisor loads and
     * stores (none here) as VS (SPVP). */
    CSR_SET(hstatus, HSTATUS_SPV | HSTATUS_SPVP);
    CSR_SET(sstatus, SSTATUS_SPP);
    int status = axv_qemu_guest_enter(run->host_ctx, (uint64_t)(uintptr_t)entry,
                                      (uint64_t)(uintptr_t)stack_top);
    /* Back from the exit hypercall, inside the trap handler: HS-mode again. */
    CSR_CLEAR(hstatus, HSTATUS_SPV);
    irq_restore(flags);
    return status;
}
