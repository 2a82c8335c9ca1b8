// The memory part's life cycle, address translation, fatal paths and every AXV_EINVAL case.
#include "memory_support.h"

#include <sys/mman.h>

#include <cstdint>

namespace {

using namespace axv_memtest;

// --- life cycle ---

TEST(RamLifecycle, StatusOpsBeforeStartAreEperm) {
    ASSERT_EQ(axv_memory_register(&axv_posix_memory_ops), AXV_OK);
    axv_paddr_t f = 0;
    // Not started wins over bad arguments: nothing is checked against a region not there.
    EXPECT_EQ(axv_memory_alloc_frame(&f), AXV_EPERM);
    EXPECT_EQ(axv_memory_alloc_frame(nullptr), AXV_EPERM);
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(4, 0, &f), AXV_EPERM);
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(0, 3, nullptr), AXV_EPERM);
    EXPECT_EQ(axv_memory_dealloc_frame(kBase), AXV_EPERM);
    EXPECT_EQ(axv_memory_dealloc_contiguous_frames(kBase, 2), AXV_EPERM);
    EXPECT_EQ(axv_memory_dealloc_contiguous_frames(kBase, 0), AXV_EPERM);
    EXPECT_EQ(axv_posix_memory_stop(), 0u);
    EXPECT_FALSE(axv_posix_memory_check());
    ASSERT_EQ(axv_memory_reset(), AXV_OK);
}

TEST(RamLifecycleDeathTest, TranslationsBeforeStartAreFatal) {
    ASSERT_EQ(axv_memory_register(&axv_posix_memory_ops), AXV_OK);
    axv_set_fatal_handler(fatal_to_stderr);
    EXPECT_DEATH(axv_memory_phys_to_virt(kBase),
                 "memory\\.phys_to_virt: the posix platform is not started \\(physical address "
                 "0x80000000\\)");
    EXPECT_DEATH(axv_memory_virt_to_phys(0x1234000),
                 "memory\\.virt_to_phys: the posix platform is not started \\(virtual address "
                 "0x1234000\\)");
    axv_set_fatal_handler(nullptr);
    ASSERT_EQ(axv_memory_reset(), AXV_OK);
}

TEST(RamLifecycle, RefusesBadConfigurations) {
    EXPECT_EQ(axv_posix_memory_start(nullptr), AXV_EINVAL);
    EXPECT_EQ(start_ram(0, kBase), AXV_EINVAL);
    EXPECT_EQ(start_ram(kMiB + 100, kBase), AXV_EINVAL);
    EXPECT_EQ(start_ram(kMiB, kBase + 0x800), AXV_EINVAL);
    EXPECT_EQ(start_ram(kMiB, UINT64_MAX - 4095), AXV_EINVAL);                    // wraps
    EXPECT_EQ(start_ram(kMiB, (UINT64_MAX - kMiB) & ~axv_paddr_t{4095}), AXV_OK); // ends at top
    EXPECT_EQ(axv_posix_memory_stop(), 0u);
}

TEST(RamLifecycle, StartsOnceStopsOnceRestartsFresh) {
    ASSERT_EQ(axv_memory_register(&axv_posix_memory_ops), AXV_OK);
    ASSERT_EQ(start_ram(kMiB, kBase), AXV_OK);
    EXPECT_EQ(start_ram(kMiB, kBase), AXV_EBUSY);
    axv_paddr_t f;
    ASSERT_EQ(axv_memory_alloc_frame(&f), AXV_OK);
    EXPECT_EQ(axv_posix_memory_stop(), 1u);
    EXPECT_EQ(axv_posix_memory_stop(), 0u);
    EXPECT_EQ(axv_memory_alloc_frame(&f), AXV_EPERM);
    EXPECT_EQ(axv_memory_dealloc_frame(f), AXV_EPERM);

    // A new region with another base: the old frame means nothing there.
    ASSERT_EQ(start_ram(2 * kMiB, 0x40000000u), AXV_OK);
    EXPECT_EQ(axv_memory_dealloc_frame(f), AXV_EINVAL);
    EXPECT_EQ(axv_memory_phys_to_virt(0x40000000u), axv_memory_phys_to_virt(0x40000000u));
    size_t n = 0;
    while (axv_memory_alloc_frame(&f) == AXV_OK)
        n++;
    EXPECT_EQ(n, 2 * kMiB / kFrame);
    EXPECT_EQ(axv_posix_memory_stop(), n);
    ASSERT_EQ(axv_memory_reset(), AXV_OK);
}

// The memory part as the whole platform starts and stops it.
TEST(RamThroughPlatform, InitInstallAllocateAndShutdownReport) {
    axv_posix_config c{};
    c.ram_bytes = 5 * kMiB + 12 * 1024;
    c.ram_phys_base = 0x40003000u;
    ASSERT_EQ(axv_posix_init(&c), AXV_OK);
    ASSERT_EQ(axv_platform_install(&axv_posix_platform), AXV_OK);
    EXPECT_EQ(axv_memory_virt_to_phys(axv_memory_phys_to_virt(0x40003000u + 77)), 0x40003000u + 77);
    std::vector<axv_paddr_t> frames;
    axv_paddr_t f;
    while (axv_memory_alloc_frame(&f) == AXV_OK)
        frames.push_back(f);
    EXPECT_EQ(frames.size(), c.ram_bytes / kFrame);
    for (size_t i = 3; i < frames.size(); i++)
        ASSERT_EQ(axv_memory_dealloc_frame(frames[i]), AXV_OK);
    ASSERT_EQ(axv_memory_alloc_contiguous_frames(5, 64 * 1024, &f), AXV_OK);
    EXPECT_EQ(f % (64 * 1024), 0u);
    EXPECT_TRUE(axv_posix_memory_check());

    axv_posix_shutdown_report report{};
    ASSERT_EQ(axv_posix_shutdown(&report), AXV_OK);
    EXPECT_EQ(report.frames_in_use, 8u);
    EXPECT_EQ(axv_memory_alloc_frame(&f), AXV_EPERM);

    // Defaults: 64 MiB at 0x80000000.
    ASSERT_EQ(axv_posix_init(nullptr), AXV_OK);
    EXPECT_EQ(axv_memory_virt_to_phys(axv_memory_phys_to_virt(AXV_POSIX_DEFAULT_RAM_PHYS_BASE +
                                                              AXV_POSIX_DEFAULT_RAM_BYTES - 1)),
              AXV_POSIX_DEFAULT_RAM_PHYS_BASE + AXV_POSIX_DEFAULT_RAM_BYTES - 1);
    ASSERT_EQ(axv_memory_alloc_contiguous_frames(AXV_POSIX_DEFAULT_RAM_BYTES / kFrame,
                                                 AXV_POSIX_DEFAULT_RAM_BYTES, &f),
              AXV_OK);
    EXPECT_EQ(f, AXV_POSIX_DEFAULT_RAM_PHYS_BASE);
    ASSERT_EQ(axv_posix_shutdown(&report), AXV_OK);
    EXPECT_EQ(report.frames_in_use, AXV_POSIX_DEFAULT_RAM_BYTES / kFrame);

    for (int rc : {axv_memory_reset(), axv_time_reset(), axv_vmm_reset(), axv_host_reset(),
                   axv_gic_reset(), axv_console_reset()})
        EXPECT_EQ(rc, AXV_OK);
}

class RamStop : public Ram {};

TEST_F(RamStop, ReportsFramesStillInUse) {
    axv_paddr_t a, b, c, run;
    ASSERT_EQ(axv_memory_alloc_frame(&a), AXV_OK);
    ASSERT_EQ(axv_memory_alloc_frame(&b), AXV_OK);
    ASSERT_EQ(axv_memory_alloc_frame(&c), AXV_OK);
    // 5 frames, not the 8 of its block: the tail went back.
    ASSERT_EQ(axv_memory_alloc_contiguous_frames(5, 0, &run), AXV_OK);
    ASSERT_EQ(axv_memory_dealloc_frame(b), AXV_OK);
    EXPECT_EQ(axv_posix_memory_stop(), 7u);
}

// --- translation ---

class RamTranslation : public Ram {};

TEST_F(RamTranslation, PhysicalAndVirtualRangesAreDisjoint) {
    axv_vaddr_t virt = axv_memory_phys_to_virt(kBase);
    EXPECT_NE(virt, kBase);
    EXPECT_TRUE(virt + bytes_ <= kBase || kBase + bytes_ <= virt)
        << std::hex << "virt 0x" << virt << " phys 0x" << kBase;
}

// The kernel tends to hand out an address just unmapped again: offer it as the fake
// physical base, and the region must still land somewhere else.
TEST(RamPlacement, AvoidsAVirtualRangeOnTheFakePhysicalOne) {
    const size_t bytes = 8 * kMiB;
    void *hole = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ASSERT_NE(hole, MAP_FAILED);
    ASSERT_EQ(munmap(hole, bytes), 0);
    const auto base = static_cast<axv_paddr_t>(reinterpret_cast<uintptr_t>(hole));
    ASSERT_EQ(axv_memory_register(&axv_posix_memory_ops), AXV_OK);
    ASSERT_EQ(start_ram(bytes, base), AXV_OK);
    axv_vaddr_t virt = axv_memory_phys_to_virt(base);
    EXPECT_TRUE(virt + bytes <= base || base + bytes <= virt)
        << std::hex << "virt 0x" << virt << " phys 0x" << base;
    EXPECT_EQ(axv_memory_virt_to_phys(virt), base);
    EXPECT_EQ(axv_posix_memory_stop(), 0u);
    ASSERT_EQ(axv_memory_reset(), AXV_OK);
}

TEST_F(RamTranslation, ExactInversesForEveryByteOffset) {
    const axv_vaddr_t virt = axv_memory_phys_to_virt(kBase);
    // Edges of the region and of frames, plus a sweep with an odd stride.
    std::vector<size_t> offsets = {
        0, 1, kFrame - 1, kFrame, kFrame + 1, bytes_ / 2, bytes_ - kFrame, bytes_ - 2, bytes_ - 1};
    for (size_t off = 7; off < bytes_; off += 65537)
        offsets.push_back(off);
    for (size_t off : offsets) {
        SCOPED_TRACE(off);
        EXPECT_EQ(axv_memory_phys_to_virt(kBase + off), virt + off);
        EXPECT_EQ(axv_memory_virt_to_phys(virt + off), kBase + off);
        EXPECT_EQ(axv_memory_virt_to_phys(axv_memory_phys_to_virt(kBase + off)), kBase + off);
        EXPECT_EQ(axv_memory_phys_to_virt(axv_memory_virt_to_phys(virt + off)), virt + off);
    }
}

TEST_F(RamTranslation, TranslatedFramesAreTheRegionsMemory) {
    // Writes through one translation are read back through the other.
    axv_paddr_t f;
    ASSERT_EQ(axv_memory_alloc_frame(&f), AXV_OK);
    auto *p = reinterpret_cast<volatile uint8_t *>(axv_memory_phys_to_virt(f));
    p[0] = 0x5a;
    p[kFrame - 1] = 0xa5;
    auto back = reinterpret_cast<uintptr_t>(p + kFrame - 1);
    EXPECT_EQ(axv_memory_virt_to_phys(back), f + kFrame - 1);
    EXPECT_EQ(*reinterpret_cast<volatile uint8_t *>(axv_memory_phys_to_virt(f + kFrame - 1)), 0xa5);
    ASSERT_EQ(axv_memory_dealloc_frame(f), AXV_OK);
}

class RamTranslationDeathTest : public Ram {};

TEST_F(RamTranslationDeathTest, OutsideTheRegionIsFatal) {
    axv_set_fatal_handler(fatal_to_stderr);
    const axv_vaddr_t virt = axv_memory_phys_to_virt(kBase);
    EXPECT_DEATH(axv_memory_phys_to_virt(kBase - 1),
                 "memory\\.phys_to_virt: physical address 0x7fffffff is outside RAM");
    EXPECT_DEATH(axv_memory_phys_to_virt(kBase + bytes_),
                 "memory\\.phys_to_virt: physical address 0x84000000 is outside RAM");
    EXPECT_DEATH(axv_memory_phys_to_virt(0), "memory\\.phys_to_virt: physical address 0x0 ");
    EXPECT_DEATH(axv_memory_phys_to_virt(UINT64_MAX),
                 "memory\\.phys_to_virt: physical address 0xffffffffffffffff ");
    char below[64], above[64];
    std::snprintf(below, sizeof(below), "0x%jx is outside RAM", uintmax_t{virt - 1});
    std::snprintf(above, sizeof(above), "0x%jx is outside RAM", uintmax_t{virt + bytes_});
    EXPECT_DEATH(axv_memory_virt_to_phys(virt - 1),
                 std::string("memory\\.virt_to_phys: virtual address ") + below);
    EXPECT_DEATH(axv_memory_virt_to_phys(virt + bytes_),
                 std::string("memory\\.virt_to_phys: virtual address ") + above);
    // A physical address is not a virtual one: the classic confusion is caught.
    EXPECT_DEATH(axv_memory_virt_to_phys(kBase),
                 "memory\\.virt_to_phys: virtual address 0x80000000");
    EXPECT_DEATH(axv_memory_phys_to_virt(virt), "memory\\.phys_to_virt: physical address 0x");
}

TEST_F(RamTranslationDeathTest, AfterStopIsFatal) {
    axv_set_fatal_handler(fatal_to_stderr);
    const axv_vaddr_t virt = axv_memory_phys_to_virt(kBase);
    EXPECT_EQ(axv_posix_memory_stop(), 0u);
    EXPECT_DEATH(axv_memory_phys_to_virt(kBase),
                 "memory\\.phys_to_virt: the posix platform is not");
    EXPECT_DEATH(axv_memory_virt_to_phys(virt), "memory\\.virt_to_phys: the posix platform is not");
}

// --- AXV_EINVAL ---

class RamEinval : public Ram {};

TEST_F(RamEinval, BadAllocationArguments) {
    axv_paddr_t f = 0x1234;
    EXPECT_EQ(axv_memory_alloc_frame(nullptr), AXV_EINVAL);
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(1, 0, nullptr), AXV_EINVAL);
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(0, 0, &f), AXV_EINVAL);
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(SIZE_MAX / kFrame + 1, 0, &f), AXV_EINVAL);
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(SIZE_MAX, 0, &f), AXV_EINVAL);
    for (size_t align :
         {size_t{3}, size_t{12}, size_t{4097}, size_t{12288}, size_t{3} << 20, SIZE_MAX})
        EXPECT_EQ(axv_memory_alloc_contiguous_frames(1, align, &f), AXV_EINVAL) << align;
    EXPECT_EQ(f, 0x1234u) << "a refused call wrote its out-parameter";
    EXPECT_TRUE(axv_posix_memory_check());
    EXPECT_EQ(axv_posix_memory_stop(), 0u) << "a refused call allocated";
}

TEST_F(RamEinval, TooLargeOrTooAlignedIsEnomemNotEinval) {
    axv_paddr_t f = 0x1234;
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(bytes_ / kFrame + 1, 0, &f), AXV_ENOMEM);
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(SIZE_MAX / kFrame, 0, &f), AXV_ENOMEM);
    // 64 MiB at 0x80000000 holds no 128 MiB-aligned block (and nothing holds a 2^63 one).
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(1, 128 * kMiB, &f), AXV_ENOMEM);
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(1, SIZE_MAX / 2 + 1, &f), AXV_ENOMEM);
    EXPECT_EQ(f, 0x1234u);
    EXPECT_EQ(axv_posix_memory_stop(), 0u);
}

TEST_F(RamEinval, AlignmentsUpToFrameSizeMeanFrameAlignment) {
    for (size_t align : {size_t{0}, size_t{1}, size_t{2}, size_t{64}, size_t{2048}, kFrame}) {
        axv_paddr_t f;
        ASSERT_EQ(axv_memory_alloc_contiguous_frames(3, align, &f), AXV_OK) << align;
        EXPECT_EQ(f % kFrame, 0u);
        EXPECT_EQ(axv_memory_dealloc_contiguous_frames(f, 3), AXV_OK);
    }
}

// Every refused free changes nothing: the allocation is still there and frees once.
TEST_F(RamEinval, BadFrees) {
    axv_paddr_t single, run, never;
    ASSERT_EQ(axv_memory_alloc_frame(&single), AXV_OK);
    ASSERT_EQ(axv_memory_alloc_contiguous_frames(5, 0, &run), AXV_OK);
    ASSERT_EQ(axv_memory_alloc_frame(&never), AXV_OK);
    ASSERT_EQ(axv_memory_dealloc_frame(never), AXV_OK); // now free: "never allocated" again

    // Never allocated (free now), foreign, misaligned.
    EXPECT_EQ(axv_memory_dealloc_frame(never), AXV_EINVAL);
    EXPECT_EQ(axv_memory_dealloc_contiguous_frames(never, 1), AXV_EINVAL);
    for (axv_paddr_t foreign : {axv_paddr_t{0}, kBase - kFrame, kBase + bytes_, kBase + 2 * bytes_,
                                axv_paddr_t{UINT64_MAX & ~0xfffull}}) {
        EXPECT_EQ(axv_memory_dealloc_frame(foreign), AXV_EINVAL) << foreign;
        EXPECT_EQ(axv_memory_dealloc_contiguous_frames(foreign, 1), AXV_EINVAL) << foreign;
    }
    for (axv_paddr_t off : {1u, 8u, 2048u, 4095u}) {
        EXPECT_EQ(axv_memory_dealloc_frame(single + off), AXV_EINVAL) << off;
        EXPECT_EQ(axv_memory_dealloc_contiguous_frames(run + off, 5), AXV_EINVAL) << off;
    }
    // A frame inside a longer run, by either op; the run's head by dealloc_frame.
    EXPECT_EQ(axv_memory_dealloc_frame(run), AXV_EINVAL);
    for (size_t i = 1; i < 5; i++) {
        EXPECT_EQ(axv_memory_dealloc_frame(run + i * kFrame), AXV_EINVAL) << i;
        EXPECT_EQ(axv_memory_dealloc_contiguous_frames(run + i * kFrame, 5 - i), AXV_EINVAL) << i;
    }
    // Lengths that differ from the allocation, including the 8 of its covering block.
    for (size_t n : {size_t{0}, size_t{1}, size_t{4}, size_t{6}, size_t{8}, SIZE_MAX})
        EXPECT_EQ(axv_memory_dealloc_contiguous_frames(run, n), AXV_EINVAL) << n;
    EXPECT_EQ(axv_memory_dealloc_contiguous_frames(single, 2), AXV_EINVAL);
    EXPECT_EQ(axv_memory_dealloc_contiguous_frames(single, 0), AXV_EINVAL);
    EXPECT_TRUE(axv_posix_memory_check());

    // All still allocated, and each frees exactly once.
    ASSERT_EQ(axv_memory_dealloc_contiguous_frames(run, 5), AXV_OK);
    EXPECT_EQ(axv_memory_dealloc_contiguous_frames(run, 5), AXV_EINVAL);
    ASSERT_EQ(axv_memory_dealloc_frame(single), AXV_OK);
    EXPECT_EQ(axv_memory_dealloc_frame(single), AXV_EINVAL);
    EXPECT_TRUE(axv_posix_memory_check());
    EXPECT_EQ(axv_posix_memory_stop(), 0u);
}

TEST_F(RamEinval, SingleFramesFreeByEitherOp) {
    // A one-frame run is a frame: both ops describe the same allocation.
    axv_paddr_t a, b;
    ASSERT_EQ(axv_memory_alloc_frame(&a), AXV_OK);
    ASSERT_EQ(axv_memory_alloc_contiguous_frames(1, 0, &b), AXV_OK);
    EXPECT_EQ(axv_memory_dealloc_contiguous_frames(a, 1), AXV_OK);
    EXPECT_EQ(axv_memory_dealloc_frame(b), AXV_OK);
    EXPECT_EQ(axv_posix_memory_stop(), 0u);
}

} // namespace
