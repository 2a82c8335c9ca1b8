/* What the platform's files share: the virt machine's addresses, MMIO and system-register
 * access, and each part's entry points. */
#ifndef AXV_QEMU_INTERNAL_H
#define AXV_QEMU_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <axvisor_api/qemu_virt.h>

#define AXV_IMPL_PREFIX axv_qemu
#define AXV_IMPL_DECLARE_ONLY
#include <axvisor_api/platform_impl.h>

/* QEMU virt memory map (hw/arm/virt.c). */
#define QEMU_PL011_BASE 0x09000000u
#define QEMU_GICD_BASE 0x08000000u
#define QEMU_GICR_BASE 0x080A0000u
#define QEMU_RAM_BASE 0x40000000u
/* Where mmu.c's map of RAM ends: RAM of -m above 3 GiB is left unused. */
#define QEMU_MAPPED_RAM_END UINT64_C(0x100000000)

/* PPIs: the EL2 physical timer (CNTHP) and the EL1 virtual timer the guest sees. */
#define QEMU_IRQ_HYP_TIMER 26u
#define QEMU_IRQ_VIRT_TIMER 27u
/* The GIC's virtual interface maintenance interrupt (virt: PPI 9, INTID 25). */
#define QEMU_IRQ_MAINTENANCE 25u
/* ICH_HCR_EL2: En (virtual CPU interface on), UIE (underflow maintenance interrupt). */
#define ICH_HCR_EL2_EN (UINT64_C(1) << 0)
#define ICH_HCR_EL2_UIE (UINT64_C(1) << 1)
/* The SGI that tells a pCPU its vCPU's queue has new virtual interrupts. */
#define QEMU_SGI_KICK 1u
/* Largest INTID outside the special range 1020-1023 for a GIC without LPIs. */
#define QEMU_MAX_VIRQ 1019u

#define SYSREG_READ(name)                              \
    __extension__({                                    \
        uint64_t v_;                                   \
        __asm__ volatile("mrs %0, " #name : "=r"(v_)); \
        v_;                                            \
    })
#define SYSREG_WRITE(name, value) __asm__ volatile("msr " #name ", %0" ::"r"((uint64_t)(value)))

static inline uint32_t mmio_read32(uintptr_t addr) {
    return *(volatile uint32_t *)addr;
}
static inline void mmio_write32(uintptr_t addr, uint32_t value) {
    *(volatile uint32_t *)addr = value;
}
static inline void isb(void) {
    __asm__ volatile("isb" ::: "memory");
}

/* Masks IRQs and returns the previous DAIF, for the short critical sections that share data
 * with the IRQ handler (one CPU: masking is the whole of the locking). */
static inline uint64_t irq_save(void) {
    uint64_t daif = SYSREG_READ(daif);
    __asm__ volatile("msr daifset, #2" ::: "memory");
    return daif;
}
static inline void irq_restore(uint64_t daif) {
    __asm__ volatile("msr daif, %0" ::"r"(daif) : "memory");
}

/* MPIDR_EL1's affinity fields Aff3 [39:32], Aff2-Aff0 [23:0]; the rest are flags. */
#define MPIDR_AFFINITY_MASK UINT64_C(0xff00ffffff)

/* One physical CPU's own state. TPIDR_EL2 points at the running CPU's (set before any C code
 * runs on it), so no CPU ever needs to know its index to find it. stack_top is first:
 * smp_entry.S loads it from the PSCI context id. */
struct axv_qemu_cpu {
    uint64_t stack_top;
    size_t index;
    uint64_t mpidr;      /* affinity only */
    uintptr_t gicr;      /* this CPU's redistributor (RD_base; SGI_base is 64 KiB above) */
    uint32_t online;     /* written once with release by the CPU itself, read with acquire */
    uint32_t work_state; /* WORK_* in smp.c */
    void (*work_fn)(void *);
    void *work_arg;
};

static inline struct axv_qemu_cpu *this_cpu(void) {
    return (struct axv_qemu_cpu *)(uintptr_t)SYSREG_READ(tpidr_el2);
}

/* The exception frame vectors.S builds: x0-x30, ELR_EL2, SPSR_EL2. */
struct axv_qemu_frame {
    uint64_t x[31];
    uint64_t elr;
    uint64_t spsr;
    uint64_t pad;
};

/* Device tree facts (dtb.c). */
struct axv_qemu_board {
    uint64_t ram_base;
    uint64_t ram_size;
    size_t cpu_count;                      /* every CPU node, even beyond AXV_QEMU_MAX_CPUS */
    uint64_t cpu_mpidr[AXV_QEMU_MAX_CPUS]; /* `reg` of the first AXV_QEMU_MAX_CPUS nodes */
};
int axv_qemu_dtb_read(const void *dtb, struct axv_qemu_board *out);

/* EL2 stage-1 identity map (mmu.c): built once by the boot CPU, then turned on by each. */
void axv_qemu_mmu_build(void);
void axv_qemu_mmu_cpu_start(void);
int axv_qemu_mmu_protect_readonly(uintptr_t start, size_t size);

/* Parts, started by platform.c in this order. */
void axv_qemu_memory_start(uint64_t free_start, uint64_t ram_end);
void axv_qemu_host_start(size_t cpu_count);
unsigned axv_qemu_num_list_registers(void);
uint64_t axv_qemu_read_lr(unsigned n);
void axv_qemu_write_lr(unsigned n, uint64_t value);
/* Each vCPU's virtual interrupts (vgic.c); vCPU i is pinned to pCPU i. */
int axv_qemu_vgic_inject(size_t vcpu, axv_irq_t irq);
/* Moves the calling pCPU's vCPU queue into free list registers. */
void axv_qemu_vgic_refill(void);
/* Enables the kick SGI on the calling CPU. */
void axv_qemu_vgic_cpu_start(void);
/* Distributor (once, on the boot CPU) then the calling CPU's redistributor and interface. */
void axv_qemu_gic_start(void);
void axv_qemu_gic_cpu_start(void);
/* Secondary CPUs (smp.c): per-CPU data, PSCI CPU_ON, the idle loop that runs posted work. */
void axv_qemu_smp_init_boot_cpu(void);
size_t axv_qemu_smp_start_secondaries(const struct axv_qemu_board *board);
AXV_NORETURN void axv_qemu_secondary_main(struct axv_qemu_cpu *cpu);
void axv_qemu_gic_enable_ppi(uint32_t intid);
uint32_t axv_qemu_gic_ack(void);
void axv_qemu_gic_eoi(uint32_t intid);
void axv_qemu_time_start(void);
/* The calling CPU's timer queue, its CNTHP and PPI (each CPU, before it is online). */
void axv_qemu_timers_cpu_start(void);
void axv_qemu_timers_irq(void);

/* Exception entry points called from vectors.S. */
void axv_qemu_irq_entry(struct axv_qemu_frame *frame);
void axv_qemu_lower_sync(struct axv_qemu_frame *frame);
AXV_NORETURN void axv_qemu_unexpected(uint64_t kind, struct axv_qemu_frame *frame);
AXV_NORETURN void axv_qemu_boot(void);
/* Who handles synchronous exceptions from EL1 (the guest); NULL reports them as unexpected. */
void axv_qemu_set_lower_sync_handler(void (*handler)(struct axv_qemu_frame *frame));

#endif /* AXV_QEMU_INTERNAL_H */
