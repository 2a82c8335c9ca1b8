/* The AArch64 CPU as every file sees it: system registers, MMIO, barriers and IRQ masking. */
#ifndef AXV_QEMU_CPU_H
#define AXV_QEMU_CPU_H

#include <stdint.h>

#define SYSREG_READ(name)                              \
    __extension__({                                    \
        uint64_t v_;                                   \
        __asm__ volatile("mrs %0, " #name : "=r"(v_)); \
        v_;                                            \
    })
#define SYSREG_WRITE(name, value) __asm__ volatile("msr " #name ", %0" ::"r"((uint64_t)(value)))

/* MPIDR_EL1's affinity fields Aff3 [39:32], Aff2-Aff0 [23:0]; the rest are flags. */
#define MPIDR_AFFINITY_MASK UINT64_C(0xff00ffffff)

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
static inline void irq_enable(void) {
    __asm__ volatile("msr daifclr, #2" ::: "memory");
}

#endif /* AXV_QEMU_CPU_H */
