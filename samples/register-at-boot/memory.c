/*
 * Memory: 1 MiB of "RAM" (a static array) whose physical base, 0x40000000, differs from its
 * virtual address, so a caller mixing the two up gets caught. A first-fit allocator over a
 * per-frame map: small, and it serves single frames and aligned runs alike. run_len[] is
 * what lets dealloc refuse frames that were never allocated, were freed already, or sit
 * inside a run.
 */
#include "tiny.h"

#define RAM_SIZE ((axv_paddr_t)TINY_RAM_FRAMES * AXV_FRAME_SIZE)

static _Alignas(AXV_FRAME_SIZE) unsigned char ram[TINY_RAM_FRAMES * AXV_FRAME_SIZE];
static bool used[TINY_RAM_FRAMES];
/* Frames in the allocation that starts at each frame; 0 where none starts. */
static size_t run_len[TINY_RAM_FRAMES];

static axv_paddr_t frame_phys(size_t index) {
    return TINY_RAM_PHYS_BASE + (axv_paddr_t)index * AXV_FRAME_SIZE;
}

static bool run_is_free(size_t first, size_t num) {
    for (size_t i = first; i < first + num; i++) {
        if (used[i])
            return false;
    }
    return true;
}

int axv_tiny_memory_alloc_contiguous_frames(size_t num_frames, size_t align_bytes,
                                            axv_paddr_t *first) {
    if (first == NULL || num_frames == 0 || num_frames > SIZE_MAX / AXV_FRAME_SIZE ||
        (align_bytes & (align_bytes - 1)) != 0)
        return AXV_EINVAL;
    if (num_frames > TINY_RAM_FRAMES)
        return AXV_ENOMEM;
    axv_paddr_t align = align_bytes < AXV_FRAME_SIZE ? AXV_FRAME_SIZE : (axv_paddr_t)align_bytes;
    /* The first frame whose physical address has the alignment, then every align-th one. */
    axv_paddr_t skip = (align - TINY_RAM_PHYS_BASE % align) % align;
    if (skip >= RAM_SIZE)
        return AXV_ENOMEM;
    size_t step = (size_t)(align / AXV_FRAME_SIZE);
    for (size_t i = (size_t)(skip / AXV_FRAME_SIZE); i + num_frames <= TINY_RAM_FRAMES; i += step) {
        if (!run_is_free(i, num_frames))
            continue;
        for (size_t j = i; j < i + num_frames; j++)
            used[j] = true;
        run_len[i] = num_frames;
        *first = frame_phys(i);
        return AXV_OK;
    }
    return AXV_ENOMEM;
}

int axv_tiny_memory_alloc_frame(axv_paddr_t *frame) {
    return axv_tiny_memory_alloc_contiguous_frames(1, 0, frame);
}

int axv_tiny_memory_dealloc_contiguous_frames(axv_paddr_t first, size_t num_frames) {
    if (first < TINY_RAM_PHYS_BASE || first - TINY_RAM_PHYS_BASE >= RAM_SIZE ||
        first % AXV_FRAME_SIZE != 0)
        return AXV_EINVAL;
    size_t index = (size_t)((first - TINY_RAM_PHYS_BASE) / AXV_FRAME_SIZE);
    if (num_frames == 0 || run_len[index] != num_frames)
        return AXV_EINVAL;
    run_len[index] = 0;
    for (size_t i = index; i < index + num_frames; i++)
        used[i] = false;
    return AXV_OK;
}

int axv_tiny_memory_dealloc_frame(axv_paddr_t frame) {
    return axv_tiny_memory_dealloc_contiguous_frames(frame, 1);
}

/* Translation cannot return an error: an address outside RAM is fatal, as the op list says. */
axv_vaddr_t axv_tiny_memory_phys_to_virt(axv_paddr_t paddr) {
    if (paddr < TINY_RAM_PHYS_BASE || paddr - TINY_RAM_PHYS_BASE >= RAM_SIZE)
        axv_fatal("memory.phys_to_virt: address outside the tiny platform's RAM");
    return (axv_vaddr_t)ram + (axv_vaddr_t)(paddr - TINY_RAM_PHYS_BASE);
}

axv_paddr_t axv_tiny_memory_virt_to_phys(axv_vaddr_t vaddr) {
    axv_vaddr_t start = (axv_vaddr_t)ram;
    if (vaddr < start || vaddr - start >= RAM_SIZE)
        axv_fatal("memory.virt_to_phys: address outside the tiny platform's RAM");
    return TINY_RAM_PHYS_BASE + (axv_paddr_t)(vaddr - start);
}
