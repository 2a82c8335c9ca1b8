/* Single-frame cases: distinct and aligned, writable and translatable, the errors of
 * alloc_frame and dealloc_frame. */
#include "memory.h"

/* Word j of a frame's test pattern: differs per frame, per word and per pass. */
static uint64_t pattern(axv_paddr_t frame, size_t j, uint64_t pass) {
    return (frame ^ pass) + (uint64_t)j * UINT64_C(0x9e3779b97f4a7c15);
}

void axv_conf_case_alloc_frame_distinct_aligned(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, memory, alloc_frame) || !AXV_CONF_REQUIRE(c, memory, dealloc_frame))
        return;
    axv_paddr_t frames[8];
    size_t n = axv_conf_alloc_frames(c, frames, AXV_CONF_COUNT(frames));
    for (size_t i = 0; i < n; i++) {
        if ((frames[i] & (AXV_CONF_FRAME - 1u)) != 0)
            axv_conf_fail_addr(c, "frame ", frames[i], " is not 4 KiB aligned");
        for (size_t j = 0; j < i; j++)
            if (axv_conf_ranges_overlap(frames[i], 1, frames[j], 1))
                axv_conf_fail_addr(c, "frame ", frames[i], " overlaps another allocated frame");
    }
    axv_conf_free_frames(c, frames, n);
}

void axv_conf_case_frames_writable(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, memory, alloc_frame) || !AXV_CONF_REQUIRE(c, memory, dealloc_frame) ||
        !AXV_CONF_REQUIRE(c, memory, phys_to_virt) || !AXV_CONF_REQUIRE(c, memory, virt_to_phys))
        return;
    axv_paddr_t frames[4];
    size_t n = axv_conf_alloc_frames(c, frames, AXV_CONF_COUNT(frames));
    bool writable = n == AXV_CONF_COUNT(frames);
    for (size_t i = 0; i < n && writable; i++)
        writable = axv_conf_word_aligned(c, frames[i]);
    /* Two passes with complementary patterns: every bit is written both ways. All frames
     * are written before any is read back, so frames sharing memory show up too. */
    static const uint64_t passes[2] = {UINT64_C(0x5a5a5a5a5a5a5a5a), UINT64_C(0xa5a5a5a5a5a5a5a5)};
    for (size_t p = 0; p < 2 && writable && !axv_conf_failed(c); p++) {
        for (size_t i = 0; i < n; i++) {
            volatile uint64_t *w = axv_conf_frame_words(frames[i]);
            for (size_t j = 0; j < AXV_CONF_WORDS_PER_FRAME; j++)
                w[j] = pattern(frames[i], j, passes[p]);
        }
        for (size_t i = 0; i < n && !axv_conf_failed(c); i++) {
            volatile uint64_t *w = axv_conf_frame_words(frames[i]);
            for (size_t j = 0; j < AXV_CONF_WORDS_PER_FRAME; j++) {
                if (w[j] != pattern(frames[i], j, passes[p])) {
                    struct axv_conf_text *t = axv_conf_fail(c);
                    axv_conf_put_str(t, "word ");
                    axv_conf_put_dec(t, j);
                    axv_conf_put_str(t, " of frame ");
                    axv_conf_put_hex(t, frames[i]);
                    axv_conf_put_str(t, " did not keep what was written through phys_to_virt");
                    break;
                }
            }
        }
    }
    /* virt_to_phys undoes phys_to_virt anywhere in a frame. */
    for (size_t i = 0; i < n; i++) {
        axv_paddr_t probes[2] = {frames[i], frames[i] + AXV_CONF_FRAME - sizeof(uint64_t)};
        for (size_t k = 0; k < 2; k++) {
            axv_paddr_t back = axv_memory_virt_to_phys(axv_memory_phys_to_virt(probes[k]));
            if (back != probes[k]) {
                struct axv_conf_text *t = axv_conf_fail(c);
                axv_conf_put_str(t, "virt_to_phys(phys_to_virt(");
                axv_conf_put_hex(t, probes[k]);
                axv_conf_put_str(t, ")) is ");
                axv_conf_put_hex(t, back);
            }
        }
    }
    axv_conf_free_frames(c, frames, n);
}

void axv_conf_case_dealloc_frame_invalid(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, memory, alloc_frame) || !AXV_CONF_REQUIRE(c, memory, dealloc_frame))
        return;
    axv_conf_expect_status(c, "dealloc_frame of a frame outside RAM",
                           axv_memory_dealloc_frame(AXV_CONF_FOREIGN_FRAME), AXV_EINVAL);
    axv_paddr_t frame;
    if (axv_conf_alloc_frames(c, &frame, 1) != 1)
        return;
    axv_conf_expect_status(c, "dealloc_frame of a misaligned address inside an allocated frame",
                           axv_memory_dealloc_frame(frame + 8u), AXV_EINVAL);
    /* The refused free must have left the frame allocated. */
    axv_conf_expect_status(c, "dealloc_frame of the frame after a refused misaligned free",
                           axv_memory_dealloc_frame(frame), AXV_OK);
}

void axv_conf_case_dealloc_frame_twice(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, memory, alloc_frame) || !AXV_CONF_REQUIRE(c, memory, dealloc_frame))
        return;
    axv_paddr_t frame;
    if (axv_conf_alloc_frames(c, &frame, 1) != 1)
        return;
    if (axv_conf_expect_status(c, "dealloc_frame", axv_memory_dealloc_frame(frame), AXV_OK))
        axv_conf_expect_status(c, "dealloc_frame of an already freed frame",
                               axv_memory_dealloc_frame(frame), AXV_EINVAL);
}

void axv_conf_case_alloc_frame_null(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, memory, alloc_frame))
        return;
    axv_conf_expect_status(c, "alloc_frame(NULL)", axv_memory_alloc_frame(NULL), AXV_EINVAL);
}
