/* qemu.riscv64.boot: the platform boots in HS-mode (the hypervisor CSRs work), its console
 * and exit work, the frame allocator covers the RAM QEMU was given, and the hart count is
 * -smp's. The test passes "ram=<-m in MiB> cpus=<-smp>" as the command line (-append), so a
 * hard-coded RAM size or hart count, or a misread device tree, fails under one of the
 * configurations the tests use. */
#include <axvisor_api/qemu_virt.h>

#include "cmdline.h"

/* What the allocator may not hand out: OpenSBI's 2 MiB below the image, the image, its
 * stacks and page tables, and the allocator's bitmaps. */
#define MAX_RESERVED_BYTES (UINT64_C(4) << 20)

/* Allocates every free frame as a chain (each frame holds the previous one's address), then
 * frees them all; returns how many there were. */
static uint64_t count_frames(void) {
    axv_paddr_t head = 0, frame;
    uint64_t n = 0;
    while (axv_memory_alloc_frame(&frame) == AXV_OK) {
        *(volatile axv_paddr_t *)axv_memory_phys_to_virt(frame) = head;
        head = frame;
        n++;
    }
    while (head != 0) {
        axv_paddr_t next = *(volatile axv_paddr_t *)axv_memory_phys_to_virt(head);
        if (axv_memory_dealloc_frame(head) != AXV_OK)
            return 0;
        head = next;
    }
    return n;
}

int axv_qemu_main(void) {
    /* hgatp is a hypervisor CSR: reading it outside HS-mode (or without H) traps. */
    uint64_t hgatp;
    __asm__ volatile("csrr %0, hgatp" : "=r"(hgatp));
    char cmdline[256];
    if (axv_qemu_cmdline(cmdline, sizeof cmdline) != AXV_OK)
        cmdline[0] = '\0';
    uint64_t expected = cmdline_value(cmdline, "ram=") << 20;
    uint64_t expected_cpus = cmdline_value(cmdline, "cpus=");
    uint64_t free_bytes = count_frames() * AXV_FRAME_SIZE;

    axv_qemu_puts("qemu.riscv64.boot: hello from HS-mode on hart ");
    axv_qemu_put_dec(axv_qemu_cpu_hartid(0));
    axv_qemu_puts(", ");
    axv_qemu_put_dec(axv_host_cpu_num());
    axv_qemu_puts(" hart(s), ");
    axv_qemu_put_dec(free_bytes >> 10);
    axv_qemu_puts(" KiB of free frames, -m ");
    axv_qemu_put_dec(expected >> 20);
    axv_qemu_puts(" MiB\n");
    if (axv_host_cpu_num() != expected_cpus) {
        axv_qemu_puts("qemu.riscv64.boot: FAILED: the hart count does not match -smp\n");
        return 1;
    }
    if (expected == 0 || free_bytes > expected || expected - free_bytes > MAX_RESERVED_BYTES) {
        axv_qemu_puts("qemu.riscv64.boot: FAILED: free frames do not match the RAM size\n");
        return 1;
    }
    return 0;
}
