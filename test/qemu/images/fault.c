/* qemu.fault: an unexpected exception at EL2 is reported (ESR/ELR/FAR) and ends the run
 * with a failing status, rather than hanging or passing. */
#include <axvisor_api/qemu_virt.h>

int axv_qemu_main(void) {
    axv_qemu_puts("qemu.fault: loading from beyond the physical address range\n");
    /* Outside the EL2 identity map (39-bit addresses, mmu.c): a translation fault. */
    volatile uint32_t *bad = (volatile uint32_t *)(uintptr_t)UINT64_C(0x0000ff0000000000);
    return (int)*bad;
}
