// Frame allocation: distinct aligned writable frames, contiguous runs at every alignment
// and odd lengths without overlap, exact accounting, non-power-of-two regions, coalescing.
#include "memory_support.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <set>
#include <utility>

namespace {

using namespace axv_memtest;

class RamAlloc : public Ram {
  protected:
    // Fills every frame of a run with a pattern derived from @p tag and its address.
    static void fill(axv_paddr_t first, size_t n, uint64_t tag) {
        for (size_t i = 0; i < n; i++) {
            auto *w = reinterpret_cast<uint64_t *>(axv_memory_phys_to_virt(first + i * kFrame));
            for (size_t j = 0; j < kFrame / 8; j++)
                w[j] = tag ^ (first + i * kFrame + j * 8);
        }
    }
    static bool intact(axv_paddr_t first, size_t n, uint64_t tag) {
        for (size_t i = 0; i < n; i++) {
            auto *w = reinterpret_cast<uint64_t *>(axv_memory_phys_to_virt(first + i * kFrame));
            for (size_t j = 0; j < kFrame / 8; j++)
                if (w[j] != (tag ^ (first + i * kFrame + j * 8)))
                    return false;
        }
        return true;
    }
};

TEST_F(RamAlloc, FramesAreDistinctAlignedInsideAndWritable) {
    FrameMap map(base_, bytes_);
    std::vector<axv_paddr_t> frames;
    for (int i = 0; i < 1000; i++) {
        axv_paddr_t f = 0;
        ASSERT_EQ(axv_memory_alloc_frame(&f), AXV_OK);
        ASSERT_EQ(f % kFrame, 0u);
        ASSERT_TRUE(map.mark(f, 1)) << std::hex << "0x" << f << " outside or handed out twice";
        fill(f, 1, 0x1111);
        frames.push_back(f);
    }
    // Written all at once, then read back: no two frames share memory.
    for (axv_paddr_t f : frames)
        EXPECT_TRUE(intact(f, 1, 0x1111)) << std::hex << "0x" << f;
    free_all(frames);
    EXPECT_EQ(axv_posix_memory_stop(), 0u);
}

TEST_F(RamAlloc, RunsAtEveryAlignmentAndOddLength) {
    // Room for all runs at once: 513 frames take a 1024-frame block (giving 511 back), 511
    // a 512-frame one; ten alignments of those exceed 64 MiB.
    restart(256 * kMiB, kBase);
    FrameMap map(base_, bytes_);
    std::vector<std::pair<axv_paddr_t, size_t>> runs;
    size_t frames = 0;
    uint64_t tag = 1;
    // Largest alignments first: each 2 MiB-aligned run needs a whole free 2 MiB block,
    // which small runs placed before would have split.
    for (size_t align = 2 * kMiB; align >= kFrame; align /= 2) {
        for (size_t n : {1, 2, 3, 5, 17, 511, 513}) {
            axv_paddr_t f = 0;
            ASSERT_EQ(axv_memory_alloc_contiguous_frames(n, align, &f), AXV_OK)
                << n << " frames aligned " << align;
            EXPECT_EQ(f % align, 0u) << n << " frames aligned " << align;
            ASSERT_TRUE(map.mark(f, n)) << n << " frames aligned " << align << " overlap";
            fill(f, n, ++tag);
            runs.emplace_back(f, n);
            frames += n;
        }
    }
    EXPECT_TRUE(axv_posix_memory_check());
    tag = 1;
    for (auto [f, n] : runs)
        EXPECT_TRUE(intact(f, n, ++tag)) << n << " frames at 0x" << std::hex << f;
    // Only the asked-for frames count as used: every tail went back.
    for (size_t i = 0; i < runs.size(); i += 2)
        ASSERT_EQ(axv_memory_dealloc_contiguous_frames(runs[i].first, runs[i].second), AXV_OK);
    for (size_t i = 0; i < runs.size(); i += 2)
        frames -= runs[i].second;
    EXPECT_EQ(axv_posix_memory_stop(), frames);
}

TEST_F(RamAlloc, RunTailsGoBackExactly) {
    const size_t total = bytes_ / kFrame;
    for (size_t n : {3, 5, 17, 511, 513}) {
        for (size_t align : {size_t{0}, 2 * kMiB}) {
            SCOPED_TRACE(testing::Message() << n << " frames aligned " << align);
            axv_paddr_t run;
            ASSERT_EQ(axv_memory_alloc_contiguous_frames(n, align, &run), AXV_OK);
            auto singles = drain_singles();
            EXPECT_EQ(singles.size(), total - n);
            free_all(singles);
            ASSERT_EQ(axv_memory_dealloc_contiguous_frames(run, n), AXV_OK);
            EXPECT_TRUE(axv_posix_memory_check());
        }
    }
}

TEST_F(RamAlloc, SinglesExhaustRamExactlyTwice) {
    const size_t total = bytes_ / kFrame;
    auto first = drain_singles();
    EXPECT_EQ(first.size(), total);
    axv_paddr_t f;
    EXPECT_EQ(axv_memory_alloc_frame(&f), AXV_ENOMEM);
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(1, 0, &f), AXV_ENOMEM);
    EXPECT_EQ(std::set<axv_paddr_t>(first.begin(), first.end()).size(), total);
    EXPECT_EQ(axv_posix_memory_check(), true);
    // Freed in a shuffled order; the same amount comes back.
    std::shuffle(first.begin(), first.end(), std::mt19937(7));
    free_all(first);
    auto second = drain_singles();
    EXPECT_EQ(second.size(), total);
    free_all(second);
    EXPECT_EQ(axv_posix_memory_stop(), 0u);
}

// Frees every other frame first, then the rest, in shuffled orders: coalescing must
// rebuild the largest block (for 64 MiB at 0x80000000: the whole region, aligned to 64 MiB).
TEST_F(RamAlloc, CoalescesBackToTheWholeRegion) {
    auto frames = drain_singles();
    ASSERT_EQ(frames.size(), bytes_ / kFrame);
    std::sort(frames.begin(), frames.end());
    std::vector<axv_paddr_t> even, odd;
    for (size_t i = 0; i < frames.size(); i++)
        (i % 2 ? odd : even).push_back(frames[i]);
    std::mt19937 rng(11);
    std::shuffle(even.begin(), even.end(), rng);
    std::shuffle(odd.begin(), odd.end(), rng);
    free_all(even);
    // Half the frames are free but no two adjacent: no run of 2 fits.
    axv_paddr_t f;
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(2, 0, &f), AXV_ENOMEM);
    free_all(odd);
    EXPECT_TRUE(axv_posix_memory_check());
    ASSERT_EQ(axv_memory_alloc_contiguous_frames(bytes_ / kFrame, bytes_, &f), AXV_OK);
    EXPECT_EQ(f, base_);
    EXPECT_EQ(axv_posix_memory_stop(), bytes_ / kFrame);
}

TEST_F(RamAlloc, MixedRunsCoalesceToo) {
    std::mt19937 rng(3);
    std::vector<std::pair<axv_paddr_t, size_t>> runs;
    for (;;) {
        size_t n = 1 + rng() % 40;
        axv_paddr_t f;
        int rc = axv_memory_alloc_contiguous_frames(n, kFrame << (rng() % 4), &f);
        if (rc == AXV_ENOMEM && n == 1)
            break;
        ASSERT_TRUE(rc == AXV_OK || rc == AXV_ENOMEM) << rc;
        if (rc == AXV_OK)
            runs.emplace_back(f, n);
    }
    std::shuffle(runs.begin(), runs.end(), rng);
    for (auto [f, n] : runs)
        ASSERT_EQ(axv_memory_dealloc_contiguous_frames(f, n), AXV_OK);
    EXPECT_TRUE(axv_posix_memory_check());
    axv_paddr_t f;
    ASSERT_EQ(axv_memory_alloc_contiguous_frames(bytes_ / kFrame, 0, &f), AXV_OK);
    EXPECT_EQ(axv_posix_memory_stop(), bytes_ / kFrame);
}

TEST_F(RamAlloc, AlignmentUpToTheRegionsSize) {
    axv_paddr_t f;
    // One frame aligned to the whole 64 MiB region: only its first frame qualifies.
    ASSERT_EQ(axv_memory_alloc_contiguous_frames(1, bytes_, &f), AXV_OK);
    EXPECT_EQ(f, base_);
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(1, bytes_, &f), AXV_ENOMEM);
    ASSERT_EQ(axv_memory_alloc_contiguous_frames(1, bytes_ / 2, &f), AXV_OK);
    EXPECT_EQ(f, base_ + bytes_ / 2);
    EXPECT_EQ(axv_posix_memory_stop(), 2u);
}

// Regions whose size (and base) are not powers of two: every frame usable, alignment kept
// physical (not relative to the region), and coalescing back to the largest aligned block.
struct OddRegion {
    size_t bytes;
    axv_paddr_t base;
};

class RamOddRegion : public RamAlloc, public testing::WithParamInterface<OddRegion> {
  protected:
    void SetUp() override {
        RamAlloc::SetUp();
        restart(GetParam().bytes, GetParam().base);
    }
};

TEST_P(RamOddRegion, FullyUsableAndCoalescing) {
    const size_t total = bytes_ / kFrame;
    auto frames = drain_singles();
    EXPECT_EQ(frames.size(), total);
    FrameMap map(base_, bytes_);
    for (axv_paddr_t f : frames)
        ASSERT_TRUE(map.mark(f, 1));
    std::shuffle(frames.begin(), frames.end(), std::mt19937(5));
    free_all(frames);
    EXPECT_TRUE(axv_posix_memory_check());

    unsigned k = largest_aligned_order(base_, bytes_);
    axv_paddr_t run;
    ASSERT_EQ(axv_memory_alloc_contiguous_frames(size_t{1} << k, kFrame << k, &run), AXV_OK);
    EXPECT_EQ(run % (kFrame << k), 0u);
    // No block of the next order fits, at any alignment.
    axv_paddr_t f;
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(size_t{2} << k, 0, &f), AXV_ENOMEM);
    ASSERT_EQ(axv_memory_dealloc_contiguous_frames(run, size_t{1} << k), AXV_OK);

    // Runs at 2 MiB alignment where the region has a 2 MiB boundary.
    if (k >= 9) {
        ASSERT_EQ(axv_memory_alloc_contiguous_frames(3, 2 * kMiB, &run), AXV_OK);
        EXPECT_EQ(run % (2 * kMiB), 0u);
        ASSERT_EQ(axv_memory_dealloc_contiguous_frames(run, 3), AXV_OK);
    }
    EXPECT_EQ(axv_posix_memory_stop(), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Regions, RamOddRegion,
    testing::Values(OddRegion{5 * kMiB + 12 * 1024, kBase},             // odd size
                    OddRegion{5 * kMiB + 12 * 1024, 0x40003000u},       // odd size and base
                    OddRegion{kMiB, 0x7ffff000u},                       // one frame below 2 GiB
                    OddRegion{3 * kMiB + kFrame, 0x1000u},              // near address 0
                    OddRegion{8 * kMiB - kFrame, 0xfffffffff0000000u}), // high addresses
    [](const testing::TestParamInfo<OddRegion> &info) {
        return "Region" + std::to_string(info.index);
    });

} // namespace
