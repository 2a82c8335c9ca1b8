/* The RISC-V hart as every file sees it: CSRs, MMIO, fences and interrupt masking (HS-mode). */
#ifndef AXV_QEMU_CPU_H
#define AXV_QEMU_CPU_H

#include <stdint.h>

/* CSRs by name (the assembler knows the hypervisor ones too) or by number (stimecmp, which
 * binutils 2.40 does not name). */
#define CSR_READ(csr)                                  \
    __extension__({                                    \
        uint64_t v_;                                   \
        __asm__ volatile("csrr %0, " #csr : "=r"(v_)); \
        v_;                                            \
    })
#define CSR_WRITE(csr, value) \
    __asm__ volatile("csrw " #csr ", %0" ::"r"((uint64_t)(value)) : "memory")
#define CSR_SET(csr, bits) __asm__ volatile("csrs " #csr ", %0" ::"r"((uint64_t)(bits)) : "memory")
#define CSR_CLEAR(csr, bits) \
    __asm__ volatile("csrc " #csr ", %0" ::"r"((uint64_t)(bits)) : "memory")

#define CSR_STIMECMP 0x14d

#define SSTATUS_SIE (UINT64_C(1) << 1)
#define SSTATUS_SPIE (UINT64_C(1) << 5)
#define SSTATUS_SPP (UINT64_C(1) << 8)

/* Interrupt numbers (scause with the top bit clear, sie/sip bit positions). */
#define IRQ_S_SOFT 1u
#define IRQ_S_TIMER 5u
#define IRQ_S_EXT 9u
#define SCAUSE_INTERRUPT (UINT64_C(1) << 63)

static inline uint32_t mmio_read32(uintptr_t addr) {
    return *(volatile uint32_t *)addr;
}
static inline void mmio_write32(uintptr_t addr, uint32_t value) {
    *(volatile uint32_t *)addr = value;
}

/* Masks interrupts on this hart and returns the previous sstatus, for the short critical
 * sections shared with the trap handler. */
static inline uint64_t irq_save(void) {
    uint64_t sstatus;
    __asm__ volatile("csrrc %0, sstatus, %1" : "=r"(sstatus) : "r"(SSTATUS_SIE) : "memory");
    return sstatus;
}
static inline void irq_restore(uint64_t sstatus) {
    if (sstatus & SSTATUS_SIE)
        CSR_SET(sstatus, SSTATUS_SIE);
}
static inline void irq_enable(void) {
    CSR_SET(sstatus, SSTATUS_SIE);
}

#endif /* AXV_QEMU_CPU_H */
