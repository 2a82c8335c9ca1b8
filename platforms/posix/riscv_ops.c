/* The riscv ops: VS-level pending bits of the vCPU on the calling thread (the "hart" of a
 * vCPU thread is the vCPU it runs; with RISC-V style vCPUs the bits are its pending bitmap's,
 * vcpu_irq.c), the modelled AIA or PLIC machine (riscv_model.c), and
 * remote guest fences, which the model executes by logging them: a process has no guest
 * TLB to flush, so what a test can check is that the right fence reached the right harts. */
#include <stdatomic.h>

#include "posix_internal.h"
#include "pending.h"
#include "riscv_model.h"
#include "vcpu_irq.h"
#include "vm_table.h"

/* The calling vCPU, or NULL when there is none (off vCPU threads, or not started). */
static struct axv_posix_vcpu *loaded_vcpu(int *rc) {
    if (!axv_posix_vmm_started()) {
        *rc = AXV_EPERM;
        return NULL;
    }
    struct axv_posix_vcpu *self = axv_posix_vcpu_self();
    *rc = self != NULL ? AXV_OK : AXV_EINVAL;
    return self;
}

int axv_posix_riscv_set_vs_pending(uint32_t irq) {
    int rc;
    struct axv_posix_vcpu *self = loaded_vcpu(&rc);
    if (self == NULL)
        return rc;
    if (!axv_posix_vs_irq_valid(irq))
        return AXV_EINVAL;
    /* RISC-V style vCPUs keep hvip in the pending bitmap, where injection sets it too. */
    if (axv_posix_vcpu_irq_riscv())
        axv_posix_pending_raise(self, irq);
    else
        atomic_fetch_or_explicit(&self->vs_pending, UINT32_C(1) << irq, memory_order_release);
    return AXV_OK;
}

int axv_posix_riscv_clear_vs_pending(uint32_t irq) {
    int rc;
    struct axv_posix_vcpu *self = loaded_vcpu(&rc);
    if (self == NULL)
        return rc;
    if (!axv_posix_vs_irq_valid(irq))
        return AXV_EINVAL;
    if (axv_posix_vcpu_irq_riscv())
        (void)axv_posix_pending_take(self, irq);
    else
        atomic_fetch_and_explicit(&self->vs_pending, ~(UINT32_C(1) << irq), memory_order_release);
    return AXV_OK;
}

int axv_posix_riscv_imsic_guest_files(size_t *num) {
    if (!axv_posix_vmm_started())
        return AXV_EPERM;
    return num == NULL ? AXV_EINVAL : axv_posix_riscv_guest_files(num);
}

int axv_posix_riscv_imsic_file_address(size_t cpu, size_t file, axv_paddr_t *addr) {
    if (!axv_posix_vmm_started())
        return AXV_EPERM;
    if (addr == NULL)
        return AXV_EINVAL;
    axv_paddr_t found;
    int rc = axv_posix_riscv_file_address(cpu, file, &found);
    /* A machine without an IMSIC answers AXV_ENOENT before any argument is judged. */
    if (rc == AXV_OK && cpu >= axv_posix_host_cpu_num())
        rc = AXV_EINVAL;
    if (rc == AXV_OK)
        *addr = found;
    return rc;
}

/* Checks a fence's harts and range; AXV_OK with *empty set when it selects nothing. */
static int fence_check(uint64_t cpu_mask, size_t cpu_base, uint64_t addr, size_t size,
                       bool *empty) {
    *empty = cpu_mask == 0 || size == 0;
    size_t cpus = axv_posix_host_cpu_num();
    if (cpu_mask != 0) {
        size_t highest = 63u - (size_t)__builtin_clzll(cpu_mask);
        if (cpu_base >= cpus || highest >= cpus - cpu_base)
            return AXV_EINVAL;
    }
    if (size != 0 && size != SIZE_MAX && (uint64_t)size - 1u > UINT64_MAX - addr)
        return AXV_EINVAL;
    return AXV_OK;
}

static int fence(struct axv_posix_riscv_fence *f) {
    if (!axv_posix_vmm_started())
        return AXV_EPERM;
    bool empty;
    int rc = fence_check(f->cpu_mask, f->cpu_base, f->addr, f->size, &empty);
    if (rc == AXV_OK &&
        (!axv_posix_riscv_vmid_valid(f->vmid) || !axv_posix_riscv_asid_valid(f->asid)))
        rc = AXV_EINVAL;
    if (rc == AXV_OK && !empty)
        axv_posix_riscv_fence_log(f);
    return rc;
}

int axv_posix_riscv_remote_hfence_gvma(uint64_t cpu_mask, size_t cpu_base, uint32_t vmid,
                                       uint64_t gpa, size_t size) {
    struct axv_posix_riscv_fence f = {
        .kind = AXV_POSIX_RISCV_HFENCE_GVMA,
        .cpu_mask = cpu_mask,
        .cpu_base = cpu_base,
        .vmid = vmid,
        .asid = 0,
        .addr = size == SIZE_MAX ? 0 : gpa,
        .size = size,
    };
    return fence(&f);
}

int axv_posix_riscv_remote_hfence_vvma(uint64_t cpu_mask, size_t cpu_base, uint32_t vmid,
                                       uint32_t asid, uint64_t gva, size_t size) {
    struct axv_posix_riscv_fence f = {
        .kind = AXV_POSIX_RISCV_HFENCE_VVMA,
        .cpu_mask = cpu_mask,
        .cpu_base = cpu_base,
        .vmid = vmid,
        .asid = asid,
        .addr = size == SIZE_MAX ? 0 : gva,
        .size = size,
    };
    return fence(&f);
}

int axv_posix_riscv_host_plic_base(axv_paddr_t *base) {
    if (!axv_posix_vmm_started())
        return AXV_EPERM;
    return base == NULL ? AXV_EINVAL : axv_posix_riscv_plic_base(base);
}

int axv_posix_riscv_host_aplic_base(axv_paddr_t *base) {
    if (!axv_posix_vmm_started())
        return AXV_EPERM;
    return base == NULL ? AXV_EINVAL : axv_posix_riscv_aplic_base(base);
}
