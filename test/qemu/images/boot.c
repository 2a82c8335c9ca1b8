/* qemu.boot: the platform boots at EL2, its console and exit work, and the frame allocator
 * covers the RAM QEMU was given. The test passes "ram=<-m in MiB> cpus=<-smp>" as the
 * command line (-append), so a hard-coded RAM size or CPU count, or a misread device tree,
 * fails under one of the configurations the tests use. */
#include <axvisor_api/qemu_virt.h>

#include "cmdline.h"

/* What the allocator may not hand out: the DTB area below the image, the image, its stack
 * and the allocator's bitmaps. */
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
    uint64_t el;
    __asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
    /* Room for the kernel path QEMU puts first. */
    char cmdline[512];
    if (axv_qemu_cmdline(cmdline, sizeof cmdline) != AXV_OK)
        cmdline[0] = '\0';
    uint64_t expected = cmdline_value(cmdline, "ram=") << 20;
    uint64_t expected_cpus = cmdline_value(cmdline, "cpus=");
    uint64_t free_bytes = count_frames() * AXV_FRAME_SIZE;

    axv_qemu_puts("qemu.boot: hello from EL");
    axv_qemu_put_dec(el >> 2);
    axv_qemu_puts(", ");
    axv_qemu_put_dec(axv_host_cpu_num());
    axv_qemu_puts(" CPU(s), ");
    axv_qemu_put_dec(free_bytes >> 10);
    axv_qemu_puts(" KiB of free frames, -m ");
    axv_qemu_put_dec(expected >> 20);
    axv_qemu_puts(" MiB\n");
    if (el >> 2 != 2) {
        axv_qemu_puts("qemu.boot: FAILED: not at EL2\n");
        return 1;
    }
    if (axv_host_cpu_num() != expected_cpus) {
        axv_qemu_puts("qemu.boot: FAILED: the CPU count does not match -smp\n");
        return 1;
    }
    if (expected == 0 || free_bytes > expected || expected - free_bytes > MAX_RESERVED_BYTES) {
        axv_qemu_puts("qemu.boot: FAILED: free frames do not match the RAM size\n");
        return 1;
    }
    return 0;
}
