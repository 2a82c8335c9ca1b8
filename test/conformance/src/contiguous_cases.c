/* Contiguous-run cases: alignment, no overlap with frames or runs, the errors of
 * alloc_contiguous_frames and dealloc_contiguous_frames. */
#include "memory.h"

/* Alignments checked: 0 (frame alignment), then every power of two from 4 KiB to 2 MiB. */
#define ALIGN_STEPS 11u
#define RUN_FRAMES 2u

void axv_conf_case_contiguous_alignment(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, memory, alloc_contiguous_frames) ||
        !AXV_CONF_REQUIRE(c, memory, dealloc_contiguous_frames))
        return;
    axv_paddr_t runs[ALIGN_STEPS];
    size_t n = 0;
    for (; n < ALIGN_STEPS; n++) {
        size_t align = n == 0 ? 0 : (size_t)AXV_FRAME_SIZE << (n - 1);
        int rc = axv_memory_alloc_contiguous_frames(RUN_FRAMES, align, &runs[n]);
        if (rc != AXV_OK) {
            /* AXV_ENOMEM is a lawful answer when no run that aligned is free, which the
             * suite cannot judge: the larger alignments go unchecked, and it says so. */
            struct axv_conf_text *t = rc == AXV_ENOMEM ? axv_conf_skip(c) : axv_conf_fail(c);
            axv_conf_put_str(t, "alloc_contiguous_frames(2, ");
            axv_conf_put_hex(t, align);
            axv_conf_put_str(t, ") returned ");
            axv_conf_put_status(t, rc);
            if (rc == AXV_ENOMEM)
                axv_conf_put_str(t, ": no free run that aligned, larger ones not checked");
            break;
        }
        axv_paddr_t need = align < AXV_FRAME_SIZE ? AXV_CONF_FRAME : (axv_paddr_t)align;
        if ((runs[n] & (need - 1u)) != 0) {
            struct axv_conf_text *t = axv_conf_fail(c);
            axv_conf_put_str(t, "a run asked with align_bytes ");
            axv_conf_put_hex(t, align);
            axv_conf_put_str(t, " starts at ");
            axv_conf_put_hex(t, runs[n]);
        }
    }
    for (size_t i = 0; i < n; i++)
        if (axv_memory_dealloc_contiguous_frames(runs[i], RUN_FRAMES) != AXV_OK)
            axv_conf_fail_addr(c, "dealloc_contiguous_frames refused the allocated run at ",
                               runs[i], "");
}

struct conf_range {
    axv_paddr_t start;
    size_t frames; /* 0: single frame from alloc_frame; else a run of that length */
};

static size_t range_frames(const struct conf_range *r) {
    return r->frames == 0 ? 1 : r->frames;
}

static void free_range(struct axv_conf_case *c, const struct conf_range *r) {
    int rc = r->frames == 0 ? axv_memory_dealloc_frame(r->start)
                            : axv_memory_dealloc_contiguous_frames(r->start, r->frames);
    if (rc != AXV_OK)
        axv_conf_fail_addr(c, "the allocator refused to free what it allocated at ", r->start, "");
}

void axv_conf_case_contiguous_no_overlap(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, memory, alloc_frame) || !AXV_CONF_REQUIRE(c, memory, dealloc_frame) ||
        !AXV_CONF_REQUIRE(c, memory, alloc_contiguous_frames) ||
        !AXV_CONF_REQUIRE(c, memory, dealloc_contiguous_frames))
        return;
    /* Singles with two one-frame holes punched between them, then runs that do not fit the
     * holes (and one that does), then singles again: runs must not spill over allocated
     * frames, nor frames land inside runs. Alignment is contiguous_alignment's business. */
    static const size_t runs[4] = {2, 3, 2, 1};
    struct conf_range live[6 + 4 + 4];
    size_t n = 0;
    axv_paddr_t singles[6];
    size_t got = axv_conf_alloc_frames(c, singles, 6);
    for (size_t i = 0; i < got; i++) {
        if (got == 6 && (i == 1 || i == 3)) {
            if (axv_memory_dealloc_frame(singles[i]) != AXV_OK)
                axv_conf_fail_addr(c, "dealloc_frame refused the allocated frame ", singles[i], "");
            continue;
        }
        live[n].start = singles[i];
        live[n++].frames = 0;
    }
    for (size_t i = 0; i < 4 && !axv_conf_failed(c); i++) {
        int rc = axv_memory_alloc_contiguous_frames(runs[i], 0, &live[n].start);
        if (!axv_conf_expect_status(c, "alloc_contiguous_frames", rc, AXV_OK))
            break;
        live[n++].frames = runs[i];
    }
    for (size_t i = 0; i < 4 && !axv_conf_failed(c); i++) {
        int rc = axv_memory_alloc_frame(&live[n].start);
        if (!axv_conf_expect_status(c, "alloc_frame", rc, AXV_OK))
            break;
        live[n++].frames = 0;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < i; j++) {
            if (axv_conf_ranges_overlap(live[i].start, range_frames(&live[i]), live[j].start,
                                        range_frames(&live[j]))) {
                struct axv_conf_text *t = axv_conf_fail(c);
                axv_conf_put_str(t, live[i].frames == 0 ? "frame " : "run ");
                axv_conf_put_hex(t, live[i].start);
                axv_conf_put_str(t, " overlaps the ");
                axv_conf_put_str(t, live[j].frames == 0 ? "frame " : "run ");
                axv_conf_put_hex(t, live[j].start);
                axv_conf_put_str(t, " allocated before it");
            }
        }
    }
    /* Runs first: freeing a frame that a faulty run swallowed must not hide the overlap. */
    for (size_t i = n; i-- > 0;)
        if (live[i].frames != 0)
            free_range(c, &live[i]);
    for (size_t i = n; i-- > 0;)
        if (live[i].frames == 0)
            free_range(c, &live[i]);
}

void axv_conf_case_dealloc_contiguous_invalid(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, memory, alloc_contiguous_frames) ||
        !AXV_CONF_REQUIRE(c, memory, dealloc_contiguous_frames))
        return;
    axv_conf_expect_status(c, "dealloc_contiguous_frames of a run outside RAM",
                           axv_memory_dealloc_contiguous_frames(AXV_CONF_FOREIGN_FRAME, 1),
                           AXV_EINVAL);
    axv_paddr_t run;
    int rc = axv_memory_alloc_contiguous_frames(RUN_FRAMES, 0, &run);
    if (!axv_conf_expect_status(c, "alloc_contiguous_frames(2, 0)", rc, AXV_OK))
        return;
    axv_conf_expect_status(c, "dealloc_contiguous_frames at a misaligned address",
                           axv_memory_dealloc_contiguous_frames(run + 8u, RUN_FRAMES), AXV_EINVAL);
    axv_conf_expect_status(c, "dealloc_contiguous_frames of part of a run",
                           axv_memory_dealloc_contiguous_frames(run, RUN_FRAMES - 1u), AXV_EINVAL);
    axv_conf_expect_status(c, "dealloc_contiguous_frames past the end of a run",
                           axv_memory_dealloc_contiguous_frames(run, RUN_FRAMES + 1u), AXV_EINVAL);
    axv_conf_expect_status(c, "dealloc_contiguous_frames of the run after refused frees",
                           axv_memory_dealloc_contiguous_frames(run, RUN_FRAMES), AXV_OK);
}

void axv_conf_case_dealloc_contiguous_twice(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, memory, alloc_contiguous_frames) ||
        !AXV_CONF_REQUIRE(c, memory, dealloc_contiguous_frames))
        return;
    axv_paddr_t run;
    int rc = axv_memory_alloc_contiguous_frames(RUN_FRAMES, 0, &run);
    if (!axv_conf_expect_status(c, "alloc_contiguous_frames(2, 0)", rc, AXV_OK))
        return;
    if (axv_conf_expect_status(c, "dealloc_contiguous_frames",
                               axv_memory_dealloc_contiguous_frames(run, RUN_FRAMES), AXV_OK))
        axv_conf_expect_status(c, "dealloc_contiguous_frames of an already freed run",
                               axv_memory_dealloc_contiguous_frames(run, RUN_FRAMES), AXV_EINVAL);
}

void axv_conf_case_alloc_contiguous_null(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, memory, alloc_contiguous_frames))
        return;
    axv_conf_expect_status(c, "alloc_contiguous_frames(1, 0, NULL)",
                           axv_memory_alloc_contiguous_frames(1, 0, NULL), AXV_EINVAL);
}

/* Expects alloc_contiguous_frames(num, align) to be refused with AXV_EINVAL; frees what
 * a faulty platform handed out anyway. */
static void expect_refused_run(struct axv_conf_case *c, const char *what, size_t num,
                               size_t align) {
    axv_paddr_t run;
    int rc = axv_memory_alloc_contiguous_frames(num, align, &run);
    if (!axv_conf_expect_status(c, what, rc, AXV_EINVAL) && rc == AXV_OK && num != 0 &&
        axv_memory_implements(axv_memory_op_dealloc_contiguous_frames))
        (void)axv_memory_dealloc_contiguous_frames(run, num);
}

void axv_conf_case_alloc_contiguous_bad_align(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, memory, alloc_contiguous_frames))
        return;
    /* Not powers of two, and above the frame size, where no reading of the contract makes
     * them mean frame alignment. */
    expect_refused_run(c, "alloc_contiguous_frames(1, 0x3000)", 1, 3u * AXV_FRAME_SIZE);
    expect_refused_run(c, "alloc_contiguous_frames(1, 0x600000)", 1, (size_t)3u << 21);
}

void axv_conf_case_alloc_contiguous_zero(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, memory, alloc_contiguous_frames))
        return;
    expect_refused_run(c, "alloc_contiguous_frames(0, 0)", 0, 0);
}

void axv_conf_case_alloc_contiguous_overflow(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, memory, alloc_contiguous_frames))
        return;
    /* num_frames * AXV_FRAME_SIZE does not fit a size_t. */
    expect_refused_run(c, "alloc_contiguous_frames of more than SIZE_MAX bytes",
                       (size_t)-1 / AXV_FRAME_SIZE + 1u, 0);
}
