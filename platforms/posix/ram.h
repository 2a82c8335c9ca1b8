/* The RAM of the POSIX platform (ram.c): the mapped region and its frame allocator under one
 * lock. Calls only buddy.c below it; the memory ops (memory_ops.c) sit on top. */
#ifndef AXV_POSIX_RAM_H
#define AXV_POSIX_RAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <axvisor_api/types.h>

/* The region: @bytes of RAM at physical @phys, mapped at @virt. */
struct axv_posix_ram_region {
    uintptr_t virt;
    axv_paddr_t phys;
    size_t bytes;
};

/* True between start and stop. Thread-safe. */
bool axv_posix_ram_running(void);
/* Allocates @num_frames (>= 1) contiguous frames whose first page frame number is a
 * multiple of 2^@align_order; stores the first's physical address in @first. AXV_OK,
 * AXV_ENOMEM, or AXV_EPERM while stopped. Thread-safe. */
int axv_posix_ram_alloc(size_t num_frames, unsigned align_order, axv_paddr_t *first);
/* Frees the run at @first allocated with exactly @num_frames frames. AXV_OK, AXV_EINVAL
 * (not such a run; nothing changes), or AXV_EPERM while stopped. Thread-safe. */
int axv_posix_ram_free(axv_paddr_t first, size_t num_frames);
/* Copies the region's bounds into @region and answers true while it is mapped; false (and
 * nothing copied) otherwise. Lock-free; must not race with start or stop. */
bool axv_posix_ram_region(struct axv_posix_ram_region *region);

#endif /* AXV_POSIX_RAM_H */
