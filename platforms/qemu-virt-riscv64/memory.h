/* The frame allocator behind the memory area (memory.c). */
#ifndef AXV_QEMU_MEMORY_H
#define AXV_QEMU_MEMORY_H

#include <stdint.h>

/* Hands out the frames of [free_start, ram_end): once, on the boot CPU. */
void axv_qemu_memory_start(uint64_t free_start, uint64_t ram_end);
/* Takes the frames covering [start, end) out for good (the device tree): neither op frees
 * them. Once, on the boot hart, after axv_qemu_memory_start(). */
void axv_qemu_memory_reserve(uint64_t start, uint64_t end);

#endif /* AXV_QEMU_MEMORY_H */
