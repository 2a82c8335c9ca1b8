/* Reference memory: first-fit frames and runs from a static array. Its physical addresses
 * start at a fake base, so phys_to_virt is a real translation. */
#include <stdint.h>

#include "ref_internal.h"

#define RAM_FRAMES 2048u
/* 1 GiB: aligned well beyond the 2 MiB runs the suite asks for. */
#define PHYS_WINDOW UINT64_C(0x40000000)
#define FRAME ((axv_paddr_t)AXV_FRAME_SIZE)

/* One spare frame for the misaligned-base fault to slide into. */
static unsigned char ram[(RAM_FRAMES + 1u) * AXV_FRAME_SIZE] __attribute__((aligned(4096)));

enum frame_state { FRAME_FREE, FRAME_SINGLE, FRAME_HEAD, FRAME_BODY };
static unsigned char state[RAM_FRAMES];
static size_t run_len[RAM_FRAMES];

void ref_memory_reset(void) {
    for (size_t i = 0; i < RAM_FRAMES; i++) {
        state[i] = FRAME_FREE;
        run_len[i] = 0;
    }
}

size_t ref_ram_frames(void) {
    return RAM_FRAMES;
}

size_t ref_free_frames(void) {
    size_t n = 0;
    for (size_t i = 0; i < RAM_FRAMES; i++)
        n += state[i] == FRAME_FREE;
    return n;
}

static axv_paddr_t frame_base(void) {
    return PHYS_WINDOW + (ref_cfg.fault == REF_FAULT_MISALIGNED_FRAMES ? 0x100u : 0u);
}

static axv_paddr_t frame_addr(size_t i) {
    return frame_base() + i * FRAME;
}

/* The index of the frame starting exactly at p. */
static bool frame_index(axv_paddr_t p, size_t *index) {
    if (p < frame_base() || (p - frame_base()) % FRAME != 0)
        return false;
    axv_paddr_t i = (p - frame_base()) / FRAME;
    if (i >= RAM_FRAMES)
        return false;
    *index = (size_t)i;
    return true;
}

static int alloc_frame(axv_paddr_t *frame) {
    if (frame == NULL)
        return AXV_EINVAL;
    for (size_t i = 0; i < RAM_FRAMES; i++) {
        bool usable = state[i] == FRAME_FREE ||
                      (ref_cfg.fault == REF_FAULT_FRAMES_OVERLAP_RUNS && state[i] == FRAME_BODY);
        if (usable) {
            state[i] = FRAME_SINGLE;
            *frame = frame_addr(i);
            return AXV_OK;
        }
    }
    return AXV_ENOMEM;
}

static bool run_free(size_t first, size_t n) {
    for (size_t i = first; i < first + n; i++)
        if (state[i] != FRAME_FREE)
            return false;
    return true;
}

static int alloc_contiguous_frames(size_t num_frames, size_t align_bytes, axv_paddr_t *first) {
    if (first == NULL || num_frames == 0 || num_frames > SIZE_MAX / AXV_FRAME_SIZE)
        return AXV_EINVAL;
    if ((align_bytes & (align_bytes - 1u)) != 0)
        return AXV_EINVAL;
    axv_paddr_t align = align_bytes < AXV_FRAME_SIZE ? FRAME : (axv_paddr_t)align_bytes;
    if (ref_cfg.fault == REF_FAULT_CONTIGUOUS_IGNORES_ALIGN)
        align = FRAME;
    for (size_t i = 0; num_frames <= RAM_FRAMES && i <= RAM_FRAMES - num_frames; i++) {
        /* Aligned relative to the base: right only while the base itself is aligned,
         * which REF_FAULT_MISALIGNED_FRAMES breaks. */
        if ((axv_paddr_t)i * FRAME % align != 0 || !run_free(i, num_frames))
            continue;
        state[i] = FRAME_HEAD;
        run_len[i] = num_frames;
        for (size_t j = i + 1; j < i + num_frames; j++)
            state[j] = FRAME_BODY;
        *first = frame_addr(i);
        return AXV_OK;
    }
    return AXV_ENOMEM;
}

static int dealloc_frame(axv_paddr_t frame) {
    size_t i;
    if (!frame_index(frame, &i))
        return AXV_EINVAL;
    bool allocated = state[i] == FRAME_SINGLE ||
                     (ref_cfg.fault == REF_FAULT_DOUBLE_FREE_ACCEPTED && state[i] == FRAME_FREE);
    if (!allocated)
        return AXV_EINVAL;
    state[i] = FRAME_FREE;
    return AXV_OK;
}

static int dealloc_contiguous_frames(axv_paddr_t first, size_t num_frames) {
    size_t i;
    if (!frame_index(first, &i) || state[i] != FRAME_HEAD || run_len[i] != num_frames)
        return AXV_EINVAL;
    for (size_t j = i; j < i + num_frames; j++)
        state[j] = FRAME_FREE;
    run_len[i] = 0;
    return AXV_OK;
}

static axv_vaddr_t phys_to_virt(axv_paddr_t paddr) {
    if (paddr < PHYS_WINDOW || paddr - PHYS_WINDOW >= sizeof(ram))
        axv_fatal("ref.memory: phys_to_virt outside RAM");
    return (axv_vaddr_t)ram + (axv_vaddr_t)(paddr - PHYS_WINDOW);
}

static axv_paddr_t virt_to_phys(axv_vaddr_t vaddr) {
    axv_vaddr_t base = (axv_vaddr_t)ram;
    if (vaddr < base || vaddr - base >= sizeof(ram))
        axv_fatal("ref.memory: virt_to_phys outside RAM");
    return PHYS_WINDOW + (vaddr - base);
}

const struct axv_memory_ops ref_memory_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_memory_ops),
    .alloc_frame = alloc_frame,
    .alloc_contiguous_frames = alloc_contiguous_frames,
    .dealloc_frame = dealloc_frame,
    .dealloc_contiguous_frames = dealloc_contiguous_frames,
    .phys_to_virt = phys_to_virt,
    .virt_to_phys = virt_to_phys,
};
