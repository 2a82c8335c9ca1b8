// Shared fixture and helpers of the memory tests: the memory part started on its own
// (through its start/stop functions) with its ops table registered, so the tests reach it
// through the accessors exactly as components do.
#ifndef AXV_POSIX_MEMORY_SUPPORT_H
#define AXV_POSIX_MEMORY_SUPPORT_H

#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/posix.h>
#include <gtest/gtest.h>

#include <vector>

#include "config_support.h"
#include "support/fatal.h"

extern "C" {
#include "memory_check.h"
#include "posix_internal.h"
#include "posix_parts.h"
}

namespace axv_memtest {

constexpr size_t kFrame = AXV_FRAME_SIZE;
constexpr size_t kMiB = size_t{1} << 20;
constexpr axv_paddr_t kBase = 0x80000000u;

using axv_test::fatal_to_stderr;

inline int start_ram(size_t bytes, axv_paddr_t base) {
    axv_posix_resolved c = axv_test::default_config();
    c.ram_bytes = bytes;
    c.ram_phys_base = base;
    return axv_posix_memory_start(&c);
}

// Largest order k such that some run of 2^k frames, aligned to 2^k frames physically,
// lies inside [base, base + bytes).
inline unsigned largest_aligned_order(axv_paddr_t base, size_t bytes) {
    unsigned best = 0;
    for (unsigned k = 0; k < 40; k++) {
        // In offsets from base: the region may end at the top of the address space.
        axv_paddr_t size = axv_paddr_t{kFrame} << k;
        axv_paddr_t skip = base % size == 0 ? 0 : size - base % size;
        if (skip <= bytes && size <= bytes - skip)
            best = k;
    }
    return best;
}

// Which frames of the region the test believes allocated: catches overlapping runs.
class FrameMap {
  public:
    FrameMap(axv_paddr_t base, size_t bytes) : base_(base), used_(bytes / kFrame, false) {}

    // Marks [first, first + n frames); false (marking nothing) when any lies outside the
    // region or is already marked.
    bool mark(axv_paddr_t first, size_t n) {
        if (!inside(first, n))
            return false;
        size_t i = index(first);
        for (size_t j = i; j < i + n; j++)
            if (used_[j])
                return false;
        for (size_t j = i; j < i + n; j++)
            used_[j] = true;
        return true;
    }
    void clear(axv_paddr_t first, size_t n) {
        size_t i = index(first);
        for (size_t j = i; j < i + n; j++)
            used_[j] = false;
    }
    bool used(size_t i) const {
        return used_[i];
    }
    size_t frames() const {
        return used_.size();
    }

  private:
    bool inside(axv_paddr_t first, size_t n) const {
        return first >= base_ && first % kFrame == 0 && index(first) <= used_.size() &&
               n <= used_.size() - index(first);
    }
    size_t index(axv_paddr_t p) const {
        return static_cast<size_t>((p - base_) / kFrame);
    }
    axv_paddr_t base_;
    std::vector<bool> used_;
};

// Starts the memory part with one region (64 MiB at kBase unless a test restarts it with
// another) and registers its table; stops it and restores the default table afterwards.
class Ram : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(axv_memory_register(&axv_posix_memory_ops), AXV_OK);
        restart(64 * kMiB, kBase);
    }
    void TearDown() override {
        (void)axv_posix_memory_stop();
        ASSERT_EQ(axv_memory_reset(), AXV_OK);
        axv_set_fatal_handler(nullptr);
    }
    void restart(size_t bytes, axv_paddr_t base) {
        (void)axv_posix_memory_stop();
        ASSERT_EQ(start_ram(bytes, base), AXV_OK);
        base_ = base;
        bytes_ = bytes;
    }
    // Allocates single frames until AXV_ENOMEM; returns them.
    static std::vector<axv_paddr_t> drain_singles() {
        std::vector<axv_paddr_t> got;
        axv_paddr_t f;
        int rc;
        while ((rc = axv_memory_alloc_frame(&f)) == AXV_OK)
            got.push_back(f);
        EXPECT_EQ(rc, AXV_ENOMEM);
        return got;
    }
    static void free_all(const std::vector<axv_paddr_t> &frames) {
        for (axv_paddr_t f : frames)
            ASSERT_EQ(axv_memory_dealloc_frame(f), AXV_OK);
    }
    axv_paddr_t base_ = 0;
    size_t bytes_ = 0;
};

} // namespace axv_memtest

#endif // AXV_POSIX_MEMORY_SUPPORT_H
