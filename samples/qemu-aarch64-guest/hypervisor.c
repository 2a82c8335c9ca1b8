/* The sample's hypervisor, at EL2 on the QEMU virt platform: the platform is installed at
 * boot; this seals the registry, arms a hypervisor timer whose callback injects an SPI with
 * axv_vmm_inject_interrupt, and runs the EL1 guest until it exits. The guest's own timer is
 * the shared vtimer component's (samples/components, the same code as on riscv64 and POSIX):
 * SET_TIMER hypercall -> the platform's handler hook -> vtimer -> axv_time_register_timer ->
 * on expiry axv_vmm_notify_vcpu_timer_expired -> virtual INTID 27 in a list register. Exit
 * status 0 only if the guest exited with 0 after seeing every interrupt it expected. */
#include <axvisor_api/qemu_virt.h>

#include "guest.h"
#include "qemu_vtimer.h"

#define SPI_DELAY_NS 3000000u

static uint8_t guest_stack[16384] __attribute__((aligned(16)));
static volatile int spi_status = 1;

static void inject_spi(void *arg, axv_nanos_t now_ns) {
    (void)arg;
    (void)now_ns;
    spi_status = axv_vmm_inject_interrupt(0, 0, GUEST_SPI);
}

static void mark_fired(void *arg, axv_nanos_t now_ns) {
    (void)now_ns;
    *(volatile bool *)arg = true;
}

int axv_qemu_main(void) {
    /* The platform maps the registry read-only (qemu.seal checks the fault). */
    int rc = axv_api_seal();
    if (rc != AXV_OK) {
        axv_qemu_puts("qemu-aarch64-guest: FAILED to seal\n");
        return 1;
    }
    qemu_vtimer_install();
    axv_timer_token_t token;
    rc = axv_time_register_timer(axv_time_current_nanos() + SPI_DELAY_NS, inject_spi, NULL, &token);
    if (rc != AXV_OK) {
        axv_qemu_puts("qemu-aarch64-guest: FAILED to arm the SPI timer\n");
        return 1;
    }
    axv_nanos_t start = axv_time_current_nanos();
    int status = axv_qemu_run_guest(guest_main, guest_stack + sizeof guest_stack);
    axv_nanos_t elapsed = axv_time_current_nanos() - start;
    int vtimer_status = qemu_vtimer_finish();

    /* Back at EL2 with IRQs unmasked again: a hypervisor timer still fires. */
    static volatile bool after_exit_fired;
    rc = axv_time_register_timer(axv_time_current_nanos() + 100000u, mark_fired,
                                 (void *)&after_exit_fired, &token);
    /* Generous: QEMU's clock runs on while a loaded host keeps this vCPU from a CPU. */
    axv_nanos_t give_up = axv_time_current_nanos() + 5000000000u;
    while (rc == AXV_OK && !after_exit_fired && axv_time_current_nanos() < give_up) {
    }

    axv_qemu_puts("qemu-aarch64-guest: guest exited with status ");
    axv_qemu_put_dec((uint64_t)(int64_t)status);
    axv_qemu_puts(" after ");
    axv_qemu_put_dec(elapsed / 1000u);
    axv_qemu_puts(" us; timer interrupts (INTID 27): ");
    axv_qemu_put_dec(guest_counts.timer_irqs);
    axv_qemu_puts(", SPIs (INTID 40): ");
    axv_qemu_put_dec(guest_counts.spis);
    axv_qemu_puts(", other: ");
    axv_qemu_put_dec(guest_counts.other_irqs);
    axv_qemu_puts(after_exit_fired ? "; hypervisor timers work after the exit\n"
                                   : "; no hypervisor timer after the exit\n");
    bool ok = status == 0 && spi_status == AXV_OK && vtimer_status == AXV_OK &&
              guest_counts.timer_irqs == GUEST_TIMER_TICKS && guest_counts.spis == 1 &&
              guest_counts.other_irqs == 0 && after_exit_fired &&
              elapsed >= (axv_nanos_t)GUEST_TIMER_TICKS * GUEST_PERIOD_NS;
    axv_qemu_puts(ok ? "qemu-aarch64-guest: OK\n" : "qemu-aarch64-guest: FAILED\n");
    return ok ? 0 : 1;
}
