/* The boot sequence. The boot hart (any hart: OpenSBI picks it) does the one-time work (the
 * device tree, the page tables, memory, starting the others, installing the tables); every
 * hart, the boot hart included, then sets itself up with the same cpu_bringup(). */
#include "boot.h"

#include <axvisor_api/axvisor_api.h>
#include "aia.h"
#include "board.h"
#include "cpu.h"
#include "exit.h"
#include "gstage.h"
#include "memory.h"
#include "mmu.h"
#include "plic.h"
#include "riscv.h"
#include "smp.h"
#include "sstc.h"
#include "timer_queue.h"
#include "virq.h"

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

/* Everything a hart sets up for itself, in the same order on each. */
static void cpu_bringup(struct axv_qemu_cpu *cpu) {
    axv_qemu_mmu_cpu_start();
    axv_qemu_virq_cpu_start();
    axv_qemu_sstc_cpu_start();
    axv_qemu_timer_queue_cpu_start();
    axv_qemu_plic_cpu_start();
    axv_qemu_aia_cpu_start();
    /* IPIs: posted work and virtual interrupts from other harts. */
    CSR_SET(sie, UINT64_C(1) << IRQ_S_SOFT);
    axv_qemu_smp_report_online(cpu);
}

void axv_qemu_boot(uint64_t hartid, const void *dtb) {
    struct axv_qemu_cpu *cpu = axv_qemu_percpu_boot_cpu(hartid);
    struct axv_qemu_board board;
    int rc = axv_qemu_dtb_read(dtb, &board);
    if (rc != AXV_OK)
        boot_fail("no usable device tree in a1", rc);
    if (!board.has_h)
        boot_fail("the harts lack the H extension (riscv,isa)", AXV_ENOSYS);
    axv_qemu_board_set(&board);
    axv_qemu_exit_set_cmdline(board.bootargs);
    axv_qemu_mmu_build();
    axv_qemu_gstage_build();
    axv_qemu_sstc_start(board.timebase_hz);
    cpu_bringup(cpu);

    uint64_t free_start = (uint64_t)(uintptr_t)__image_end;
    if (free_start < board.ram_base || free_start >= board.ram_base + board.ram_size)
        boot_fail("the image lies outside RAM", AXV_EINVAL);
    uint64_t ram_end = board.ram_base + board.ram_size;
    axv_qemu_memory_start(free_start,
                          ram_end < QEMU_MAPPED_RAM_END ? ram_end : QEMU_MAPPED_RAM_END);
    /* The device tree stays where OpenSBI left it (near the top of RAM, on virt): the host
     * area reports its address, so its frames are never handed out. */
    axv_qemu_memory_reserve(axv_qemu_dtb_address(), axv_qemu_dtb_address() + axv_qemu_dtb_size());
    axv_qemu_riscv_probe();
    axv_qemu_percpu_set_count(axv_qemu_smp_start_secondaries(&board));
    rc = axv_platform_install(&axv_qemu_virt_platform);
    if (rc != AXV_OK)
        boot_fail("installing the platform", rc);
    /* Interrupts on only now: every part the handler uses is ready. */
    irq_enable();
    axv_qemu_exit(axv_qemu_main());
}

void axv_qemu_secondary_main(struct axv_qemu_cpu *cpu) {
    cpu_bringup(cpu);
    axv_qemu_smp_idle(cpu);
}
