/* Runs the conformance suite on the POSIX platform, as a platform author would: start the
 * platform, install it, give the suite a VM to inject into and the platform's observation
 * hook, and report. Exit status: the number of failed cases (0: conformant), or 77 when the
 * suite skipped every case, so that it proved nothing.
 *
 * usage: posix_conformance [RAM_MIB [riscv]]   (default: the platform's default RAM size;
 *        riscv: RISC-V style vCPUs, injected with VS-level causes as on riscv64 QEMU)
 * AXV_TEST_TIMER_BUDGET_MS in the environment sets the timer budget (default 5000): how long
 * a timer may be late before it counts as lost, generous for a loaded machine. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/conformance.h>
#include <axvisor_api/posix.h>

/* Guests that leave interrupts pending for the suite's observation hook to find: they only
 * wait to be stopped (sleeping, since halt returns at once while something is pending). */
static void idle_guest(void *arg) {
    (void)arg;
    const struct timespec nap = {.tv_sec = 0, .tv_nsec = 1000000};
    while (!axv_posix_guest_should_stop())
        nanosleep(&nap, NULL);
}

/* The idle hook: the platform's timers fire on its service thread, which a spinning suite
 * would compete with for the CPU on a loaded machine. */
static void nap(void *ctx) {
    (void)ctx;
    /* This thread is the CPU the suite runs on: it takes its pending host interrupts here,
     * as an idle loop with interrupts enabled would. */
    (void)axv_posix_host_irq_deliver();
    const struct timespec pause = {.tv_sec = 0, .tv_nsec = 100000};
    nanosleep(&pause, NULL);
}

/* The timer budget in nanoseconds: AXV_TEST_TIMER_BUDGET_MS (at most the suite's limit), or
 * 5 s. */
static axv_nanos_t timer_budget_ns(void) {
    const char *text = getenv("AXV_TEST_TIMER_BUDGET_MS");
    char *end = NULL;
    unsigned long long ms = text != NULL ? strtoull(text, &end, 10) : 0;
    if (text == NULL || end == text || *end != '\0' || ms == 0)
        ms = 5000;
    if (ms > AXV_CONFORMANCE_MAX_TIMER_BUDGET_NS / 1000000u)
        ms = AXV_CONFORMANCE_MAX_TIMER_BUDGET_NS / 1000000u;
    return (axv_nanos_t)ms * 1000000u;
}

int main(int argc, char **argv) {
    struct axv_posix_config config = {0};
    if (argc > 1)
        config.ram_bytes = (size_t)strtoul(argv[1], NULL, 10) << 20;
    config.riscv_vcpus = argc > 2 && strcmp(argv[2], "riscv") == 0;
    int rc = axv_posix_init(&config);
    if (rc == AXV_OK)
        rc = axv_platform_install(&axv_posix_platform);
    axv_vm_id_t vm = 0;
    if (rc == AXV_OK)
        rc = axv_posix_vm_create(4, idle_guest, NULL, &vm);
    if (rc == AXV_OK)
        rc = axv_posix_vm_start(vm);
    if (rc != AXV_OK) {
        fprintf(stderr, "posix_conformance: setting up: %s\n", axv_strerror(rc));
        return 100;
    }

    struct axv_conformance_options opts = {0};
    opts.vm_id = vm;
    opts.irq_pending = axv_posix_conformance_irq_pending;
    /* Its VMM picks the vCPU: an SPI goes to the vCPU named, like a PPI. */
    opts.shared_routing = AXV_CONFORMANCE_SHARED_TO_VCPU;
    if (config.riscv_vcpus) {
        /* As the riscv64 QEMU platform: VSSIP per vCPU, VSEIP for shared devices. */
        opts.irq = 2;
        opts.shared_irq = 10;
    }
    opts.idle = nap;
    opts.host_irq_raise = axv_posix_conformance_host_irq_raise;
    opts.timer_budget_ns = timer_budget_ns();
    printf("# posix_conformance: timer budget %llu ms\n",
           (unsigned long long)(opts.timer_budget_ns / 1000000u));
    fflush(stdout);
    struct axv_conformance_result result;
    int failed = axv_conformance_run(&opts, &result);

    struct axv_posix_shutdown_report report;
    rc = axv_posix_shutdown(&report);
    /* The suite gives back every frame and timer it took; the VM is ours. */
    if (rc != AXV_OK || report.timers_pending != 0 || report.frames_in_use != 0 ||
        report.vms_destroyed != 1) {
        fprintf(stderr,
                "posix_conformance: shutdown %s: %zu timers pending, %zu frames in use, "
                "%zu VMs\n",
                axv_strerror(rc), report.timers_pending, report.frames_in_use,
                report.vms_destroyed);
        return 101;
    }
    if (failed < 0)
        return 102;
    if (failed == 0 && result.passed == 0) {
        printf("SKIP posix_conformance: every case was skipped; nothing was checked\n");
        return 77;
    }
    return failed;
}
