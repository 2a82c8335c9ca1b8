/* qemu.riscv64.riscv_area(.aia): the riscv area and host.fdt_address on the real machine.
 * The VS-level bits land in (and leave) the calling hart's hvip; the device tree's address
 * is reported and its frames are never handed out (every frame is allocated and written,
 * and the tree's magic must survive); the interrupt controllers are the ones QEMU's virt
 * memory map places (hw/riscv/virt.c: PLIC 0x0c000000 without AIA; with aia=aplic-imsic
 * the supervisor APLIC domain at 0x0d000000 and the supervisor IMSICs at 0x28000000, one
 * 2^guest-index-bits-page group per hart); the IMSIC guest file count is -M's aia-guests,
 * which the test passes as "guests=<n>"; remote guest TLB fences run on every hart and
 * refuse what the contract refuses. */
#include <axvisor_api/qemu_virt.h>

#include "cmdline.h"

#define FDT_MAGIC 0xd00dfeedu
#define PLIC_BASE UINT64_C(0x0c000000)
#define APLIC_S_BASE UINT64_C(0x0d000000)
#define IMSIC_S_BASE UINT64_C(0x28000000)
#define PAGE UINT64_C(0x1000)

static int failures;

static void check(bool ok, const char *what) {
    axv_qemu_puts(ok ? "qemu.riscv64.riscv_area: ok   " : "qemu.riscv64.riscv_area: FAILED ");
    axv_qemu_puts(what);
    axv_qemu_puts("\n");
    failures += !ok;
}

static uint32_t be32(const volatile uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Allocates every free frame, writing each, then frees them all. */
static bool touch_every_frame(void) {
    axv_paddr_t head = 0, frame;
    while (axv_memory_alloc_frame(&frame) == AXV_OK) {
        volatile axv_paddr_t *p = (volatile axv_paddr_t *)axv_memory_phys_to_virt(frame);
        for (size_t i = 0; i < AXV_FRAME_SIZE / sizeof *p; i++)
            p[i] = head;
        head = frame;
    }
    while (head != 0) {
        axv_paddr_t next = *(volatile axv_paddr_t *)axv_memory_phys_to_virt(head);
        if (axv_memory_dealloc_frame(head) != AXV_OK)
            return false;
        head = next;
    }
    return true;
}

int axv_qemu_main(void) {
    char line[256];
    if (axv_qemu_cmdline(line, sizeof line) != AXV_OK)
        line[0] = '\0';
    bool aia = cmdline_value(line, "aia=") == 1;
    uint64_t guests = cmdline_value(line, "guests=");

    axv_paddr_t fdt = 0;
    check(axv_host_fdt_address(&fdt) == AXV_OK && fdt != 0, "host.fdt_address reports it");
    check(axv_host_fdt_address(NULL) == AXV_EINVAL, "host.fdt_address(NULL) is AXV_EINVAL");
    const volatile uint8_t *tree = (const volatile uint8_t *)axv_memory_phys_to_virt(fdt);
    check(fdt != 0 && be32(tree) == FDT_MAGIC, "the device tree is there");
    check(touch_every_frame() && fdt != 0 && be32(tree) == FDT_MAGIC,
          "no frame of the allocator overlaps the device tree");

    uint64_t flags;
    __asm__ volatile("csrrc %0, sstatus, %1" : "=r"(flags) : "r"(UINT64_C(2)));
    check(axv_riscv_set_vs_pending(2) == AXV_OK && axv_qemu_take_virtual_irq(AXV_QEMU_VIRQ_SOFT),
          "set_vs_pending(2) makes VSSIP pending on this hart");
    check(axv_riscv_set_vs_pending(6) == AXV_OK && axv_riscv_clear_vs_pending(6) == AXV_OK &&
              !axv_qemu_take_virtual_irq(AXV_QEMU_VIRQ_TIMER),
          "clear_vs_pending(6) withdraws VSTIP");
    check(axv_riscv_clear_vs_pending(10) == AXV_OK, "clearing a bit that is not set is AXV_OK");
    check(axv_riscv_set_vs_pending(3) == AXV_EINVAL && axv_riscv_clear_vs_pending(64) == AXV_EINVAL,
          "other bits are AXV_EINVAL");
    __asm__ volatile("csrs sstatus, %0" ::"r"(flags & 2u));

    axv_paddr_t base = 0;
    size_t files = 0;
    if (aia) {
        check(axv_riscv_host_plic_base(&base) == AXV_ENOENT, "no PLIC on the AIA machine");
        check(axv_riscv_host_aplic_base(&base) == AXV_OK && base == APLIC_S_BASE,
              "the supervisor APLIC domain at 0x0d000000");
        check(axv_riscv_imsic_guest_files(&files) == AXV_OK && files == guests,
              "as many IMSIC guest files as aia-guests");
        size_t bits = 0;
        while ((UINT64_C(1) << bits) < guests + 1u)
            bits++;
        /* CPU indices follow the boot order (CPU 0 is whichever hart OpenSBI picked), while
         * QEMU virt lays out hart h's IMSIC files at h * stride: expect the CPU's hart. */
        axv_paddr_t addr = 0;
        uint64_t stride = PAGE << bits;
        check(axv_riscv_imsic_file_address(0, 0, &addr) == AXV_OK &&
                  addr == IMSIC_S_BASE + axv_qemu_cpu_hartid(0) * stride,
              "CPU 0's supervisor file at 0x28000000 + its hart id * the stride");
        size_t last = axv_host_cpu_num() - 1u;
        check(axv_riscv_imsic_file_address(last, files, &addr) == AXV_OK &&
                  addr == IMSIC_S_BASE + axv_qemu_cpu_hartid(last) * stride + files * PAGE,
              "the last CPU's last guest file");
        check(axv_riscv_imsic_file_address(0, files + 1u, &addr) == AXV_EINVAL &&
                  axv_riscv_imsic_file_address(axv_host_cpu_num(), 0, &addr) == AXV_EINVAL,
              "a file beyond the count or an unknown hart is AXV_EINVAL");
    } else {
        check(axv_riscv_host_plic_base(&base) == AXV_OK && base == PLIC_BASE,
              "the PLIC at 0x0c000000");
        check(axv_riscv_host_aplic_base(&base) == AXV_ENOENT, "no APLIC without AIA");
        check(axv_riscv_imsic_guest_files(&files) == AXV_ENOENT &&
                  axv_riscv_imsic_file_address(0, 0, &base) == AXV_ENOENT,
              "no IMSIC without AIA");
    }

    uint64_t all = (UINT64_C(1) << axv_host_cpu_num()) - 1u;
    check(axv_riscv_remote_hfence_gvma(all, 0, 1, 0, SIZE_MAX) == AXV_OK &&
              axv_riscv_remote_hfence_gvma(all, 0, 1, 0x80000000u, 0x1000) == AXV_OK &&
              axv_riscv_remote_hfence_gvma(all, 0, 1, 0, 0) == AXV_OK,
          "remote_hfence_gvma on every hart");
    check(axv_riscv_remote_hfence_vvma(all, 0, 1, UINT32_MAX, 0, SIZE_MAX) == AXV_OK &&
              axv_riscv_remote_hfence_vvma(all, 0, 1, 0, 0x1000, 0x2000) == AXV_OK,
          "remote_hfence_vvma on every hart, one ASID or all");
    check(axv_riscv_remote_hfence_gvma(all << 1, 0, 1, 0, SIZE_MAX) == AXV_EINVAL &&
              axv_riscv_remote_hfence_gvma(1, 0, UINT32_MAX, 0, SIZE_MAX) == AXV_EINVAL &&
              axv_riscv_remote_hfence_gvma(1, 0, 1, UINT64_MAX, 2) == AXV_EINVAL &&
              axv_riscv_remote_hfence_vvma(1, 0, 1, 0x10000u, 0, SIZE_MAX) == AXV_EINVAL,
          "an unknown hart, a VMID or ASID too wide, a wrapping range are AXV_EINVAL");
    axv_qemu_puts(failures == 0 ? "qemu.riscv64.riscv_area: OK\n"
                                : "qemu.riscv64.riscv_area: FAILED\n");
    return failures == 0 ? 0 : 1;
}
