// The POSIX platform's riscv area: VS-level pending bits of the calling vCPU, the modelled
// AIA and PLIC machines (QEMU virt's addresses), remote fences checked and logged; and the
// host area's fdt_address, which a process answers with AXV_ENOENT.
#include "vmm_support.h"

#include <atomic>
#include <thread>
#include <vector>

using namespace axv_test;

namespace {

constexpr uint32_t kVssip = 2, kVstip = 6, kVseip = 10;
constexpr uint64_t bit(uint32_t n) {
    return uint64_t{1} << n;
}

// The platform as a whole (the riscv area comes with it); the riscv slot is reset too.
class Riscv : public VmmTest<ViaPlatform> {
  protected:
    void TearDown() override {
        VmmTest<ViaPlatform>::TearDown();
        EXPECT_EQ(axv_riscv_reset(), AXV_OK);
    }
};

struct VsRun {
    std::atomic<int> set_rc[3], clear_rc[3], bad_rc[3];
    std::atomic<int> returned{0};
};

// vCPU v sets VSSIP and VSTIP, clears VSSIP again; vCPU 1 also sets VSEIP; every vCPU tries
// numbers hvip has no VS bit for.
void vs_guest(void *arg) {
    auto *r = static_cast<VsRun *>(arg);
    const axv_vcpu_id_t me = axv_vmm_current_vcpu_id();
    int rc = axv_riscv_set_vs_pending(kVssip);
    if (rc == AXV_OK)
        rc = axv_riscv_set_vs_pending(kVstip);
    if (rc == AXV_OK && me == 1)
        rc = axv_riscv_set_vs_pending(kVseip);
    r->set_rc[me] = rc;
    r->clear_rc[me] = axv_riscv_clear_vs_pending(kVssip);
    int bad = AXV_OK;
    for (uint32_t n : {0u, 1u, 3u, 5u, 9u, 11u, 63u, 64u, 1000u})
        if (axv_riscv_set_vs_pending(n) != AXV_EINVAL ||
            axv_riscv_clear_vs_pending(n) != AXV_EINVAL)
            bad = AXV_EINVAL - 1; // any value but AXV_OK: a wrong answer
    r->bad_rc[me] = bad;
    r->returned++;
}

TEST_F(Riscv, VsPendingBitsBelongToTheCallingVcpu) {
    VsRun r;
    for (int i = 0; i < 3; i++)
        r.set_rc[i] = r.clear_rc[i] = r.bad_rc[i] = 1;
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(3, vs_guest, &r, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_stop(vm), AXV_OK); // every guest has returned
    ASSERT_EQ(r.returned.load(), 3);
    for (axv_vcpu_id_t v = 0; v < 3; v++) {
        SCOPED_TRACE(v);
        EXPECT_EQ(r.set_rc[v].load(), AXV_OK);
        EXPECT_EQ(r.clear_rc[v].load(), AXV_OK);
        EXPECT_EQ(r.bad_rc[v].load(), AXV_OK);
        uint64_t hvip = ~uint64_t{0};
        ASSERT_EQ(axv_posix_vcpu_vs_pending(vm, v, &hvip), AXV_OK);
        EXPECT_EQ(hvip, bit(kVstip) | (v == 1 ? bit(kVseip) : 0));
    }
    uint64_t hvip;
    EXPECT_EQ(axv_posix_vcpu_vs_pending(vm, 3, &hvip), AXV_ENOENT);
    EXPECT_EQ(axv_posix_vcpu_vs_pending(vm + 1, 0, &hvip), AXV_ENOENT);
    EXPECT_EQ(axv_posix_vcpu_vs_pending(vm, 0, nullptr), AXV_EINVAL);
}

TEST_F(Riscv, VsPendingOffVcpuThreadsIsEinval) {
    EXPECT_EQ(axv_riscv_set_vs_pending(kVstip), AXV_EINVAL);
    EXPECT_EQ(axv_riscv_clear_vs_pending(kVstip), AXV_EINVAL);
}

TEST_F(Riscv, AiaMachineByDefault) {
    axv_paddr_t base = 0;
    EXPECT_EQ(axv_riscv_host_plic_base(&base), AXV_ENOENT);
    ASSERT_EQ(axv_riscv_host_aplic_base(&base), AXV_OK);
    EXPECT_EQ(base, 0x0d000000u); // QEMU virt's supervisor-level APLIC domain
    size_t files = 0;
    ASSERT_EQ(axv_riscv_imsic_guest_files(&files), AXV_OK);
    EXPECT_EQ(files, AXV_POSIX_DEFAULT_RISCV_GUEST_FILES);

    // 1 + 7 files per hart: blocks of 8 pages from QEMU virt's 0x28000000.
    const size_t cpus = axv_host_cpu_num();
    for (size_t cpu = 0; cpu < cpus; cpu++) {
        for (size_t file = 0; file <= files; file++) {
            axv_paddr_t addr = 0;
            ASSERT_EQ(axv_riscv_imsic_file_address(cpu, file, &addr), AXV_OK);
            EXPECT_EQ(addr, 0x28000000u + cpu * 0x8000u + file * 0x1000u);
        }
    }
    axv_paddr_t addr = 0;
    EXPECT_EQ(axv_riscv_imsic_file_address(0, files + 1, &addr), AXV_EINVAL);
    EXPECT_EQ(axv_riscv_imsic_file_address(cpus, 0, &addr), AXV_EINVAL);
    EXPECT_EQ(axv_riscv_imsic_file_address(0, 0, nullptr), AXV_EINVAL);
    EXPECT_EQ(axv_riscv_imsic_guest_files(nullptr), AXV_EINVAL);
    EXPECT_EQ(axv_riscv_host_aplic_base(nullptr), AXV_EINVAL);
}

TEST_F(Riscv, GuestFileCountSetsTheImsicLayout) {
    const struct {
        uint32_t files;
        axv_paddr_t block;
    } cases[] = {{1, 0x2000}, {3, 0x4000}, {4, 0x8000}, {63, 0x40000}};
    for (const auto &c : cases) {
        SCOPED_TRACE(c.files);
        axv_posix_resolved config = default_config();
        config.riscv_guest_files = c.files;
        restart(config);
        size_t files = 0;
        ASSERT_EQ(axv_riscv_imsic_guest_files(&files), AXV_OK);
        EXPECT_EQ(files, c.files);
        axv_paddr_t addr = 0;
        ASSERT_EQ(axv_riscv_imsic_file_address(0, c.files, &addr), AXV_OK);
        EXPECT_EQ(addr, 0x28000000u + c.files * 0x1000u);
        if (axv_host_cpu_num() > 1) {
            ASSERT_EQ(axv_riscv_imsic_file_address(1, 0, &addr), AXV_OK);
            EXPECT_EQ(addr, 0x28000000u + c.block);
        }
    }
}

TEST_F(Riscv, TooManyGuestFilesAreRefused) {
    (void)stop();
    axv_posix_config c{};
    c.ram_bytes = 1u << 20;
    c.riscv_guest_files = AXV_POSIX_MAX_RISCV_GUEST_FILES + 1;
    EXPECT_EQ(axv_posix_init(&c), AXV_EINVAL);
    start(default_config());
}

TEST_F(Riscv, PlicMachineHasNoAia) {
    axv_posix_resolved config = default_config();
    config.riscv_plic = true;
    restart(config);
    axv_paddr_t base = 0;
    ASSERT_EQ(axv_riscv_host_plic_base(&base), AXV_OK);
    EXPECT_EQ(base, 0x0c000000u); // QEMU virt's PLIC
    EXPECT_EQ(axv_riscv_host_aplic_base(&base), AXV_ENOENT);
    size_t files = 0;
    EXPECT_EQ(axv_riscv_imsic_guest_files(&files), AXV_ENOENT);
    EXPECT_EQ(axv_riscv_imsic_file_address(0, 0, &base), AXV_ENOENT);
    EXPECT_EQ(axv_riscv_host_plic_base(nullptr), AXV_EINVAL);
}

TEST_F(Riscv, FencesAreLoggedAsReceived) {
    axv_posix_riscv_fence last{};
    ASSERT_EQ(axv_posix_riscv_fences(&last), 0u);
    EXPECT_EQ(last.kind, 0);

    ASSERT_EQ(axv_riscv_remote_hfence_gvma(1, 0, 5, 0x80001000u, 0x2000), AXV_OK);
    EXPECT_EQ(axv_posix_riscv_fences(&last), 1u);
    EXPECT_EQ(last.kind, AXV_POSIX_RISCV_HFENCE_GVMA);
    EXPECT_EQ(last.cpu_mask, 1u);
    EXPECT_EQ(last.cpu_base, 0u);
    EXPECT_EQ(last.vmid, 5u);
    EXPECT_EQ(last.addr, 0x80001000u);
    EXPECT_EQ(last.size, 0x2000u);

    ASSERT_EQ(axv_riscv_remote_hfence_vvma(1, 0, (1u << 14) - 1, UINT32_MAX, 0x1234, SIZE_MAX),
              AXV_OK);
    EXPECT_EQ(axv_posix_riscv_fences(&last), 2u);
    EXPECT_EQ(last.kind, AXV_POSIX_RISCV_HFENCE_VVMA);
    EXPECT_EQ(last.vmid, (1u << 14) - 1);
    EXPECT_EQ(last.asid, UINT32_MAX);
    EXPECT_EQ(last.addr, 0u); // the whole space: the start is ignored
    EXPECT_EQ(last.size, SIZE_MAX);

    // Nothing selected: done, and nothing executed.
    EXPECT_EQ(axv_riscv_remote_hfence_gvma(0, 0, 1, 0, 0x1000), AXV_OK);
    EXPECT_EQ(axv_riscv_remote_hfence_vvma(1, 0, 1, 1, 0x1000, 0), AXV_OK);
    EXPECT_EQ(axv_posix_riscv_fences(nullptr), 2u);
}

TEST_F(Riscv, BadFencesAreRefusedAndNotExecuted) {
    const size_t cpus = axv_host_cpu_num();
    EXPECT_EQ(axv_riscv_remote_hfence_gvma(1, cpus, 1, 0, 0x1000), AXV_EINVAL);
    if (cpus < 64) {
        EXPECT_EQ(axv_riscv_remote_hfence_gvma(bit(static_cast<uint32_t>(cpus)), 0, 1, 0, 0x1000),
                  AXV_EINVAL);
        EXPECT_EQ(axv_riscv_remote_hfence_vvma(~uint64_t{0}, 0, 1, 1, 0, 0x1000), AXV_EINVAL);
    }
    EXPECT_EQ(axv_riscv_remote_hfence_gvma(1, SIZE_MAX, 1, 0, 0x1000), AXV_EINVAL);
    EXPECT_EQ(axv_riscv_remote_hfence_gvma(1, 0, 1u << 14, 0, 0x1000), AXV_EINVAL); // VMIDLEN 14
    EXPECT_EQ(axv_riscv_remote_hfence_vvma(1, 0, 1, 1u << 16, 0, 0x1000), AXV_EINVAL);
    EXPECT_EQ(axv_riscv_remote_hfence_gvma(1, 0, 1, UINT64_MAX, 2), AXV_EINVAL); // wraps
    EXPECT_EQ(axv_riscv_remote_hfence_vvma(1, 0, 1, 1, UINT64_MAX - 0xfff, 0x2000), AXV_EINVAL);
    EXPECT_EQ(axv_posix_riscv_fences(nullptr), 0u);
    // The last byte of the space is a range that does not wrap.
    EXPECT_EQ(axv_riscv_remote_hfence_gvma(1, 0, 1, UINT64_MAX, 1), AXV_OK);
    EXPECT_EQ(axv_posix_riscv_fences(nullptr), 1u);
}

TEST_F(Riscv, FencesFromManyThreadsAreAllExecuted) {
    constexpr int kThreads = 4, kEach = 2000;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; t++)
        threads.emplace_back([&failures, t] {
            for (int i = 0; i < kEach; i++)
                if (axv_riscv_remote_hfence_vvma(1, 0, static_cast<uint32_t>(t), 1,
                                                 static_cast<uint64_t>(i) << 12, 0x1000) != AXV_OK)
                    failures++;
        });
    for (auto &th : threads)
        th.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(axv_posix_riscv_fences(nullptr), uint64_t{kThreads} * kEach);
}

TEST_F(Riscv, RestartEmptiesTheFenceLog) {
    ASSERT_EQ(axv_riscv_remote_hfence_gvma(1, 0, 1, 0, SIZE_MAX), AXV_OK);
    ASSERT_EQ(axv_posix_riscv_fences(nullptr), 1u);
    restart(default_config());
    EXPECT_EQ(axv_posix_riscv_fences(nullptr), 0u);
}

TEST_F(Riscv, HostHasNoDeviceTree) {
    axv_paddr_t addr = 0x1234;
    EXPECT_EQ(axv_host_fdt_address(&addr), AXV_ENOENT);
    EXPECT_EQ(addr, 0x1234u); // untouched
    EXPECT_EQ(axv_host_fdt_address(nullptr), AXV_EINVAL);
}

} // namespace
