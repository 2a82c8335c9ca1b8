/* qemu.riscv64.seal: the platform runs with Sv39 translation on, and axv_api_seal() really
 * makes the registry read-only: it succeeds, calls through the sealed registry still work,
 * and a write into an area's slot takes a store page fault (scause 15) at the slot, which
 * the platform reports (status 2). Run at -smp 2: the other hart's translation is fenced
 * too (SBI remote sfence.vma), which qemu.riscv64.seal.smp2 checks from that hart. */
#include <axvisor_api/qemu_virt.h>

#include "cmdline.h"

#define SATP_MODE_SHIFT 60u
#define SATP_MODE_SV39 8u

static void write_slot(void *arg) {
    volatile uint8_t *slot = arg;
    uint8_t byte = *slot;
    axv_qemu_puts("qemu.riscv64.seal: hart 1 writes the sealed slot; it must fault\n");
    *slot = byte;
    axv_qemu_puts("qemu.riscv64.seal: FAILED: the write from hart 1 went through\n");
    axv_qemu_exit(1);
}

int axv_qemu_main(void) {
    uint64_t satp;
    __asm__ volatile("csrr %0, satp" : "=r"(satp));
    if (satp >> SATP_MODE_SHIFT != SATP_MODE_SV39) {
        axv_qemu_puts("qemu.riscv64.seal: FAILED: Sv39 translation is off\n");
        return 1;
    }
    int rc = axv_api_seal();
    axv_qemu_puts("qemu.riscv64.seal: axv_api_seal: ");
    axv_qemu_puts(axv_strerror(rc));
    axv_qemu_puts("\n");
    if (rc != AXV_OK || axv_host_cpu_num() == 0) {
        axv_qemu_puts("qemu.riscv64.seal: FAILED: sealing did not protect the registry\n");
        return 1;
    }
    volatile uint8_t *slot = axv_memory_area.slot;
    axv_qemu_puts("qemu.riscv64.seal: slot at ");
    axv_qemu_put_hex((uint64_t)(uintptr_t)slot);
    axv_qemu_puts("\n");
    char line[256];
    if (axv_qemu_cmdline(line, sizeof line) == AXV_OK && cmdline_value(line, "from_hart=") == 1) {
        if (axv_qemu_cpu_run(1, write_slot, (void *)(uintptr_t)slot) != AXV_OK) {
            axv_qemu_puts("qemu.riscv64.seal: FAILED: hart 1 is not online\n");
            return 1;
        }
        for (;;)
            axv_qemu_wait_for_interrupt();
    }
    uint8_t byte = *slot;
    axv_qemu_puts("qemu.riscv64.seal: the slot reads; writing it must fault\n");
    *slot = byte;
    axv_qemu_puts("qemu.riscv64.seal: FAILED: the write to a sealed slot went through\n");
    return 1;
}
