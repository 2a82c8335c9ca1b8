/* Riscv area: the H extension and AIA as this machine has them. VS-level pending bits are
 * the calling hart's hvip (its vCPU is always loaded: vCPU i lives on hart i). The IMSIC
 * facts come from the device tree (the supervisor-level IMSICs: hart k of /cpus has its
 * files at base + k * 2^guest-index-bits pages, file f at page f) and the hardware (GEILEN:
 * the hgeie bits that stick). Remote guest TLB fences go through SBI RFENCE one hart at a
 * time (hart ids need not be contiguous); the VVMA of a named VMID runs with that VMID in
 * the caller's hgatp, whose VMID the SBI call uses. The PLIC and APLIC bases come from the
 * device tree; without AIA virt has a PLIC, with it an APLIC and IMSICs. */
#include "riscv.h"

#include "board.h"
#include "cpu.h"
#include "ops.h"
#include "percpu.h"
#include "sbi.h"

#define PAGE_SIZE UINT64_C(0x1000)
#define HGATP_MODE_SV39X4 (UINT64_C(8) << 60)
#define HGATP_VMID_SHIFT 44u
#define HGATP_VMID_MASK (UINT64_C(0x3fff) << HGATP_VMID_SHIFT)
#define VSATP_MODE_SV39 (UINT64_C(8) << 60)
#define SATP_ASID_SHIFT 44u
#define SATP_ASID_MASK (UINT64_C(0xffff) << SATP_ASID_SHIFT)
/* hvip's VS-level bits: VSSIP, VSTIP, VSEIP. */
#define HVIP_VS_BITS (UINT64_C(1) << 2 | UINT64_C(1) << 6 | UINT64_C(1) << 10)

static size_t geilen;
static uint64_t vmid_max, asid_max;

void axv_qemu_riscv_probe(void) {
    CSR_WRITE(hgeie, UINT64_MAX);
    uint64_t files = CSR_READ(hgeie);
    CSR_WRITE(hgeie, 0);
    while (files != 0) {
        geilen += files & 1u;
        files >>= 1;
    }
    /* No guest runs yet (V = 0), so neither write is used for translation. */
    CSR_WRITE(hgatp, HGATP_MODE_SV39X4 | HGATP_VMID_MASK);
    vmid_max = (CSR_READ(hgatp) & HGATP_VMID_MASK) >> HGATP_VMID_SHIFT;
    CSR_WRITE(hgatp, 0);
    CSR_WRITE(vsatp, VSATP_MODE_SV39 | SATP_ASID_MASK);
    asid_max = (CSR_READ(vsatp) & SATP_ASID_MASK) >> SATP_ASID_SHIFT;
    CSR_WRITE(vsatp, 0);
}

static bool vs_bit(uint32_t irq, uint64_t *bit) {
    if (irq >= 64 || !((UINT64_C(1) << irq) & HVIP_VS_BITS))
        return false;
    *bit = UINT64_C(1) << irq;
    return true;
}

int axv_qemu_riscv_set_vs_pending(uint32_t irq) {
    uint64_t bit;
    if (!vs_bit(irq, &bit))
        return AXV_EINVAL;
    CSR_SET(hvip, bit);
    return AXV_OK;
}

int axv_qemu_riscv_clear_vs_pending(uint32_t irq) {
    uint64_t bit;
    if (!vs_bit(irq, &bit))
        return AXV_EINVAL;
    CSR_CLEAR(hvip, bit);
    return AXV_OK;
}

int axv_qemu_riscv_imsic_guest_files(size_t *num) {
    if (num == NULL)
        return AXV_EINVAL;
    if (axv_qemu_board()->imsic_s_base == 0)
        return AXV_ENOENT;
    *num = geilen;
    return AXV_OK;
}

/* Position of CPU @p cpu's hart among /cpus, which is its IMSIC's. */
static bool imsic_index(size_t cpu, uint64_t *index) {
    const struct axv_qemu_board *board = axv_qemu_board();
    uint64_t hartid = axv_qemu_cpu_hartid(cpu);
    size_t listed = board->hart_count < AXV_QEMU_MAX_CPUS ? board->hart_count : AXV_QEMU_MAX_CPUS;
    /* cppcheck-suppress knownConditionTrueFalse ; 2.10 takes `x < C ? x : C` for below 1 */
    for (size_t k = 0; k < listed; k++) {
        if (board->hart_id[k] == hartid) {
            *index = k;
            return true;
        }
    }
    return false;
}

int axv_qemu_riscv_imsic_file_address(size_t cpu, size_t file, axv_paddr_t *addr) {
    const struct axv_qemu_board *board = axv_qemu_board();
    if (board->imsic_s_base == 0)
        return AXV_ENOENT;
    uint64_t index;
    if (addr == NULL || file > geilen || axv_qemu_percpu_online(cpu) == NULL ||
        !imsic_index(cpu, &index))
        return AXV_EINVAL;
    uint64_t hart_stride = PAGE_SIZE << board->imsic_guest_bits;
    *addr = board->imsic_s_base + index * hart_stride + (uint64_t)file * PAGE_SIZE;
    return AXV_OK;
}

/* Checks a fence's harts and range; *all tells a whole-space fence (size SIZE_MAX). */
static int fence_args(uint64_t cpu_mask, size_t cpu_base, uint64_t start, size_t size, bool *all) {
    size_t count = axv_qemu_percpu_count();
    for (size_t bit = 0; bit < 64u; bit++)
        if ((cpu_mask >> bit & 1u) && (cpu_base >= count || bit >= count - cpu_base))
            return AXV_EINVAL;
    *all = size == SIZE_MAX;
    if (!*all && size != 0 && start + size - 1u < start)
        return AXV_EINVAL;
    return AXV_OK;
}

int axv_qemu_riscv_remote_hfence_gvma(uint64_t cpu_mask, size_t cpu_base, uint32_t vmid,
                                      uint64_t gpa, size_t size) {
    bool all;
    int rc = fence_args(cpu_mask, cpu_base, gpa, size, &all);
    if (rc != AXV_OK)
        return rc;
    if (vmid > vmid_max)
        return AXV_EINVAL;
    if (size == 0)
        return AXV_OK;
    for (size_t bit = 0; bit < 64u; bit++) {
        if (!(cpu_mask >> bit & 1u))
            continue;
        uint64_t hartid = axv_qemu_cpu_hartid(cpu_base + bit);
        if (axv_qemu_sbi_remote_hfence_gvma_vmid(1, hartid, all ? 0 : gpa, all ? UINT64_MAX : size,
                                                 vmid) != 0)
            axv_fatal("qemu-virt: SBI refused a remote HFENCE.GVMA to an online hart");
    }
    return AXV_OK;
}

int axv_qemu_riscv_remote_hfence_vvma(uint64_t cpu_mask, size_t cpu_base, uint32_t vmid,
                                      uint32_t asid, uint64_t gva, size_t size) {
    bool all;
    int rc = fence_args(cpu_mask, cpu_base, gva, size, &all);
    if (rc != AXV_OK)
        return rc;
    if (vmid > vmid_max || (asid != UINT32_MAX && asid > asid_max))
        return AXV_EINVAL;
    if (size == 0)
        return AXV_OK;
    /* The SBI call fences the caller's current VMID: name @p vmid there meanwhile. Masked,
     * so no trap on this hart sees the borrowed hgatp. */
    uint64_t flags = irq_save();
    uint64_t hgatp = CSR_READ(hgatp);
    CSR_WRITE(hgatp, (hgatp & ~HGATP_VMID_MASK) | (uint64_t)vmid << HGATP_VMID_SHIFT);
    for (size_t bit = 0; bit < 64u; bit++) {
        if (!(cpu_mask >> bit & 1u))
            continue;
        uint64_t hartid = axv_qemu_cpu_hartid(cpu_base + bit);
        uint64_t start = all ? 0 : gva, length = all ? UINT64_MAX : size;
        long err = asid == UINT32_MAX
                       ? axv_qemu_sbi_remote_hfence_vvma(1, hartid, start, length)
                       : axv_qemu_sbi_remote_hfence_vvma_asid(1, hartid, start, length, asid);
        if (err != 0)
            axv_fatal("qemu-virt: SBI refused a remote HFENCE.VVMA to an online hart");
    }
    CSR_WRITE(hgatp, hgatp);
    irq_restore(flags);
    return AXV_OK;
}

int axv_qemu_riscv_host_plic_base(axv_paddr_t *base) {
    if (base == NULL)
        return AXV_EINVAL;
    uint64_t found = axv_qemu_board()->plic_base;
    if (found == 0)
        return AXV_ENOENT;
    *base = found;
    return AXV_OK;
}

int axv_qemu_riscv_host_aplic_base(axv_paddr_t *base) {
    if (base == NULL)
        return AXV_EINVAL;
    uint64_t found = axv_qemu_board()->aplic_s_base;
    if (found == 0)
        return AXV_ENOENT;
    *base = found;
    return AXV_OK;
}
