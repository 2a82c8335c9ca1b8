/* Frame helpers shared by the memory cases. */
#include "memory.h"

void axv_conf_fail_addr(struct axv_conf_case *c, const char *before, axv_paddr_t addr,
                        const char *after) {
    struct axv_conf_text *t = axv_conf_fail(c);
    axv_conf_put_str(t, before);
    axv_conf_put_hex(t, addr);
    axv_conf_put_str(t, after);
}

size_t axv_conf_alloc_frames(struct axv_conf_case *c, axv_paddr_t *frames, size_t n) {
    for (size_t i = 0; i < n; i++) {
        int rc = axv_memory_alloc_frame(&frames[i]);
        if (!axv_conf_expect_status(c, "alloc_frame", rc, AXV_OK))
            return i;
    }
    return n;
}

void axv_conf_free_frames(struct axv_conf_case *c, const axv_paddr_t *frames, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (axv_memory_dealloc_frame(frames[i]) != AXV_OK)
            axv_conf_fail_addr(c, "dealloc_frame refused the allocated frame ", frames[i], "");
}

bool axv_conf_ranges_overlap(axv_paddr_t a, size_t a_frames, axv_paddr_t b, size_t b_frames) {
    return a < b + b_frames * AXV_CONF_FRAME && b < a + a_frames * AXV_CONF_FRAME;
}

bool axv_conf_word_aligned(struct axv_conf_case *c, axv_paddr_t frame) {
    if ((frame & (sizeof(uint64_t) - 1u)) == 0)
        return true;
    axv_conf_fail_addr(c, "frame ", frame, " is not even 8-byte aligned");
    return false;
}

volatile uint64_t *axv_conf_frame_words(axv_paddr_t frame) {
    return (volatile uint64_t *)axv_memory_phys_to_virt(frame);
}
