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

/* PPIs: the EL2 physical timer (CNTHP) and the EL1 virtual timer the guest sees. */
#define QEMU_IRQ_HYP_TIMER 26u
#define QEMU_IRQ_VIRT_TIMER 27u

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
    size_t cpu_count;
};
int axv_qemu_dtb_read(const void *dtb, struct axv_qemu_board *out);

/* Parts, started by platform.c in this order. */
void axv_qemu_memory_start(uint64_t free_start, uint64_t ram_end);
void axv_qemu_host_start(size_t cpu_count);
unsigned axv_qemu_num_list_registers(void);
uint64_t axv_qemu_read_lr(unsigned n);
void axv_qemu_write_lr(unsigned n, uint64_t value);
/* The vCPU's virtual interrupts (vgic.c). */
int axv_qemu_vgic_inject(axv_irq_t irq);
void axv_qemu_vgic_refill(void);
bool axv_qemu_vgic_take_pending(axv_irq_t irq);
void axv_qemu_gic_start(void);
void axv_qemu_gic_enable_ppi(uint32_t intid);
uint32_t axv_qemu_gic_ack(void);
void axv_qemu_gic_eoi(uint32_t intid);
void axv_qemu_time_start(void);
void axv_qemu_timers_start(void);
void axv_qemu_timers_irq(void);

/* Exception entry points called from vectors.S. */
void axv_qemu_irq_entry(struct axv_qemu_frame *frame);
void axv_qemu_lower_sync(struct axv_qemu_frame *frame);
AXV_NORETURN void axv_qemu_unexpected(uint64_t kind, struct axv_qemu_frame *frame);
AXV_NORETURN void axv_qemu_boot(void);
/* Who handles synchronous exceptions from EL1 (the guest); NULL reports them as unexpected. */
void axv_qemu_set_lower_sync_handler(void (*handler)(struct axv_qemu_frame *frame));

#endif /* AXV_QEMU_INTERNAL_H */
