// The buddy allocator's bookkeeping on its own: its limits, physical (not index-relative)
// alignment, and a consistency check that really catches broken states, since the other
// memory tests rely on it as their oracle.
#include <gtest/gtest.h>

#include <axvisor_api/types.h>

#include <cstdint>
#include <functional>

extern "C" {
#include "buddy.h"
}

namespace {

class Buddy : public ::testing::Test {
  protected:
    void TearDown() override {
        if (b_.frames != nullptr)
            axv_posix_buddy_destroy(&b_);
    }
    axv_posix_buddy b_{};
};

TEST_F(Buddy, RefusesEmptyHugeAndWrappingRegions) {
    EXPECT_EQ(axv_posix_buddy_init(&b_, 0, 0), AXV_EINVAL);
    EXPECT_EQ(axv_posix_buddy_init(&b_, 0, AXV_POSIX_BUDDY_MAX_FRAMES + 1), AXV_EINVAL);
    EXPECT_EQ(axv_posix_buddy_init(&b_, UINT64_MAX - 3, 8), AXV_EINVAL);
    ASSERT_EQ(axv_posix_buddy_init(&b_, UINT64_MAX - 8, 8), AXV_OK);
    EXPECT_TRUE(axv_posix_buddy_check(&b_));
}

TEST_F(Buddy, AlignsOnPageFrameNumbersNotIndices) {
    // Page frames 3..102 hold two 32-aligned blocks of 32 (pfn 32 and 64) and no larger
    // aligned block. Index 5 (pfn 8) is the first 8-aligned frame.
    ASSERT_EQ(axv_posix_buddy_init(&b_, 3, 100), AXV_OK);
    size_t i;
    ASSERT_EQ(axv_posix_buddy_alloc(&b_, 1, 3, &i), AXV_OK);
    EXPECT_EQ(3 + i, 8u);
    ASSERT_EQ(axv_posix_buddy_alloc(&b_, 20, 5, &i), AXV_OK);
    EXPECT_EQ((3 + i) % 32, 0u);
    ASSERT_EQ(axv_posix_buddy_alloc(&b_, 1, 5, &i), AXV_OK);
    EXPECT_EQ((3 + i) % 32, 0u);
    EXPECT_EQ(axv_posix_buddy_alloc(&b_, 1, 5, &i), AXV_ENOMEM);
    EXPECT_EQ(axv_posix_buddy_alloc(&b_, 1, 6, &i), AXV_ENOMEM);
    EXPECT_EQ(axv_posix_buddy_alloc(&b_, 1, 32, &i), AXV_ENOMEM);
    EXPECT_EQ(axv_posix_buddy_alloc(&b_, 101, 0, &i), AXV_ENOMEM);
    EXPECT_EQ(axv_posix_buddy_alloc(&b_, 0, 0, &i), AXV_ENOMEM);
    EXPECT_EQ(b_.frames_in_use, 22u);
    EXPECT_TRUE(axv_posix_buddy_check(&b_));
}

// Each corruption, applied to a healthy allocator, must make the check fail; undoing it
// must make the check pass again (so it is that corruption the check noticed).
TEST_F(Buddy, CheckCatchesEveryKindOfCorruption) {
    ASSERT_EQ(axv_posix_buddy_init(&b_, 0x80000, 64), AXV_OK);
    size_t run, single;
    ASSERT_EQ(axv_posix_buddy_alloc(&b_, 5, 0, &run), AXV_OK); // frames 0..4; 5, 6..7 free
    ASSERT_EQ(axv_posix_buddy_alloc(&b_, 1, 0, &single), AXV_OK);
    ASSERT_TRUE(axv_posix_buddy_check(&b_));
    ASSERT_EQ(run, 0u);
    ASSERT_EQ(single, 5u);
    // Free blocks now: 6 (order 1), 8 (order 3), 16 (order 4), 32 (order 5).

    auto caught = [&](const std::function<void()> &corrupt, const std::function<void()> &undo) {
        corrupt();
        bool noticed = !axv_posix_buddy_check(&b_);
        undo();
        return noticed && axv_posix_buddy_check(&b_);
    };
    auto &f = b_.frames;
    EXPECT_TRUE(caught([&] { f[8].order = 2; }, [&] { f[8].order = 3; }));
    EXPECT_TRUE(caught([&] { f[9].kind = AXV_POSIX_BUDDY_FREE; },
                       [&] { f[9].kind = AXV_POSIX_BUDDY_INNER; }));
    EXPECT_TRUE(caught([&] { f[2].kind = AXV_POSIX_BUDDY_HEAD; },
                       [&] { f[2].kind = AXV_POSIX_BUDDY_INNER; }));
    EXPECT_TRUE(caught([&] { f[run].link[0] = 4; }, [&] { f[run].link[0] = 5; }));
    EXPECT_TRUE(caught([&] { f[run].link[0] = 6; }, [&] { f[run].link[0] = 5; }));
    EXPECT_TRUE(caught([&] { f[single].kind = AXV_POSIX_BUDDY_INNER; },
                       [&] { f[single].kind = AXV_POSIX_BUDDY_HEAD; }));
    EXPECT_TRUE(caught([&] { b_.frames_in_use++; }, [&] { b_.frames_in_use--; }));
    EXPECT_TRUE(caught([&] { b_.nonempty &= ~(uint64_t{1} << 4); },
                       [&] { b_.nonempty |= uint64_t{1} << 4; }));
    EXPECT_TRUE(caught([&] { b_.nonempty |= uint64_t{1} << 7; },
                       [&] { b_.nonempty &= ~(uint64_t{1} << 7); }));
    EXPECT_TRUE(caught([&] { b_.free_head[4] = 0xffffffffu; }, [&] { b_.free_head[4] = 16; }));
    EXPECT_TRUE(caught([&] { f[16].link[0] = 8; }, [&] { f[16].link[0] = 0xffffffffu; }));
    // A self-loop in a free list.
    EXPECT_TRUE(caught([&] { f[32].link[1] = 32; }, [&] { f[32].link[1] = 0xffffffffu; }));

    // Two free buddies of one order (coalescing left undone): split the free block at 16
    // by hand into two order-3 halves, correctly linked in list 3.
    const auto saved = b_;
    const auto f8 = f[8], f16 = f[16], f24 = f[24];
    EXPECT_TRUE(caught(
        [&] {
            b_.free_head[4] = 0xffffffffu;
            b_.nonempty &= ~(uint64_t{1} << 4);
            f[16] = {{0xffffffffu, 24}, AXV_POSIX_BUDDY_FREE, 3};
            f[24] = {{16, 8}, AXV_POSIX_BUDDY_FREE, 3};
            f[8].link[0] = 24;
            b_.free_head[3] = 16;
        },
        [&] {
            f[8] = f8;
            f[16] = f16;
            f[24] = f24;
            b_.free_head[3] = saved.free_head[3];
            b_.free_head[4] = saved.free_head[4];
            b_.nonempty = saved.nonempty;
        }));
}

TEST_F(Buddy, FreeRefusesWithoutChangingAnything) {
    ASSERT_EQ(axv_posix_buddy_init(&b_, 0, 16), AXV_OK);
    size_t run;
    ASSERT_EQ(axv_posix_buddy_alloc(&b_, 3, 0, &run), AXV_OK);
    EXPECT_EQ(axv_posix_buddy_free(&b_, run, 4), AXV_EINVAL);
    EXPECT_EQ(axv_posix_buddy_free(&b_, run + 1, 2), AXV_EINVAL);
    EXPECT_EQ(axv_posix_buddy_free(&b_, 3, 1), AXV_EINVAL);  // free
    EXPECT_EQ(axv_posix_buddy_free(&b_, 16, 1), AXV_EINVAL); // outside
    EXPECT_EQ(b_.frames_in_use, 3u);
    EXPECT_TRUE(axv_posix_buddy_check(&b_));
    EXPECT_EQ(axv_posix_buddy_free(&b_, run, 3), AXV_OK);
    EXPECT_EQ(b_.nonempty, uint64_t{1} << 4) << "not coalesced back to one block of 16";
    EXPECT_TRUE(axv_posix_buddy_check(&b_));
}

} // namespace
