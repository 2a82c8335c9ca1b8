/* The sample's hypervisor, in HS-mode on the QEMU virt riscv64 platform: the platform is
 * installed at boot; this seals the registry, arms a hypervisor timer whose callback injects
 * the external interrupt with axv_vmm_inject_interrupt, and runs the VS-mode guest until it
 * exits. The guest's own timer is the shared vtimer component's (samples/components, the
 * same code as on AArch64 and POSIX): SET_TIMER hypercall -> the platform (VSTIP down) and
 * its handler hook -> vtimer -> axv_time_register_timer -> on expiry
 * axv_vmm_notify_vcpu_timer_expired -> hvip.VSTIP. Exit status 0 only if the guest exited
 * with 0 after seeing every interrupt it expected. */
#include <axvisor_api/qemu_virt.h>

#include "guest.h"
#include "qemu_vtimer.h"

#define EXTERNAL_DELAY_NS 3000000u

static uint8_t guest_stack[16384] __attribute__((aligned(16)));
static volatile int external_status = 1;

static void inject_external(void *arg, axv_nanos_t now_ns) {
    (void)arg;
    (void)now_ns;
    external_status = axv_vmm_inject_interrupt(0, 0, AXV_QEMU_VIRQ_EXT);
}

static void mark_fired(void *arg, axv_nanos_t now_ns) {
    (void)now_ns;
    *(volatile bool *)arg = true;
}

int axv_qemu_main(void) {
    /* The platform maps the registry read-only (qemu.riscv64.seal checks the fault). */
    int rc = axv_api_seal();
    if (rc != AXV_OK) {
        axv_qemu_puts("qemu-riscv64-guest: FAILED to seal\n");
        return 1;
    }
    qemu_vtimer_install();
    axv_timer_token_t token;
    rc = axv_time_register_timer(axv_time_current_nanos() + EXTERNAL_DELAY_NS, inject_external,
                                 NULL, &token);
    if (rc != AXV_OK) {
        axv_qemu_puts("qemu-riscv64-guest: FAILED to arm the external interrupt's timer\n");
        return 1;
    }
    axv_nanos_t start = axv_time_current_nanos();
    int status = axv_qemu_run_guest(guest_main, guest_stack + sizeof guest_stack);
    axv_nanos_t elapsed = axv_time_current_nanos() - start;
    int vtimer_status = qemu_vtimer_finish();

    /* Back in HS-mode with interrupts enabled again: a hypervisor timer still fires. */
    static volatile bool after_exit_fired;
    rc = axv_time_register_timer(axv_time_current_nanos() + 100000u, mark_fired,
                                 (void *)&after_exit_fired, &token);
    /* Generous: QEMU's clock runs on while a loaded host keeps this vCPU from a CPU. */
    axv_nanos_t give_up = axv_time_current_nanos() + 5000000000u;
    while (rc == AXV_OK && !after_exit_fired && axv_time_current_nanos() < give_up) {
    }

    axv_qemu_puts("qemu-riscv64-guest: guest exited with status ");
    axv_qemu_put_dec((uint64_t)(int64_t)status);
    axv_qemu_puts(" after ");
    axv_qemu_put_dec(elapsed / 1000u);
    axv_qemu_puts(" us; timer interrupts: ");
    axv_qemu_put_dec(guest_counts.timer_irqs);
    axv_qemu_puts(", external: ");
    axv_qemu_put_dec(guest_counts.external_irqs);
    axv_qemu_puts(", software: ");
    axv_qemu_put_dec(guest_counts.soft_irqs);
    axv_qemu_puts(", other: ");
    axv_qemu_put_dec(guest_counts.other_irqs);
    axv_qemu_puts(after_exit_fired ? "; hypervisor timers work after the exit\n"
                                   : "; no hypervisor timer after the exit\n");
    bool ok = status == 0 && external_status == AXV_OK && vtimer_status == AXV_OK &&
              guest_counts.timer_irqs == GUEST_TIMER_TICKS && guest_counts.external_irqs == 1 &&
              guest_counts.soft_irqs == 1 && guest_counts.other_irqs == 0 && after_exit_fired &&
              elapsed >= (axv_nanos_t)GUEST_TIMER_TICKS * GUEST_PERIOD_NS;
    axv_qemu_puts(ok ? "qemu-riscv64-guest: OK\n" : "qemu-riscv64-guest: FAILED\n");
    return ok ? 0 : 1;
}
