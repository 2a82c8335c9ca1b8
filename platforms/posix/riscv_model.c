/* The modelled RISC-V interrupt hardware, laid out as QEMU's virt machine lays it out
 * (hw/riscv/virt.c memory map): PLIC at 0x0c000000; with AIA, the supervisor-level APLIC
 * domain at 0x0d000000 and the supervisor-level IMSICs from 0x28000000, one block per hart
 * of 2^ceil(log2(1 + guest files)) 4 KiB interrupt files: file 0 is the hart's supervisor
 * file, files 1..GEILEN its guest files (AIA specification, IMSIC memory region). The
 * harts have VMIDLEN 14 and ASIDLEN 16, the most RV64 allows.
 *
 * A leaf: the riscv ops (riscv_ops.c) read it, and it calls nothing of the platform. */
#include <pthread.h>
#include <stdatomic.h>

#include "riscv_model.h"

#define PLIC_BASE ((axv_paddr_t)0x0c000000u)
#define APLIC_S_BASE ((axv_paddr_t)0x0d000000u)
#define IMSIC_S_BASE ((axv_paddr_t)0x28000000u)
#define IMSIC_FILE_SIZE ((axv_paddr_t)0x1000u)
#define VMID_BITS 14u
#define ASID_BITS 16u

/* Set by axv_posix_vmm_start() (under its lock, before the VM table publishes `started` with
 * release) and read after an acquire load of `started`; atomics for the reason gic_model.c
 * gives (a reader racing a restart reads one configuration or the other). */
static atomic_bool plic;
static _Atomic size_t guest_files;

/* The fence log: every fence an op executed since the last configure. */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static struct axv_posix_riscv_fence last_fence;
static uint64_t fence_count;

void axv_posix_riscv_configure(const struct axv_posix_resolved *config) {
    atomic_store_explicit(&plic, config->riscv_plic, memory_order_relaxed);
    atomic_store_explicit(&guest_files, config->riscv_guest_files, memory_order_relaxed);
    pthread_mutex_lock(&log_lock);
    last_fence = (struct axv_posix_riscv_fence){0};
    fence_count = 0;
    pthread_mutex_unlock(&log_lock);
}

static bool is_plic_machine(void) {
    return atomic_load_explicit(&plic, memory_order_relaxed);
}

int axv_posix_riscv_plic_base(axv_paddr_t *base) {
    if (!is_plic_machine())
        return AXV_ENOENT;
    *base = PLIC_BASE;
    return AXV_OK;
}

int axv_posix_riscv_aplic_base(axv_paddr_t *base) {
    if (is_plic_machine())
        return AXV_ENOENT;
    *base = APLIC_S_BASE;
    return AXV_OK;
}

int axv_posix_riscv_guest_files(size_t *num) {
    if (is_plic_machine())
        return AXV_ENOENT;
    *num = atomic_load_explicit(&guest_files, memory_order_relaxed);
    return AXV_OK;
}

int axv_posix_riscv_file_address(size_t cpu, size_t file, axv_paddr_t *addr) {
    if (is_plic_machine())
        return AXV_ENOENT;
    size_t files = atomic_load_explicit(&guest_files, memory_order_relaxed);
    if (file > files)
        return AXV_EINVAL;
    /* Each hart's block is a power of two of files, so a file number is an address's low
     * bits above the page offset (how QEMU and the AIA's guest index bits lay it out). */
    axv_paddr_t block = IMSIC_FILE_SIZE;
    while (block < (axv_paddr_t)(files + 1u) * IMSIC_FILE_SIZE)
        block <<= 1;
    *addr = IMSIC_S_BASE + (axv_paddr_t)cpu * block + (axv_paddr_t)file * IMSIC_FILE_SIZE;
    return AXV_OK;
}

bool axv_posix_riscv_vmid_valid(uint32_t vmid) {
    return vmid < (UINT32_C(1) << VMID_BITS);
}

bool axv_posix_riscv_asid_valid(uint32_t asid) {
    return asid == UINT32_MAX || asid < (UINT32_C(1) << ASID_BITS);
}

void axv_posix_riscv_fence_log(const struct axv_posix_riscv_fence *fence) {
    pthread_mutex_lock(&log_lock);
    last_fence = *fence;
    fence_count++;
    pthread_mutex_unlock(&log_lock);
}

uint64_t axv_posix_riscv_fences(struct axv_posix_riscv_fence *last) {
    pthread_mutex_lock(&log_lock);
    uint64_t count = fence_count;
    if (last != NULL)
        *last = last_fence;
    pthread_mutex_unlock(&log_lock);
    return count;
}
