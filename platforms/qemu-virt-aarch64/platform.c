/* The platform as a whole: its tables and the boot sequence after start.S. */
#include "qemu_internal.h"

/* NOLINTNEXTLINE(bugprone-reserved-identifier): image.ld defines it, in the linker's namespace */
extern char __image_end[];

static AXV_NORETURN void boot_fail(const char *what, int rc) {
    axv_qemu_puts("qemu-virt: ");
    axv_qemu_puts(what);
    axv_qemu_puts(": ");
    axv_qemu_puts(axv_strerror(rc));
    axv_qemu_puts("\n");
    axv_qemu_exit(1);
}

void axv_qemu_wait_for_interrupt(void) {
    __asm__ volatile("wfi" ::: "memory");
}

void axv_qemu_boot(void) {
    /* MMU first: from here RAM is Normal memory (atomics, and the read-only registry). */
    axv_qemu_mmu_build();
    axv_qemu_mmu_cpu_start();
    struct axv_qemu_board board;
    /* For an ELF -kernel QEMU puts the device tree at the start of RAM (x0 is not set). */
    int rc = axv_qemu_dtb_read((const void *)(uintptr_t)QEMU_RAM_BASE, &board);
    if (rc != AXV_OK)
        boot_fail("no usable device tree at the start of RAM", rc);
    uint64_t free_start = (uint64_t)(uintptr_t)__image_end;
    if (free_start < board.ram_base || free_start >= board.ram_base + board.ram_size)
        boot_fail("the image lies outside RAM", AXV_EINVAL);
    uint64_t ram_end = board.ram_base + board.ram_size;
    axv_qemu_memory_start(free_start,
                          ram_end < QEMU_MAPPED_RAM_END ? ram_end : QEMU_MAPPED_RAM_END);
    axv_qemu_smp_init_boot_cpu();
    axv_qemu_gic_start();
    axv_qemu_vgic_cpu_start();
    axv_qemu_time_start();
    /* After the distributor (secondaries only set up their own redistributor) and the
     * clock (the wait for each CPU is bounded in time). */
    axv_qemu_host_start(axv_qemu_smp_start_secondaries(&board));
    rc = axv_platform_install(&axv_qemu_virt_platform);
    if (rc != AXV_OK)
        boot_fail("installing the platform", rc);
    /* IRQs on only now: every part the handler uses is ready. */
    __asm__ volatile("msr daifclr, #2" ::: "memory");
    axv_qemu_exit(axv_qemu_main());
}
