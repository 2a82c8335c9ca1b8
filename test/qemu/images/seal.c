/* qemu.seal: the platform runs with the EL2 MMU on, and axv_api_seal() really makes the
 * registry read-only: it succeeds (no longer AXV_ENOSYS), calls through the sealed registry
 * still work, and a write into an area's slot takes a permission fault, which the platform
 * reports (status 2) with the ESR of a level-3 permission fault on a write. */
#include <axvisor_api/qemu_virt.h>

#define SCTLR_M 1u

int axv_qemu_main(void) {
    uint64_t sctlr;
    __asm__ volatile("mrs %0, sctlr_el2" : "=r"(sctlr));
    if (!(sctlr & SCTLR_M)) {
        axv_qemu_puts("qemu.seal: FAILED: the EL2 MMU is off\n");
        return 1;
    }
    int rc = axv_api_seal();
    axv_qemu_puts("qemu.seal: axv_api_seal: ");
    axv_qemu_puts(axv_strerror(rc));
    axv_qemu_puts("\n");
    if (rc != AXV_OK || axv_host_cpu_num() == 0) {
        axv_qemu_puts("qemu.seal: FAILED: sealing did not protect the registry\n");
        return 1;
    }
    volatile uint8_t *slot = axv_memory_area.slot;
    uint8_t byte = *slot;
    axv_qemu_puts("qemu.seal: the slot reads; writing it must fault\n");
    *slot = byte;
    axv_qemu_puts("qemu.seal: FAILED: the write to a sealed slot went through\n");
    return 1;
}
