/* riscv cases: what any platform with the riscv area must answer, checked from wherever the
 * suite runs (no vCPU need be loaded there): the IMSIC layout, the interrupt controllers'
 * bases, remote fences over every CPU, and refused arguments. A platform without the area
 * (an aarch64 board) implements none of its ops, so every case is skipped, saying so. */
#include "suite.h"

#define PAGE_MASK ((axv_paddr_t)0xfffu)
/* GEILEN is at most 63 on RV64. */
#define MAX_GUEST_FILES 63u

/* The fence mask selecting CPUs @p first .. @p cpus - 1 (at most 64 of them). */
static uint64_t cpu_mask_from(size_t first, size_t cpus) {
    size_t n = cpus - first;
    return n >= 64u ? UINT64_MAX : (UINT64_C(1) << n) - 1u;
}

static void case_vs_pending_invalid(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, riscv, set_vs_pending) ||
        !AXV_CONF_REQUIRE(c, riscv, clear_vs_pending))
        return;
    /* hvip has VS-level bits 2, 6 and 10 only; any other number is refused whether or not a
     * vCPU is loaded here, so the call changes nothing. */
    static const uint32_t bad[] = {0u, 1u, 3u, 5u, 9u, 12u, 63u, 64u, UINT32_MAX};
    for (size_t i = 0; i < AXV_CONF_COUNT(bad); i++) {
        if (!axv_conf_expect_status(c, "set_vs_pending(non-VS bit)",
                                    axv_riscv_set_vs_pending(bad[i]), AXV_EINVAL) ||
            !axv_conf_expect_status(c, "clear_vs_pending(non-VS bit)",
                                    axv_riscv_clear_vs_pending(bad[i]), AXV_EINVAL))
            return;
    }
}

static void case_imsic_layout(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, riscv, imsic_guest_files) ||
        !AXV_CONF_REQUIRE(c, riscv, imsic_file_address) || !AXV_CONF_REQUIRE(c, host, cpu_num))
        return;
    if (!axv_conf_expect_status(c, "imsic_guest_files(NULL)", axv_riscv_imsic_guest_files(NULL),
                                AXV_EINVAL))
        return;
    size_t files = 0;
    int rc = axv_riscv_imsic_guest_files(&files);
    axv_paddr_t addr = 0;
    if (rc == AXV_ENOENT) {
        /* No IMSIC: no file has an address either. */
        (void)axv_conf_expect_status(c, "imsic_file_address without an IMSIC",
                                     axv_riscv_imsic_file_address(0, 0, &addr), AXV_ENOENT);
        return;
    }
    if (!axv_conf_expect_status(c, "imsic_guest_files", rc, AXV_OK))
        return;
    size_t again = 0;
    if (axv_riscv_imsic_guest_files(&again) != AXV_OK || again != files ||
        files > MAX_GUEST_FILES) {
        struct axv_conf_text *t = axv_conf_fail(c);
        axv_conf_put_str(t, "imsic_guest_files gave ");
        axv_conf_put_dec(t, files);
        axv_conf_put_str(t, " then ");
        axv_conf_put_dec(t, again);
        return;
    }
    /* Every file of every hart: page-aligned, and no two alike (files of one hart are
     * compared with each other and with the first file of the next hart). */
    size_t cpus = axv_host_cpu_num();
    for (size_t cpu = 0; cpu < cpus; cpu++) {
        axv_paddr_t previous = 0;
        for (size_t file = 0; file <= files; file++) {
            if (!axv_conf_expect_status(c, "imsic_file_address",
                                        axv_riscv_imsic_file_address(cpu, file, &addr), AXV_OK))
                return;
            if ((addr & PAGE_MASK) != 0 || (file > 0 && addr == previous)) {
                struct axv_conf_text *t = axv_conf_fail(c);
                axv_conf_put_str(t, "file ");
                axv_conf_put_dec(t, file);
                axv_conf_put_str(t, " of CPU ");
                axv_conf_put_dec(t, cpu);
                axv_conf_put_str(t, " is at ");
                axv_conf_put_hex(t, addr);
                axv_conf_put_str(t, ", unaligned or the previous file's");
                return;
            }
            previous = addr;
        }
    }
    (void)(axv_conf_expect_status(c, "imsic_file_address(file beyond the count)",
                                  axv_riscv_imsic_file_address(0, files + 1u, &addr), AXV_EINVAL) &&
           axv_conf_expect_status(c, "imsic_file_address(CPU beyond cpu_num)",
                                  axv_riscv_imsic_file_address(cpus, 0, &addr), AXV_EINVAL) &&
           axv_conf_expect_status(c, "imsic_file_address(NULL)",
                                  axv_riscv_imsic_file_address(0, 0, NULL), AXV_EINVAL));
}

/* One base op: AXV_OK with a page-aligned address that does not change, or AXV_ENOENT; NULL
 * refused. */
static void check_base(struct axv_conf_case *c, const char *what, int (*op)(axv_paddr_t *)) {
    if (!axv_conf_expect_status(c, what, op(NULL), AXV_EINVAL))
        return;
    axv_paddr_t first = 0, again = 0;
    int rc = op(&first);
    if (rc == AXV_ENOENT)
        return;
    if (!axv_conf_expect_status(c, what, rc, AXV_OK) ||
        !axv_conf_expect_status(c, what, op(&again), AXV_OK))
        return;
    if ((first & PAGE_MASK) != 0 || again != first) {
        struct axv_conf_text *t = axv_conf_fail(c);
        axv_conf_put_str(t, what);
        axv_conf_put_str(t, " gave ");
        axv_conf_put_hex(t, first);
        axv_conf_put_str(t, " then ");
        axv_conf_put_hex(t, again);
    }
}

static void case_irqchip_bases(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, riscv, host_plic_base) || !AXV_CONF_REQUIRE(c, riscv, host_aplic_base))
        return;
    check_base(c, "host_plic_base", axv_riscv_host_plic_base);
    check_base(c, "host_aplic_base", axv_riscv_host_aplic_base);
}

static void case_remote_fences(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, riscv, remote_hfence_gvma) ||
        !AXV_CONF_REQUIRE(c, riscv, remote_hfence_vvma) || !AXV_CONF_REQUIRE(c, host, cpu_num))
        return;
    /* VMID 0 and ASID 0 exist on every hart (VMIDLEN and ASIDLEN may be 0). Fencing what no
     * guest uses is harmless, so every CPU can be fenced from here. */
    size_t cpus = axv_host_cpu_num();
    for (size_t first = 0; first < cpus; first += 64u) {
        uint64_t mask = cpu_mask_from(first, cpus);
        if (!axv_conf_expect_status(c, "remote_hfence_gvma(every CPU, whole space)",
                                    axv_riscv_remote_hfence_gvma(mask, first, 0, 0, SIZE_MAX),
                                    AXV_OK) ||
            !axv_conf_expect_status(
                c, "remote_hfence_gvma(every CPU, one page)",
                axv_riscv_remote_hfence_gvma(mask, first, 0, 0x80000000u, 0x1000u), AXV_OK) ||
            !axv_conf_expect_status(
                c, "remote_hfence_vvma(every CPU, every ASID)",
                axv_riscv_remote_hfence_vvma(mask, first, 0, UINT32_MAX, 0, SIZE_MAX), AXV_OK) ||
            !axv_conf_expect_status(
                c, "remote_hfence_vvma(every CPU, ASID 0, one page)",
                axv_riscv_remote_hfence_vvma(mask, first, 0, 0, 0x1000u, 0x1000u), AXV_OK))
            return;
    }
    (void)(axv_conf_expect_status(c, "remote_hfence_gvma(empty mask)",
                                  axv_riscv_remote_hfence_gvma(0, 0, 0, 0, SIZE_MAX), AXV_OK) &&
           axv_conf_expect_status(c, "remote_hfence_gvma(a CPU beyond cpu_num)",
                                  axv_riscv_remote_hfence_gvma(1, cpus, 0, 0, SIZE_MAX),
                                  AXV_EINVAL) &&
           axv_conf_expect_status(c, "remote_hfence_vvma(a CPU beyond cpu_num)",
                                  axv_riscv_remote_hfence_vvma(1, cpus, 0, 0, 0, SIZE_MAX),
                                  AXV_EINVAL) &&
           axv_conf_expect_status(c, "remote_hfence_gvma(a range that wraps)",
                                  axv_riscv_remote_hfence_gvma(1, 0, 0, UINT64_MAX, 2),
                                  AXV_EINVAL) &&
           axv_conf_expect_status(c, "remote_hfence_vvma(a range that wraps)",
                                  axv_riscv_remote_hfence_vvma(1, 0, 0, 0, UINT64_MAX, 2),
                                  AXV_EINVAL));
}

static const struct axv_conf_case_def riscv_cases[] = {
    {"vs_pending_invalid", case_vs_pending_invalid},
    {"imsic_layout", case_imsic_layout},
    {"irqchip_bases", case_irqchip_bases},
    {"remote_fences", case_remote_fences},
};

const struct axv_conf_area_cases axv_conf_riscv_cases = {riscv_cases, AXV_CONF_COUNT(riscv_cases)};
