/* qemu.riscv64.fault: an unexpected exception in HS-mode is reported (scause, sepc, stval)
 * and ends the run with a failing status, rather than hanging or passing. */
#include <axvisor_api/qemu_virt.h>

int axv_qemu_main(void) {
    axv_qemu_puts("qemu.riscv64.fault: loading from outside the Sv39 map\n");
    /* Past the 4 GiB the map covers (mmu.c), and canonical for Sv39: a load page fault. */
    volatile uint32_t *bad = (volatile uint32_t *)(uintptr_t)UINT64_C(0x0000002000000000);
    return (int)*bad;
}
