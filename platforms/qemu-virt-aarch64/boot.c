/* The boot sequence. The boot CPU does the one-time work (the page tables, the distributor,
 * the device tree, memory, starting the others, installing the tables); every CPU, the boot
 * CPU included, then sets itself up with the same cpu_bringup(). */
#include "boot.h"

#include <axvisor_api/axvisor_api.h>
#include "board.h"
#include "generic_timer.h"
#include "gic.h"
#include "memory.h"
#include "mmu.h"
#include "smp.h"
#include "timer_queue.h"
#include "vgic.h"

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

/* Everything a CPU sets up for itself, in the same order on each. MMU first: from there RAM
 * is Normal memory (atomics, and the read-only registry). */
static void cpu_bringup(struct axv_qemu_cpu *cpu) {
    axv_qemu_mmu_cpu_start();
    cpu->mpidr = SYSREG_READ(mpidr_el1) & MPIDR_AFFINITY_MASK;
    axv_qemu_gic_cpu_start();
    axv_qemu_vgic_cpu_start();
    axv_qemu_generic_timer_cpu_start();
    axv_qemu_timer_queue_cpu_start();
    axv_qemu_smp_report_online(cpu);
}

void axv_qemu_boot(void) {
    /* What every CPU's bring-up relies on: the tables it turns on, and the distributor's
     * affinity routing, without which no CPU interface may be enabled. */
    axv_qemu_mmu_build();
    axv_qemu_gic_dist_start();
    cpu_bringup(axv_qemu_percpu_boot_cpu());

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
    /* Before the secondaries: the wait for each is bounded in time. */
    axv_qemu_generic_timer_start();
    axv_qemu_percpu_set_count(axv_qemu_smp_start_secondaries(&board));
    rc = axv_platform_install(&axv_qemu_virt_platform);
    if (rc != AXV_OK)
        boot_fail("installing the platform", rc);
    /* IRQs on only now: every part the handler uses is ready. */
    irq_enable();
    axv_qemu_exit(axv_qemu_main());
}

void axv_qemu_secondary_main(struct axv_qemu_cpu *cpu) {
    cpu_bringup(cpu);
    axv_qemu_smp_idle(cpu);
}
