/* qemu.riscv64.conformance: the conformance suite against the installed QEMU virt riscv64 platform,
 * sealed as a hypervisor would be. Timer callbacks come from the IRQ handler, so the suite needs no
 * idle hook: it spins reading the clock with IRQs unmasked. (A WFI hook would not do: the
 * suite also idles when no timer is pending, and nothing would wake the CPU.) */
#include <axvisor_api/conformance.h>
#include <axvisor_api/qemu_virt.h>

#include "cmdline.h"

/* QEMU's counter follows host time while its vCPU threads wait for a CPU, so a loaded host
 * makes timers late by up to seconds: run-qemu.sh passes a budget that allows it. */
#define DEFAULT_BUDGET_NS UINT64_C(2000000000)

struct remote_take {
    axv_irq_t irq;
    bool found;
};

static void take_here(void *arg) {
    struct remote_take *t = arg;
    t->found = axv_qemu_take_virtual_irq(t->irq);
}

/* Delivery is observed in the vCPU's hvip (no guest runs here). vCPU i's is hart i's, which
 * only hart i can read: for another vCPU, ask its hart and wait. */
static bool irq_pending(void *ctx, axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, axv_irq_t irq) {
    (void)ctx;
    if (vm_id != 0)
        return false;
    if (vcpu_id == axv_qemu_cpu_index())
        return axv_qemu_take_virtual_irq(irq);
    struct remote_take take = {irq, false};
    if (axv_qemu_cpu_run((size_t)vcpu_id, take_here, &take) != AXV_OK)
        return false;
    while (!axv_qemu_cpu_idle((size_t)vcpu_id)) {
    }
    return take.found;
}

int axv_qemu_main(void) {
    axv_api_seal();
    struct axv_conformance_options opts = {
        /* Enough for QEMU's -m up to 256M: the exhaustion case then runs too. */
        .max_frames = 65536,
        .irq_pending = irq_pending,
        /* The VS-level interrupts: software per vCPU, external for shared devices, which
         * the platform routes to the vCPU named. */
        .irq = AXV_QEMU_VIRQ_SOFT,
        .shared_irq = AXV_QEMU_VIRQ_EXT,
        .shared_routing = AXV_CONFORMANCE_SHARED_TO_VCPU,
        .timer_budget_ns = cmdline_timer_budget_ns(DEFAULT_BUDGET_NS),
    };
    /* Host interrupts: the UART's line (PLIC or APLIC source 10), which the platform can
     * raise. */
    opts.host_irq = AXV_QEMU_HOST_IRQ_UART;
    opts.host_irq_raise = axv_qemu_raise_uart_irq;
    if (opts.timer_budget_ns > AXV_CONFORMANCE_MAX_TIMER_BUDGET_NS)
        opts.timer_budget_ns = AXV_CONFORMANCE_MAX_TIMER_BUDGET_NS;
    axv_qemu_puts("# qemu.riscv64.conformance: timer budget ");
    axv_qemu_put_dec(opts.timer_budget_ns / 1000000u);
    axv_qemu_puts(" ms\n");
    struct axv_conformance_result result;
    int rc = axv_conformance_run(&opts, &result);
    if (rc != AXV_OK) {
        axv_qemu_puts("qemu.riscv64.conformance: could not run the suite\n");
        return 1;
    }
    return result.failed == 0 && result.passed > 0 ? 0 : 1;
}
