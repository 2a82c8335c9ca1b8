/* A consumer of the installed POSIX platform: boots it, runs a one-vCPU VM that takes an
 * injected interrupt, and shuts it down with nothing left over. */
#define _POSIX_C_SOURCE 200809L

#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/posix.h>

static _Atomic axv_irq_t taken = AXV_POSIX_SPURIOUS_IRQ;

static void guest(void *arg) {
    (void)arg;
    while (!axv_posix_guest_should_stop() && atomic_load(&taken) == AXV_POSIX_SPURIOUS_IRQ) {
        if (axv_posix_guest_halt(1000000000u) == AXV_OK)
            atomic_store(&taken, axv_posix_guest_ack());
    }
}

/* Waits up to 5 s for the guest to take the interrupt. */
static void wait_taken(void) {
    const struct timespec ms = {.tv_sec = 0, .tv_nsec = 1000000};
    for (int i = 0; i < 5000 && atomic_load(&taken) == AXV_POSIX_SPURIOUS_IRQ; i++)
        nanosleep(&ms, NULL);
}

int main(void) {
    axv_vm_id_t vm;
    axv_paddr_t frame;
    struct axv_posix_shutdown_report report;
    if (axv_posix_init(NULL) != AXV_OK || axv_platform_install(&axv_posix_platform) != AXV_OK ||
        axv_memory_alloc_frame(&frame) != AXV_OK || axv_memory_dealloc_frame(frame) != AXV_OK ||
        axv_posix_vm_create(1, guest, NULL, &vm) != AXV_OK || axv_posix_vm_start(vm) != AXV_OK ||
        axv_vmm_inject_interrupt(vm, 0, 42) != AXV_OK) {
        puts("posix consumer: a call failed");
        return 1;
    }
    wait_taken();
    if (axv_posix_vm_destroy(vm) != AXV_OK || axv_posix_shutdown(&report) != AXV_OK) {
        puts("posix consumer: shutting down failed");
        return 1;
    }
    axv_irq_t irq = atomic_load(&taken);
    printf("posix consumer: the guest took INTID %u; shutdown left %zu timers, %zu VMs, %zu "
           "frames\n",
           (unsigned)irq, report.timers_pending, report.vms_destroyed, report.frames_in_use);
    return irq == 42 && report.timers_pending + report.vms_destroyed + report.frames_in_use == 0
               ? 0
               : 1;
}
