/* The memory area's table, and exhaustion: every frame allocated, then all of them again
 * after freeing. */
#include "memory.h"

/* Allocates single frames until AXV_ENOMEM or max_frames of them, chaining each to the one
 * before through its first word (the suite keeps no list of its own). Returns how many it
 * holds; *head is the last one; *rc_out the status that ended the loop. */
static size_t alloc_chain(struct axv_conf_case *c, size_t max_frames, axv_paddr_t *head,
                          int *rc_out) {
    size_t n = 0;
    int rc = AXV_OK;
    while (n < max_frames) {
        axv_paddr_t frame;
        rc = axv_memory_alloc_frame(&frame);
        if (rc != AXV_OK)
            break;
        if (!axv_conf_word_aligned(c, frame)) {
            (void)axv_memory_dealloc_frame(frame);
            break;
        }
        *axv_conf_frame_words(frame) = *head;
        *head = frame;
        n++;
    }
    *rc_out = rc;
    return n;
}

static void free_chain(struct axv_conf_case *c, axv_paddr_t head, size_t n) {
    for (size_t i = 0; i < n; i++) {
        axv_paddr_t next = *axv_conf_frame_words(head);
        if (axv_memory_dealloc_frame(head) != AXV_OK) {
            /* The chain may be corrupt: stop rather than free garbage. */
            axv_conf_fail_addr(c, "dealloc_frame refused the allocated frame ", head,
                               " while freeing everything after exhaustion");
            return;
        }
        head = next;
    }
}

static void case_exhaustion(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, memory, alloc_frame) || !AXV_CONF_REQUIRE(c, memory, dealloc_frame) ||
        !AXV_CONF_REQUIRE(c, memory, phys_to_virt))
        return;
    size_t budget = c->run->max_frames;
    axv_paddr_t head = 0;
    int rc;
    size_t n = alloc_chain(c, budget, &head, &rc);
    bool exhausted = rc == AXV_ENOMEM;
    if (!exhausted && n < budget && !axv_conf_failed(c))
        axv_conf_expect_status(c, "alloc_frame", rc, AXV_ENOMEM);
    if (exhausted && axv_memory_implements(axv_memory_op_alloc_contiguous_frames)) {
        axv_paddr_t run;
        int run_rc = axv_memory_alloc_contiguous_frames(1, 0, &run);
        if (!axv_conf_expect_status(c, "alloc_contiguous_frames(1, 0) with no frame free", run_rc,
                                    AXV_ENOMEM) &&
            run_rc == AXV_OK && axv_memory_implements(axv_memory_op_dealloc_contiguous_frames))
            (void)axv_memory_dealloc_contiguous_frames(run, 1);
    }
    free_chain(c, head, n);
    if (axv_conf_failed(c))
        return;
    if (!exhausted) {
        struct axv_conf_text *t = axv_conf_skip(c);
        axv_conf_put_str(t, "the platform has more than ");
        axv_conf_put_dec(t, budget);
        axv_conf_put_str(t, " free frames, the memory budget (options.max_frames)");
        return;
    }
    /* Everything freed: the same number of frames must be there again. */
    axv_paddr_t again_head = 0;
    size_t again = alloc_chain(c, n, &again_head, &rc);
    if (again < n && !axv_conf_failed(c)) {
        struct axv_conf_text *t = axv_conf_fail(c);
        axv_conf_put_str(t, "after freeing all ");
        axv_conf_put_dec(t, n);
        axv_conf_put_str(t, " frames only ");
        axv_conf_put_dec(t, again);
        axv_conf_put_str(t, " could be allocated again (");
        axv_conf_put_status(t, rc);
        axv_conf_put_str(t, ")");
    }
    free_chain(c, again_head, again);
}

static const struct axv_conf_case_def memory_cases[] = {
    {"alloc_frame_distinct_aligned", axv_conf_case_alloc_frame_distinct_aligned},
    {"frames_writable", axv_conf_case_frames_writable},
    {"contiguous_alignment", axv_conf_case_contiguous_alignment},
    {"contiguous_no_overlap", axv_conf_case_contiguous_no_overlap},
    {"dealloc_frame_invalid", axv_conf_case_dealloc_frame_invalid},
    {"dealloc_frame_twice", axv_conf_case_dealloc_frame_twice},
    {"dealloc_contiguous_invalid", axv_conf_case_dealloc_contiguous_invalid},
    {"dealloc_contiguous_twice", axv_conf_case_dealloc_contiguous_twice},
    {"alloc_frame_null", axv_conf_case_alloc_frame_null},
    {"alloc_contiguous_null", axv_conf_case_alloc_contiguous_null},
    {"alloc_contiguous_bad_align", axv_conf_case_alloc_contiguous_bad_align},
    {"alloc_contiguous_zero", axv_conf_case_alloc_contiguous_zero},
    {"alloc_contiguous_overflow", axv_conf_case_alloc_contiguous_overflow},
    {"exhaustion", case_exhaustion},
};

const struct axv_conf_area_cases axv_conf_memory_cases = {memory_cases,
                                                          AXV_CONF_COUNT(memory_cases)};
