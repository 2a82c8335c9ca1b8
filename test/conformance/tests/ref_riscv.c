/* Reference riscv area: an AIA machine of the reference host's CPUs, each IMSIC with two
 * guest files, an APLIC and no PLIC. The suite runs on no vCPU, so the VS-level bits are
 * always refused; fences are checked and done (there is no TLB to flush). */
#include "ref_internal.h"

#define IMSIC_BASE ((axv_paddr_t)0x28000000u)
#define IMSIC_HART_STRIDE ((axv_paddr_t)0x4000u) /* 1 + 2 files, rounded to a power of two */
#define GUEST_FILES 2u
#define VMID_LIMIT (UINT32_C(1) << 14)
#define ASID_LIMIT (UINT32_C(1) << 16)

static int set_vs_pending(uint32_t irq) {
    (void)irq;
    return AXV_EINVAL; /* no vCPU is loaded where the suite runs */
}

static int imsic_guest_files(size_t *num) {
    if (num == NULL)
        return AXV_EINVAL;
    *num = GUEST_FILES;
    return AXV_OK;
}

static int imsic_file_address(size_t cpu, size_t file, axv_paddr_t *addr) {
    if (addr == NULL || cpu >= ref_cpu_num() || file > GUEST_FILES)
        return AXV_EINVAL;
    axv_paddr_t file_offset = ref_cfg.fault == REF_FAULT_IMSIC_FILES_ALIAS ? 0 : file * 0x1000u;
    *addr = IMSIC_BASE + cpu * IMSIC_HART_STRIDE + file_offset;
    return AXV_OK;
}

static int fence_check(uint64_t cpu_mask, size_t cpu_base, uint64_t addr, size_t size) {
    size_t cpus = ref_cpu_num();
    if (cpu_mask != 0 && ref_cfg.fault != REF_FAULT_FENCE_ACCEPTS_ANY_CPU) {
        size_t highest = 63u - (size_t)__builtin_clzll(cpu_mask);
        if (cpu_base >= cpus || highest >= cpus - cpu_base)
            return AXV_EINVAL;
    }
    if (size != 0 && size != SIZE_MAX && (uint64_t)size - 1u > UINT64_MAX - addr)
        return AXV_EINVAL;
    return AXV_OK;
}

static int remote_hfence_gvma(uint64_t cpu_mask, size_t cpu_base, uint32_t vmid, uint64_t gpa,
                              size_t size) {
    return vmid >= VMID_LIMIT ? AXV_EINVAL : fence_check(cpu_mask, cpu_base, gpa, size);
}

static int remote_hfence_vvma(uint64_t cpu_mask, size_t cpu_base, uint32_t vmid, uint32_t asid,
                              uint64_t gva, size_t size) {
    if (vmid >= VMID_LIMIT || (asid != UINT32_MAX && asid >= ASID_LIMIT))
        return AXV_EINVAL;
    return fence_check(cpu_mask, cpu_base, gva, size);
}

/* cppcheck-suppress constParameter ; the op's signature: an out-parameter, unwritten here */
static int host_plic_base(axv_paddr_t *base) {
    return base == NULL ? AXV_EINVAL : AXV_ENOENT;
}

static int host_aplic_base(axv_paddr_t *base) {
    if (base == NULL)
        return AXV_EINVAL;
    *base = 0x0d000000u;
    return AXV_OK;
}

const struct axv_riscv_ops ref_riscv_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_riscv_ops),
    .set_vs_pending = set_vs_pending,
    .clear_vs_pending = set_vs_pending,
    .imsic_guest_files = imsic_guest_files,
    .imsic_file_address = imsic_file_address,
    .remote_hfence_gvma = remote_hfence_gvma,
    .remote_hfence_vvma = remote_hfence_vvma,
    .host_plic_base = host_plic_base,
    .host_aplic_base = host_aplic_base,
};
