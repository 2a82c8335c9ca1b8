/* Memory area: a bitmap frame allocator over the RAM after the image. Physical and virtual
 * addresses are the same (mmu.c maps RAM 1:1; the same allocator as the AArch64 platform's). The
 * bitmap itself occupies the first frames of that range. A set bit is an allocated frame, so
 * freeing a free frame is detected. Run starts are recorded in a second bitmap so a partial or
 * misaligned contiguous free is refused (every frame in a run must be freed by the run's own call).
 * One lock for all of it: any hart may allocate or free. */
#include "memory.h"

#include <stdbool.h>
#include "ops.h"
#include "spinlock.h"

static struct axv_qemu_lock lock;

static uint64_t *used;       /* bit i: frame i allocated */
static uint64_t *run_start;  /* bit i: frame i starts a run allocated as a whole */
static uint64_t *run_member; /* bit i: frame i belongs to a contiguous run */
static uint64_t first_frame; /* physical address of frame 0 */
static size_t num_frames;
static size_t next_hint; /* where the single-frame search starts: keeps it near O(1) */

static bool test(const uint64_t *map, size_t i) {
    return (map[i / 64] >> (i % 64)) & 1u;
}
static void set(uint64_t *map, size_t i) {
    map[i / 64] |= UINT64_C(1) << (i % 64);
}
static void clear(uint64_t *map, size_t i) {
    map[i / 64] &= ~(UINT64_C(1) << (i % 64));
}

void axv_qemu_memory_start(uint64_t free_start, uint64_t ram_end) {
    uint64_t start = (free_start + AXV_FRAME_SIZE - 1) & ~(uint64_t)(AXV_FRAME_SIZE - 1);
    size_t frames = (size_t)((ram_end - start) / AXV_FRAME_SIZE);
    size_t words = (frames + 63) / 64;
    size_t map_frames = (3 * words * sizeof(uint64_t) + AXV_FRAME_SIZE - 1) / AXV_FRAME_SIZE;
    used = (uint64_t *)(uintptr_t)start;
    run_start = used + words;
    run_member = run_start + words;
    for (size_t i = 0; i < 3 * words; i++)
        used[i] = 0;
    first_frame = start + (uint64_t)map_frames * AXV_FRAME_SIZE;
    num_frames = frames - map_frames;
    next_hint = 0;
}

void axv_qemu_memory_reserve(uint64_t start, uint64_t end) {
    /* Used and a run member without a run start: dealloc_frame refuses a run member, and
     * dealloc_contiguous_frames a frame that starts no run. */
    for (uint64_t addr = start & ~(uint64_t)(AXV_FRAME_SIZE - 1); addr < end;
         addr += AXV_FRAME_SIZE) {
        if (addr < first_frame)
            continue;
        uint64_t i = (addr - first_frame) / AXV_FRAME_SIZE;
        if (i >= num_frames)
            break;
        set(used, (size_t)i);
        set(run_member, (size_t)i);
    }
}

static bool frame_index(axv_paddr_t frame, size_t *index) {
    if (frame < first_frame || frame % AXV_FRAME_SIZE != 0)
        return false;
    uint64_t i = (frame - first_frame) / AXV_FRAME_SIZE;
    if (i >= num_frames)
        return false;
    *index = (size_t)i;
    return true;
}

int axv_qemu_memory_alloc_frame(axv_paddr_t *frame) {
    if (frame == NULL)
        return AXV_EINVAL;
    uint64_t flags = lock_irqsave(&lock);
    for (size_t n = 0; n < num_frames; n++) {
        size_t i = (next_hint + n) % num_frames;
        if (!test(used, i)) {
            set(used, i);
            next_hint = (i + 1) % num_frames;
            unlock_irqrestore(&lock, flags);
            *frame = first_frame + (uint64_t)i * AXV_FRAME_SIZE;
            return AXV_OK;
        }
    }
    unlock_irqrestore(&lock, flags);
    return AXV_ENOMEM;
}

int axv_qemu_memory_alloc_contiguous_frames(size_t count, size_t align_bytes, axv_paddr_t *first) {
    if (first == NULL || count == 0 || count > SIZE_MAX / AXV_FRAME_SIZE)
        return AXV_EINVAL;
    if (align_bytes & (align_bytes - 1))
        return AXV_EINVAL;
    uint64_t align = align_bytes < AXV_FRAME_SIZE ? AXV_FRAME_SIZE : align_bytes;
    if (count > num_frames)
        return AXV_ENOMEM;
    uint64_t flags = lock_irqsave(&lock);
    uint64_t addr = (first_frame + align - 1) & ~(align - 1);
    /* Candidates are the aligned addresses; the run must lie wholly inside the range. */
    while (addr >= first_frame && (addr - first_frame) / AXV_FRAME_SIZE + count <= num_frames) {
        size_t start = (size_t)((addr - first_frame) / AXV_FRAME_SIZE);
        size_t k = 0;
        while (k < count && !test(used, start + k))
            k++;
        if (k == count) {
            for (k = 0; k < count; k++) {
                set(used, start + k);
                set(run_member, start + k);
            }
            set(run_start, start);
            unlock_irqrestore(&lock, flags);
            *first = addr;
            return AXV_OK;
        }
        /* Skip past the used frame found, to the next aligned candidate. */
        uint64_t past = first_frame + (uint64_t)(start + k + 1) * AXV_FRAME_SIZE;
        addr = (past + align - 1) & ~(align - 1);
    }
    unlock_irqrestore(&lock, flags);
    return AXV_ENOMEM;
}

int axv_qemu_memory_dealloc_frame(axv_paddr_t frame) {
    size_t i;
    if (!frame_index(frame, &i))
        return AXV_EINVAL;
    uint64_t flags = lock_irqsave(&lock);
    int rc = AXV_EINVAL;
    if (test(used, i) && !test(run_member, i)) {
        clear(used, i);
        rc = AXV_OK;
    }
    unlock_irqrestore(&lock, flags);
    return rc;
}

int axv_qemu_memory_dealloc_contiguous_frames(axv_paddr_t first, size_t count) {
    size_t start;
    if (count == 0 || !frame_index(first, &start) || count > num_frames - start)
        return AXV_EINVAL;
    uint64_t flags = lock_irqsave(&lock);
    int rc = AXV_EINVAL;
    if (test(run_start, start)) {
        /* The run must be exactly this long: run members up to count, then not ours. */
        size_t k = 1;
        while (k < count && test(run_member, start + k) && !test(run_start, start + k))
            k++;
        bool longer = start + count < num_frames && test(run_member, start + count) &&
                      !test(run_start, start + count);
        if (k == count && !longer) {
            for (k = 0; k < count; k++) {
                clear(used, start + k);
                clear(run_member, start + k);
            }
            clear(run_start, start);
            rc = AXV_OK;
        }
    }
    unlock_irqrestore(&lock, flags);
    return rc;
}

axv_vaddr_t axv_qemu_memory_phys_to_virt(axv_paddr_t paddr) {
    return (axv_vaddr_t)paddr;
}

axv_paddr_t axv_qemu_memory_virt_to_phys(axv_vaddr_t vaddr) {
    return (axv_paddr_t)vaddr;
}
