/* The SMP sample's hypervisor in HS-mode: VM 0 has one vCPU per hart; this runs vCPU 1's
 * guest on hart 1 (posted work) and vCPU 0's on hart 0, waits for both to exit, and checks
 * what each received. Every IPI crosses harts: the sender's hypercall injects into the other
 * vCPU, whose hart gets an SBI IPI and moves the queued interrupt into its hvip. Exit status
 * 0 only if both guests exited with 0 having received all of it. */
#include <axvisor_api/qemu_virt.h>

#include "guest.h"
#include "qemu_vtimer.h"

static uint8_t stacks[2][16384] __attribute__((aligned(16)));
static volatile int guest1_status = -1;
static volatile int vtimer1_status = -1;

static void run_vcpu1(void *arg) {
    (void)arg;
    guest1_status = axv_qemu_run_guest(smp_guest1_main, stacks[1] + sizeof stacks[1]);
    vtimer1_status = qemu_vtimer_finish();
}

static void report(unsigned g, int status) {
    const struct smp_guest_counts *c = &smp_counts[g];
    axv_qemu_puts("qemu-riscv64-smp: guest ");
    axv_qemu_put_dec(g);
    axv_qemu_puts(" (vCPU ");
    axv_qemu_put_dec(g);
    axv_qemu_puts(" on hart ");
    axv_qemu_put_dec(g);
    axv_qemu_puts(") exited with ");
    axv_qemu_put_dec((uint64_t)(int64_t)status);
    axv_qemu_puts(": IPIs ");
    axv_qemu_put_dec(c->data);
    axv_qemu_puts(", acks ");
    axv_qemu_put_dec(c->acks);
    axv_qemu_puts(", other ");
    axv_qemu_put_dec(c->other);
    axv_qemu_puts("\n");
}

int axv_qemu_main(void) {
    int rc = axv_api_seal();
    if (rc != AXV_OK || axv_host_cpu_num() < 2) {
        axv_qemu_puts("qemu-riscv64-smp: FAILED: needs a sealed platform and -smp 2\n");
        return 1;
    }
    smp_deadline_ticks =
        axv_time_current_ticks() + axv_time_nanos_to_ticks(SMP_TIMEOUT_S * UINT64_C(1000000000));
    /* The guests' give-up timers: the shared vtimer component, one per vCPU. */
    qemu_vtimer_install();
    if (axv_qemu_cpu_run(1, run_vcpu1, NULL) != AXV_OK) {
        axv_qemu_puts("qemu-riscv64-smp: FAILED: cannot start vCPU 1 on hart 1\n");
        return 1;
    }
    axv_nanos_t start = axv_time_current_nanos();
    int status0 = axv_qemu_run_guest(smp_guest0_main, stacks[0] + sizeof stacks[0]);
    int vtimer0_status = qemu_vtimer_finish();
    /* The guests give up after SMP_TIMEOUT_S themselves; this bound is only a backstop. */
    axv_nanos_t give_up = axv_time_current_nanos() + (SMP_TIMEOUT_S + 1u) * 1000000000ull;
    while (!axv_qemu_cpu_idle(1) && axv_time_current_nanos() < give_up) {
    }
    axv_nanos_t elapsed = axv_time_current_nanos() - start;
    bool idle = axv_qemu_cpu_idle(1);

    report(0, status0);
    report(1, idle ? guest1_status : -1);
    axv_qemu_puts("qemu-riscv64-smp: ");
    axv_qemu_put_dec(2 * (uint64_t)SMP_K);
    axv_qemu_puts(" cross-hart IPIs (and as many acks) in ");
    axv_qemu_put_dec(elapsed / 1000u);
    axv_qemu_puts(" us\n");
    bool ok = idle && status0 == 0 && guest1_status == 0 && vtimer0_status == AXV_OK &&
              vtimer1_status == AXV_OK;
    for (unsigned g = 0; g < 2; g++) {
        const struct smp_guest_counts *c = &smp_counts[g];
        /* SMP_K IPIs, each acknowledged, and the masked one. */
        ok = ok && c->data == SMP_K + 1u && c->acks == SMP_K && c->other == 0;
    }
    axv_qemu_puts(ok ? "qemu-riscv64-smp: OK\n" : "qemu-riscv64-smp: FAILED\n");
    return ok ? 0 : 1;
}
