// The allocator under load: 8 threads allocating and freeing at once, and a randomized
// differential test against a reference model that predicts every result exactly.
#include "memory_support.h"

#include <cstdint>
#include <map>
#include <random>
#include <thread>
#include <utility>

namespace {

using namespace axv_memtest;

// --- concurrency ---

class RamConcurrency : public Ram {};

// Each thread keeps up to 16 runs, each filled with a pattern unique to the thread and the
// allocation, and checks the pattern just before freeing. A frame handed to two holders at
// once gets overwritten by one of them; the 1 MiB region keeps the threads short of frames
// so that freed frames are reused by other threads at once.
TEST_F(RamConcurrency, EightThreadsNeverShareAFrame) {
    restart(kMiB, kBase);
    constexpr int kThreads = 8;
    constexpr int kSteps = 20000;
    struct Result {
        size_t allocated = 0, enomem = 0, corrupted = 0, bad_status = 0;
    };
    std::vector<Result> results(kThreads);
    auto worker = [&](int id) {
        Result &r = results[static_cast<size_t>(id)];
        std::mt19937 rng(static_cast<unsigned>(100 + id));
        struct Held {
            axv_paddr_t first;
            size_t n;
            uint64_t tag;
        };
        std::vector<Held> held;
        uint64_t serial = 0;
        auto release = [&](size_t i) {
            Held h = held[i];
            auto *w = reinterpret_cast<uint64_t *>(axv_memory_phys_to_virt(h.first));
            for (size_t j = 0; j < h.n * kFrame / 8; j++)
                if (w[j] != h.tag) {
                    r.corrupted++;
                    break;
                }
            int rc = h.n == 1 && rng() % 2 ? axv_memory_dealloc_frame(h.first)
                                           : axv_memory_dealloc_contiguous_frames(h.first, h.n);
            r.bad_status += rc != AXV_OK;
            held[i] = held.back();
            held.pop_back();
        };
        for (int step = 0; step < kSteps; step++) {
            if (held.size() == 16 || (!held.empty() && rng() % 2)) {
                release(rng() % held.size());
                continue;
            }
            size_t n = 1 + rng() % 8;
            size_t align = rng() % 4 == 0 ? kFrame << (rng() % 5) : 0;
            axv_paddr_t first;
            int rc = n == 1 && align == 0 ? axv_memory_alloc_frame(&first)
                                          : axv_memory_alloc_contiguous_frames(n, align, &first);
            if (rc == AXV_ENOMEM) {
                r.enomem++;
                continue;
            }
            if (rc != AXV_OK || (align != 0 && first % align != 0)) {
                r.bad_status++;
                continue;
            }
            r.allocated++;
            uint64_t tag = (uint64_t(id + 1) << 56) | ++serial;
            auto *w = reinterpret_cast<uint64_t *>(axv_memory_phys_to_virt(first));
            for (size_t j = 0; j < n * kFrame / 8; j++)
                w[j] = tag;
            held.push_back({first, n, tag});
        }
        while (!held.empty())
            release(held.size() - 1);
    };
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; i++)
        threads.emplace_back(worker, i);
    for (auto &t : threads)
        t.join();

    size_t allocated = 0, enomem = 0;
    for (int i = 0; i < kThreads; i++) {
        EXPECT_EQ(results[i].corrupted, 0u) << "thread " << i << " lost its frames' contents";
        EXPECT_EQ(results[i].bad_status, 0u) << "thread " << i;
        allocated += results[i].allocated;
        enomem += results[i].enomem;
    }
    // The test is only meaningful if the threads really competed for memory.
    EXPECT_GT(allocated, size_t{kThreads} * kSteps / 4);
    EXPECT_GT(enomem, 0u) << "the region never ran out: no contention for frames";
    // Afterwards: consistent, nothing leaked, everything usable again.
    EXPECT_TRUE(axv_posix_memory_check());
    auto all = drain_singles();
    EXPECT_EQ(all.size(), kMiB / kFrame);
    free_all(all);
    EXPECT_EQ(axv_posix_memory_stop(), 0u);
}

// --- randomized differential test ---

// The reference model: which frames are in use, and which runs are allocated. It predicts
// every call's status: a free succeeds exactly for a live run's head with its length, and
// an allocation of n frames aligned to A succeeds exactly when some free block of order
// K = max(ceil(log2 n), log2(A / 4096)) exists, that is (coalescing being complete) when
// some K-aligned range of 2^K frames inside the region is entirely free.
class Model {
  public:
    Model(axv_paddr_t base, size_t bytes) : base_(base), used_(bytes / kFrame, false) {}

    bool alloc_should_succeed(size_t n, size_t align) const {
        unsigned k = 0;
        while ((size_t{1} << k) < n)
            k++;
        while (align > (kFrame << k))
            k++;
        const uint64_t size = uint64_t{1} << k;
        const uint64_t first_pfn = base_ / kFrame, end_pfn = first_pfn + used_.size();
        for (uint64_t s = (first_pfn + size - 1) / size * size; s + size <= end_pfn; s += size) {
            bool all_free = true;
            for (uint64_t p = s; p < s + size && all_free; p++)
                all_free = !used_[p - first_pfn];
            if (all_free)
                return true;
        }
        return false;
    }
    // Records a run the allocator returned; false when it overlaps or lies outside.
    bool add(axv_paddr_t first, size_t n) {
        if (first < base_ || first % kFrame != 0 || (first - base_) / kFrame + n > used_.size())
            return false;
        size_t i = (first - base_) / kFrame;
        for (size_t j = i; j < i + n; j++)
            if (used_[j])
                return false;
        for (size_t j = i; j < i + n; j++)
            used_[j] = true;
        live_[first] = n;
        frames_in_use_ += n;
        return true;
    }
    bool free_should_succeed(axv_paddr_t first, size_t n) const {
        auto it = live_.find(first);
        return it != live_.end() && it->second == n;
    }
    void remove(axv_paddr_t first) {
        size_t n = live_.at(first);
        size_t i = (first - base_) / kFrame;
        for (size_t j = i; j < i + n; j++)
            used_[j] = false;
        live_.erase(first);
        frames_in_use_ -= n;
    }
    const std::map<axv_paddr_t, size_t> &live() const {
        return live_;
    }
    size_t frames_in_use() const {
        return frames_in_use_;
    }

  private:
    axv_paddr_t base_;
    std::vector<bool> used_;
    std::map<axv_paddr_t, size_t> live_;
    size_t frames_in_use_ = 0;
};

struct Region {
    size_t bytes;
    axv_paddr_t base;
};

class RamDifferential : public Ram, public testing::WithParamInterface<Region> {
  protected:
    void SetUp() override {
        Ram::SetUp();
        restart(GetParam().bytes, GetParam().base);
    }
};

TEST_P(RamDifferential, MatchesTheModelFor20000Steps) {
    Model model(base_, bytes_);
    std::mt19937_64 rng(20240601);
    std::vector<axv_paddr_t> recently_freed;
    size_t alloc_ok = 0, alloc_enomem = 0, free_ok = 0, free_einval = 0;

    auto random_live = [&]() {
        auto it = model.live().begin();
        std::advance(it, static_cast<long>(rng() % model.live().size()));
        return *it;
    };
    for (int step = 0; step < 20000; step++) {
        SCOPED_TRACE(step);
        const unsigned dice = rng() % 100;
        if (dice < 50 || model.live().empty()) {
            // Allocate: mostly short runs, some long ones, alignments 0..4 MiB.
            size_t n = dice % 5 == 0 ? 1 + rng() % 600 : 1 + rng() % 8;
            size_t align = rng() % 3 == 0 ? kFrame << (rng() % 11) : 0;
            const bool single = n == 1 && align == 0 && rng() % 2;
            const bool expect = model.alloc_should_succeed(n, align);
            axv_paddr_t first = 0;
            int rc = single ? axv_memory_alloc_frame(&first)
                            : axv_memory_alloc_contiguous_frames(n, align, &first);
            ASSERT_EQ(rc, expect ? AXV_OK : AXV_ENOMEM) << n << " frames aligned " << align;
            if (rc == AXV_OK) {
                ASSERT_TRUE(align == 0 || first % align == 0);
                ASSERT_TRUE(model.add(first, n)) << std::hex << "0x" << first << " overlaps";
                alloc_ok++;
            } else {
                alloc_enomem++;
            }
        } else {
            // Free: a live run correctly, or one of many wrong requests the model predicts.
            axv_paddr_t first;
            size_t n;
            switch (dice % 6) {
            case 0:
            case 1:
            case 2: // a live run, with its length
                std::tie(first, n) = random_live();
                break;
            case 3: { // a live run's inner frame, or its head with another length
                std::tie(first, n) = random_live();
                size_t off = rng() % n;
                first += off * kFrame;
                n = off != 0 ? n - off : n + 1 + rng() % 3;
                break;
            }
            case 4: // a run freed before (it may be live again: the model knows)
                first =
                    recently_freed.empty() ? base_ : recently_freed[rng() % recently_freed.size()];
                n = 1 + rng() % 2;
                break;
            default: // anywhere around the region, possibly misaligned or foreign
                first = base_ - 2 * kFrame + rng() % (bytes_ + 4 * kFrame);
                if (rng() % 2)
                    first &= ~axv_paddr_t{kFrame - 1};
                n = 1 + rng() % 4;
                break;
            }
            const bool expect = model.free_should_succeed(first, n);
            int rc = n == 1 && rng() % 2 ? axv_memory_dealloc_frame(first)
                                         : axv_memory_dealloc_contiguous_frames(first, n);
            ASSERT_EQ(rc, expect ? AXV_OK : AXV_EINVAL)
                << std::hex << "0x" << first << std::dec << " x" << n;
            if (rc == AXV_OK) {
                model.remove(first);
                recently_freed.push_back(first);
                if (recently_freed.size() > 64)
                    recently_freed.erase(recently_freed.begin());
                free_ok++;
            } else {
                free_einval++;
            }
        }
        if (step % 16 == 0) {
            ASSERT_TRUE(axv_posix_memory_check());
        }
    }
    // Every kind of outcome happened often enough for the comparison to mean something.
    EXPECT_GT(alloc_ok, 2000u);
    EXPECT_GT(alloc_enomem, 200u);
    EXPECT_GT(free_ok, 2000u);
    EXPECT_GT(free_einval, 2000u);

    // Accounting agrees: exactly the frames the model holds are missing.
    ASSERT_TRUE(axv_posix_memory_check());
    auto rest = drain_singles();
    EXPECT_EQ(rest.size(), bytes_ / kFrame - model.frames_in_use());
    EXPECT_GT(model.frames_in_use(), 0u);
    free_all(rest);
    // After freeing everything the largest aligned block is whole again.
    const auto live = model.live();
    for (auto [first, n] : live)
        ASSERT_EQ(axv_memory_dealloc_contiguous_frames(first, n), AXV_OK);
    ASSERT_TRUE(axv_posix_memory_check());
    const unsigned k = largest_aligned_order(base_, bytes_);
    axv_paddr_t run;
    ASSERT_EQ(axv_memory_alloc_contiguous_frames(size_t{1} << k, kFrame << k, &run), AXV_OK);
    EXPECT_EQ(axv_posix_memory_stop(), size_t{1} << k);
}

INSTANTIATE_TEST_SUITE_P(Regions, RamDifferential,
                         testing::Values(Region{4 * kMiB, kBase},
                                         Region{5 * kMiB + 12 * 1024, 0x40003000u}),
                         [](const testing::TestParamInfo<Region> &info) {
                             return info.index == 0 ? std::string("PowerOfTwo")
                                                    : std::string("OddSizeAndBase");
                         });

} // namespace
