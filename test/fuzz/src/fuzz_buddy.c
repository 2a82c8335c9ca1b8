/* Fuzz target: the posix platform's frame allocator, at both of its layers, in lockstep.
 *
 * - buddy.c (the bookkeeping, driven by frame index) is checked against a model that
 *   records which run owns each frame;
 * - memory_ops.c and ram.c (the memory ops, driven by physical address, over a really
 *   mapped region) must give the same answers as the buddy for the same requests, and refuse
 *   every address that is not the start of an allocated run.
 *
 * The input picks the region (its first page frame number, so any base alignment, and its
 * length), then a sequence of steps: allocations (one frame, or runs of any length with any
 * alignment, including zero, overflowing and non-power-of-two requests), frees of live runs,
 * frees of bad addresses (double, foreign, misaligned, inner frame, wrong length), NULL
 * out-pointers and translations. After every step:
 * - no two live runs overlap, each run is aligned as asked, and the frames of every run
 *   still hold the tag written at allocation (so no other run was handed the same memory);
 * - an allocation fails exactly when the model has no free, aligned window of the
 *   buddy-rounded size (AXV_ENOMEM), and never touches the out-pointer then;
 * - a refused free answers AXV_EINVAL and leaves the buddy's state byte for byte as it was;
 * - axv_posix_buddy_check() and axv_posix_memory_check() hold, and the in-use count is
 *   exactly the model's.
 * At the end everything is freed: the in-use count is 0, the free blocks are exactly the
 * ones the region started with, and ram.c's stop reports no frame in use. */
#include <string.h>

#include <axvisor_api/memory.h>

#include "buddy.h"
#include "fuzz_input.h"
#include "memory_check.h"
#include "posix_internal.h"
#include "posix_parts.h"

#define MAX_FRAMES 1024u
#define MAX_RUNS 256u
#define MAX_STEPS 256u

struct run {
    size_t index;
    size_t len;
    uint32_t id;
    bool live;
};

static struct {
    struct axv_posix_buddy b;
    uint64_t base_pfn;
    size_t num_frames;
    axv_paddr_t phys;           /* ram.c's region, physical */
    uint16_t owner[MAX_FRAMES]; /* run slot + 1 owning each frame, 0 when free */
    struct run runs[MAX_RUNS];  /* every run allocated by this input */
    size_t num_runs;
    size_t used;                                      /* frames the model says are in use */
    struct axv_posix_buddy_frame initial[MAX_FRAMES]; /* the region's blocks at start */
    struct axv_posix_buddy_frame before[MAX_FRAMES];  /* snapshot around refused frees */
} s;

static uint64_t tag_of(const struct run *r, size_t k) {
    return (uint64_t)r->id << 32 | k;
}

static axv_paddr_t addr_of(size_t index) {
    return s.phys + (axv_paddr_t)index * AXV_FRAME_SIZE;
}

static uint64_t *frame_word(size_t index) {
    return (uint64_t *)axv_posix_memory_phys_to_virt(addr_of(index));
}

/* Finds the live run that starts at frame @p index and has exactly @p len frames. */
static bool is_live_run(size_t index, size_t len, size_t *slot) {
    for (size_t r = 0; r < s.num_runs; r++) {
        if (s.runs[r].live && s.runs[r].index == index && s.runs[r].len == len) {
            *slot = r;
            return true;
        }
    }
    return false;
}

/* True when some 2^order-aligned (in page frame numbers) window of the region is all free:
 * with coalescing complete, exactly when the buddy has a free block of that order or more. */
static bool free_window(unsigned order) {
    if (order >= 63 || ((uint64_t)1 << order) > s.num_frames)
        return false;
    uint64_t size = (uint64_t)1 << order;
    uint64_t first = (s.base_pfn + size - 1) & ~(size - 1);
    for (uint64_t pfn = first; pfn - s.base_pfn + size <= s.num_frames; pfn += size) {
        size_t at = (size_t)(pfn - s.base_pfn);
        size_t k = 0;
        while (k < size && s.owner[at + k] == 0)
            k++;
        if (k == size)
            return true;
    }
    return false;
}

static unsigned order_for(size_t len, unsigned align_order) {
    unsigned want = 0;
    while (((uint64_t)1 << want) < len)
        want++;
    return want > align_order ? want : align_order;
}

static void snapshot(void) {
    memcpy(s.before, s.b.frames, s.num_frames * sizeof(*s.before));
}

static bool unchanged_since_snapshot(const struct axv_posix_buddy *copy) {
    return memcmp(s.before, s.b.frames, s.num_frames * sizeof(*s.before)) == 0 &&
           memcmp(copy->free_head, s.b.free_head, sizeof(copy->free_head)) == 0 &&
           copy->nonempty == s.b.nonempty && copy->frames_in_use == s.b.frames_in_use;
}

static void check_all(void) {
    FUZZ_CHECK(axv_posix_buddy_check(&s.b));
    FUZZ_CHECK(axv_posix_memory_check());
    FUZZ_CHECK(s.b.frames_in_use == s.used);
}

/* Records a run both layers just allocated and checks it against the model. */
static void take(size_t index, size_t len, unsigned align_order) {
    FUZZ_CHECK(index < s.num_frames && len <= s.num_frames - index);
    FUZZ_CHECK(((s.base_pfn + index) & (((uint64_t)1 << align_order) - 1)) == 0);
    FUZZ_CHECK(s.num_runs < MAX_RUNS);
    struct run *r = &s.runs[s.num_runs];
    *r = (struct run){.index = index, .len = len, .id = (uint32_t)s.num_runs + 1, .live = true};
    for (size_t k = 0; k < len; k++) {
        FUZZ_CHECK(s.owner[index + k] == 0); /* overlaps a live run */
        s.owner[index + k] = (uint16_t)r->id;
        *frame_word(index + k) = tag_of(r, k);
    }
    s.num_runs++;
    s.used += len;
}

static void release(size_t slot) {
    struct run *r = &s.runs[slot];
    for (size_t k = 0; k < r->len; k++) {
        FUZZ_CHECK(s.owner[r->index + k] == r->id);
        FUZZ_CHECK(*frame_word(r->index + k) == tag_of(r, k)); /* someone else wrote here */
        s.owner[r->index + k] = 0;
    }
    r->live = false;
    s.used -= r->len;
}

/* One allocation of @p len frames aligned to @p align_bytes, on both layers. */
static void alloc_step(size_t len, size_t align_bytes, bool single) {
    const axv_paddr_t sentinel = 0xdeadbeefdeadb000u;
    axv_paddr_t got = sentinel;
    int mem_rc = single ? axv_posix_memory_alloc_frame(&got)
                        : axv_posix_memory_alloc_contiguous_frames(len, align_bytes, &got);
    bool bad_args =
        len == 0 || len > SIZE_MAX / AXV_FRAME_SIZE || (align_bytes & (align_bytes - 1u)) != 0;
    if (bad_args) {
        FUZZ_CHECK(mem_rc == AXV_EINVAL);
        FUZZ_CHECK(got == sentinel);
        return;
    }
    unsigned align_order = 0;
    while (((uint64_t)AXV_FRAME_SIZE << align_order) < align_bytes)
        align_order++;
    size_t index = SIZE_MAX;
    int buddy_rc = axv_posix_buddy_alloc(&s.b, len, align_order, &index);
    FUZZ_CHECK(mem_rc == buddy_rc);
    unsigned want = order_for(len, align_order);
    bool possible = len <= s.num_frames && want < AXV_POSIX_BUDDY_ORDERS && free_window(want);
    if (buddy_rc != AXV_OK) {
        FUZZ_CHECK(buddy_rc == AXV_ENOMEM);
        FUZZ_CHECK(!possible);
        FUZZ_CHECK(got == sentinel);
        return;
    }
    FUZZ_CHECK(possible);
    FUZZ_CHECK(got == s.phys + (axv_paddr_t)index * AXV_FRAME_SIZE);
    if (align_bytes != 0)
        FUZZ_CHECK(got % align_bytes == 0);
    take(index, len, align_order);
}

/* Frees the run at physical @p addr of @p len frames (one frame with dealloc_frame when
 * @p single) on the memory ops and, when @p addr is a frame of the region, on the buddy. */
static void free_step(axv_paddr_t addr, size_t len, bool single) {
    if (single)
        len = 1;
    int mem_rc = single ? axv_posix_memory_dealloc_frame(addr)
                        : axv_posix_memory_dealloc_contiguous_frames(addr, len);
    if (addr < s.phys || addr - s.phys >= (axv_paddr_t)s.num_frames * AXV_FRAME_SIZE ||
        addr % AXV_FRAME_SIZE != 0) {
        /* Foreign or misaligned: the buddy never sees it; the memory ops alone must refuse it. */
        FUZZ_CHECK(mem_rc == AXV_EINVAL);
        return;
    }
    size_t index = (size_t)((addr - s.phys) / AXV_FRAME_SIZE);
    size_t slot;
    bool live = is_live_run(index, len, &slot);
    struct axv_posix_buddy copy = s.b;
    snapshot();
    int buddy_rc = axv_posix_buddy_free(&s.b, index, len);
    FUZZ_CHECK(mem_rc == buddy_rc);
    if (live) {
        FUZZ_CHECK(buddy_rc == AXV_OK);
        release(slot);
    } else {
        FUZZ_CHECK(buddy_rc == AXV_EINVAL);
        FUZZ_CHECK(unchanged_since_snapshot(&copy));
    }
}

/* Picks a live run with one byte of input (always consumed, so seeds stay readable). */
static size_t pick_live(struct fuzz_input *in, bool *found) {
    uint8_t v = fuzz_u8(in);
    size_t n = 0;
    for (size_t r = 0; r < s.num_runs; r++)
        n += s.runs[r].live;
    *found = n > 0;
    if (n == 0)
        return 0;
    size_t want = v % n;
    for (size_t r = 0; r < s.num_runs; r++)
        if (s.runs[r].live && want-- == 0)
            return r;
    return 0;
}

/* A run length: 2 bytes of input. */
static size_t decode_len(struct fuzz_input *in) {
    uint8_t kind = fuzz_u8(in), v = fuzz_u8(in);
    switch (kind % 8) {
    case 0:
        return 0;
    case 1:
        return SIZE_MAX / AXV_FRAME_SIZE + 1u + v; /* overflows in bytes */
    case 2:
        return s.num_frames + 1u + v;
    case 3:
        return s.num_frames;
    default:
        return 1u + v % 64u;
    }
}

/* An alignment in bytes: 5 bytes of input. */
static size_t decode_align(struct fuzz_input *in) {
    uint8_t v = fuzz_u8(in);
    uint32_t other = fuzz_u32(in);
    switch (v % 4) {
    case 0:
        return 0;
    case 1:
        return (size_t)1 << (v / 4u % 64u); /* any power of two, below and above a frame */
    case 2:
        return (size_t)AXV_FRAME_SIZE << (v / 4u % 8u);
    default:
        return (size_t)other | 3u; /* not a power of two (or 3 itself) */
    }
}

/* A free that is wrong in one way, or that the model must judge: 6 bytes of parameters. */
static void bad_free_step(struct fuzz_input *in) {
    bool found;
    size_t slot = pick_live(in, &found);
    const struct run *r = &s.runs[slot];
    uint8_t kind = fuzz_u8(in), a = fuzz_u8(in), b = fuzz_u8(in);
    uint16_t c = fuzz_u16(in);
    switch (kind % 6) {
    case 0: /* double free: a run of this input again, live or not */
        if (s.num_runs > 0) {
            const struct run *d = &s.runs[a % s.num_runs];
            free_step(addr_of(d->index), d->len, d->len == 1 && b % 2);
        }
        break;
    case 1: /* an inner frame of a run */
        if (found && r->len > 1) {
            size_t at = r->index + 1 + a % (r->len - 1);
            free_step(addr_of(at), r->len - (at - r->index), false);
        }
        break;
    case 2: /* the right head, the wrong length */
        if (found)
            free_step(addr_of(r->index), a % 2 ? r->len + 1 + b % 4 : r->len - 1, false);
        break;
    case 3: { /* an address outside the region, or no frame start at all */
        static const axv_paddr_t far[] = {0, AXV_FRAME_SIZE, UINT64_MAX & ~(axv_paddr_t)0xfff,
                                          UINT64_MAX};
        axv_paddr_t addr;
        if (a % 3 == 0)
            addr = far[a / 3 % 4];
        else if (a % 3 == 1)
            addr = s.phys - (axv_paddr_t)(1 + b) * AXV_FRAME_SIZE;
        else
            addr = s.phys + (axv_paddr_t)(s.num_frames + b) * AXV_FRAME_SIZE;
        free_step(addr, 1 + c % 2, a % 2 == 0);
        break;
    }
    case 4: /* a live run's address plus a byte offset inside its first frame */
        if (found)
            free_step(addr_of(r->index) + 1 + c % (AXV_FRAME_SIZE - 1), r->len,
                      r->len == 1 && a % 2);
        break;
    default: { /* any frame, any length: the model decides */
        size_t len = a % 8;
        free_step(addr_of(c % s.num_frames), len, len == 1 && b % 2);
        break;
    }
    }
}

static void translate_step(struct fuzz_input *in) {
    bool found;
    size_t slot = pick_live(in, &found);
    uint8_t frame = fuzz_u8(in);
    uint16_t byte = fuzz_u16(in);
    if (!found)
        return;
    const struct run *r = &s.runs[slot];
    axv_paddr_t head = addr_of(r->index);
    axv_vaddr_t v = axv_posix_memory_phys_to_virt(head);
    size_t offset = frame % r->len * AXV_FRAME_SIZE + byte % AXV_FRAME_SIZE;
    FUZZ_CHECK(axv_posix_memory_phys_to_virt(head + offset) == v + offset);
    FUZZ_CHECK(axv_posix_memory_virt_to_phys(v + offset) == head + offset);
}

/* Before the memory part starts, every op answers AXV_EPERM whatever its arguments. */
static void check_not_started(void) {
    axv_paddr_t p = 1;
    FUZZ_CHECK(axv_posix_memory_alloc_frame(&p) == AXV_EPERM && p == 1);
    FUZZ_CHECK(axv_posix_memory_alloc_frame(NULL) == AXV_EPERM);
    FUZZ_CHECK(axv_posix_memory_alloc_contiguous_frames(0, 3, NULL) == AXV_EPERM);
    FUZZ_CHECK(axv_posix_memory_dealloc_frame(s.phys) == AXV_EPERM);
    FUZZ_CHECK(axv_posix_memory_dealloc_contiguous_frames(s.phys, 1) == AXV_EPERM);
}

/* The region: 5 bytes of input (base kind, base, length). */
static void setup(struct fuzz_input *in) {
    const uint64_t default_pfn = AXV_POSIX_DEFAULT_RAM_PHYS_BASE / AXV_FRAME_SIZE;
    uint8_t kind = fuzz_u8(in);
    uint16_t base = fuzz_u16(in);
    switch (kind % 4) {
    case 0:
        s.base_pfn = default_pfn;
        break;
    case 1:
        s.base_pfn = base; /* any alignment, including pfn 0 */
        break;
    case 2:
        s.base_pfn = default_pfn + base % 256u;
        break;
    default:
        s.base_pfn = ((uint64_t)1 << 40) - 1 - base % 256u; /* far above any mapping */
        break;
    }
    s.num_frames = 1u + fuzz_u16(in) % MAX_FRAMES;
    s.phys = s.base_pfn * AXV_FRAME_SIZE;
    s.num_runs = 0;
    s.used = 0;
    memset(s.owner, 0, sizeof(s.owner));
    FUZZ_CHECK(axv_posix_buddy_init(&s.b, s.base_pfn, s.num_frames) == AXV_OK);
    memcpy(s.initial, s.b.frames, s.num_frames * sizeof(*s.initial));

    check_not_started();
    struct axv_posix_resolved config = {.ram_bytes = s.num_frames * AXV_FRAME_SIZE,
                                        .ram_phys_base = s.phys};
    FUZZ_CHECK(axv_posix_memory_start(&config) == AXV_OK);
    FUZZ_CHECK(axv_posix_memory_start(&config) == AXV_EBUSY);
}

/* Frees what is left; then nothing may be in use and the blocks must be the initial ones
 * (their free-list order aside). */
static void teardown(void) {
    for (size_t r = 0; r < s.num_runs; r++) {
        if (s.runs[r].live) {
            free_step(addr_of(s.runs[r].index), s.runs[r].len, false);
            check_all();
        }
    }
    FUZZ_CHECK(s.used == 0 && s.b.frames_in_use == 0);
    for (size_t i = 0; i < s.num_frames; i++)
        FUZZ_CHECK(s.b.frames[i].kind == s.initial[i].kind &&
                   s.b.frames[i].order == s.initial[i].order);
    FUZZ_CHECK(axv_posix_memory_stop() == 0);
    axv_posix_buddy_destroy(&s.b);
    check_not_started();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct fuzz_input in = {data, size};
    setup(&in);
    check_all();
    for (unsigned step = 0; step < MAX_STEPS && fuzz_more(&in); step++) {
        uint8_t op = fuzz_u8(&in);
        switch (op % 8) {
        case 0:
            alloc_step(1, 0, true);
            break;
        case 1:
        case 2: {
            size_t len = decode_len(&in);
            alloc_step(len, decode_align(&in), false);
            break;
        }
        case 3:
        case 4: {
            bool found;
            size_t slot = pick_live(&in, &found);
            if (found) {
                const struct run *r = &s.runs[slot];
                free_step(addr_of(r->index), r->len, r->len == 1 && op / 8 % 2 == 0);
            }
            break;
        }
        case 5:
            bad_free_step(&in);
            break;
        case 6: {
            axv_paddr_t p = 7;
            FUZZ_CHECK(axv_posix_memory_alloc_frame(NULL) == AXV_EINVAL);
            FUZZ_CHECK(axv_posix_memory_alloc_contiguous_frames(1, 0, NULL) == AXV_EINVAL);
            FUZZ_CHECK(axv_posix_memory_alloc_contiguous_frames(0, 0, &p) == AXV_EINVAL && p == 7);
            break;
        }
        default:
            translate_step(&in);
            break;
        }
        check_all();
    }
    teardown();
    return 0;
}
