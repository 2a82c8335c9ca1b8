/* qemu.riscv64.guest_fault: the guest runs behind G-stage translation, which maps it RAM
 * only. Its load from virt's UART (GPA 0x10000000, MMIO the G-stage map leaves out) takes a
 * load guest-page fault (scause 21) into the hypervisor, which reports it with the guest
 * physical address >> 2 in htval and ends the run with status 2. */
#include <axvisor_api/qemu_virt.h>

#define UART_GPA UINT64_C(0x10000000)

static uint8_t guest_stack[4096] __attribute__((aligned(16)));

static void guest_main(void) {
    volatile uint8_t *uart = (volatile uint8_t *)(uintptr_t)UART_GPA;
    (void)*uart;
    register uint64_t a0 __asm__("a0") = AXV_QEMU_HVC_EXIT;
    register uint64_t a1 __asm__("a1") = 1;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1) : "memory");
}

int axv_qemu_main(void) {
    axv_qemu_puts("qemu.riscv64.guest_fault: the guest loads from MMIO outside its G-stage map\n");
    int status = axv_qemu_run_guest(guest_main, guest_stack + sizeof guest_stack);
    axv_qemu_puts("qemu.riscv64.guest_fault: FAILED: the guest exited with status ");
    axv_qemu_put_dec((uint64_t)(int64_t)status);
    axv_qemu_puts("\n");
    return 1;
}
