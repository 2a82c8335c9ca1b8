/* The physical GICv3: bring-up (the distributor once, then each CPU's redistributor and
 * interface), the EL2 CPU interface's acknowledge/EOI, SGIs to other CPUs, and the
 * distributor's ID registers. QEMU virt without secure=on has a GIC with a single security
 * state (GICD_CTLR.DS=1), so group 1 is the non-secure group the hypervisor uses. */
#include "gic.h"

#include <axvisor_api/axvisor_api.h>
#include "board.h"
#include "cpu.h"

#define GICD_CTLR 0x0000u
#define GICD_TYPER 0x0004u
#define GICD_IIDR 0x0008u
#define GICD_CTLR_RWP (1u << 31)
#define GICD_CTLR_ARE (1u << 4)
#define GICD_CTLR_ENABLE_GRP1 (1u << 1)
#define GICD_TYPER_ITLINES_MASK 0x1fu
/* Per-INTID register arrays, one bit (or byte, or 64-bit word) per INTID from INTID 0. */
#define GICD_IGROUPR 0x0080u
#define GICD_ISENABLER 0x0100u
#define GICD_ICENABLER 0x0180u
#define GICD_IPRIORITYR 0x0400u
#define GICD_IROUTER 0x6000u

/* Redistributor: RD_base frame, then SGI_base 64 KiB later (SGIs and PPIs). */
#define GICR_CTLR 0x0000u
#define GICR_CTLR_RWP (1u << 3)
#define GICR_WAKER 0x0014u
#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)
#define GICR_TYPER 0x0008u
#define GICR_TYPER_LAST (UINT64_C(1) << 4)
#define GICR_FRAME_SIZE 0x20000u /* RD_base + SGI_base; GICv3 without VLPIs */
#define GICR_SGI_OFFSET 0x10000u
#define GICR_IGROUPR0 0x0080u
#define GICR_ISENABLER0 0x0100u
#define GICR_ICENABLER0 0x0180u
#define GICR_IPRIORITYR 0x0400u

#define ICC_SRE_SRE (1u << 0)
#define ICC_SRE_ENABLE (1u << 3) /* lets EL1 use the system-register interface too */

/* Every PPI the platform uses gets this priority; the mask lets all through. */
#define IRQ_PRIORITY 0xa0u
#define PRIORITY_MASK_ALL 0xffu

static void wait_rwp(void) {
    while (mmio_read32(QEMU_GICD_BASE + GICD_CTLR) & GICD_CTLR_RWP) {
    }
}

/* The calling CPU's redistributor: the frame whose GICR_TYPER.Affinity_Value [63:32]
 * (Aff3.Aff2.Aff1.Aff0) matches its MPIDR; frames are contiguous up to the one marked Last. */
static uintptr_t find_redistributor(void) {
    uint64_t mpidr = SYSREG_READ(mpidr_el1);
    uint64_t affinity = (mpidr >> 32 & 0xffu) << 24 | (mpidr & 0xffffffu);
    for (uintptr_t rd = QEMU_GICR_BASE;; rd += GICR_FRAME_SIZE) {
        uint64_t typer = *(volatile uint64_t *)(rd + GICR_TYPER);
        if (typer >> 32 == affinity)
            return rd;
        if (typer & GICR_TYPER_LAST)
            axv_fatal("qemu-virt: no GICv3 redistributor for this CPU");
    }
}

void axv_qemu_gic_dist_start(void) {
    /* Affinity routing must be on for the system-register CPU interface. */
    mmio_write32(QEMU_GICD_BASE + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENABLE_GRP1);
    wait_rwp();
}

void axv_qemu_gic_cpu_start(void) {
    uintptr_t rd = find_redistributor();

    /* Wake the redistributor: until ChildrenAsleep clears, it forwards nothing. */
    uint32_t waker = mmio_read32(rd + GICR_WAKER);
    mmio_write32(rd + GICR_WAKER, waker & ~GICR_WAKER_PROCESSOR_SLEEP);
    while (mmio_read32(rd + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP) {
    }

    /* System-register interface at EL2 (and allowed at EL1); the isb makes the SRE change
     * take effect before the ICC_* accesses that follow. */
    SYSREG_WRITE(S3_4_C12_C9_5, ICC_SRE_SRE | ICC_SRE_ENABLE); /* ICC_SRE_EL2 */
    isb();
    SYSREG_WRITE(S3_0_C4_C6_0, PRIORITY_MASK_ALL); /* ICC_PMR_EL1 */
    SYSREG_WRITE(S3_0_C12_C12_3, 0);               /* ICC_BPR1_EL1: no preemption groups */
    SYSREG_WRITE(S3_0_C12_C12_7, 1);               /* ICC_IGRPEN1_EL1 */
    isb();

    /* Physical IRQs go to EL2 (HCR_EL2.IMO); without it they would target EL1. */
    uint64_t hcr = SYSREG_READ(hcr_el2);
    SYSREG_WRITE(hcr_el2, hcr | (UINT64_C(1) << 4));
    isb();
}

uint32_t axv_qemu_gic_num_intids(void) {
    /* ITLinesNumber N: INTIDs up to 32 * (N + 1) - 1, of which 1020 and up are special. */
    uint32_t lines =
        32u * ((mmio_read32(QEMU_GICD_BASE + GICD_TYPER) & GICD_TYPER_ITLINES_MASK) + 1u);
    return lines < QEMU_GIC_INTID_SPECIAL ? lines : QEMU_GIC_INTID_SPECIAL;
}

/* An SGI or PPI: they live in the calling CPU's own redistributor's SGI_base frame, found
 * again each time (a walk over at most one frame per CPU: enables are rare, so nothing needs
 * to remember it). Disabling waits for GICR_CTLR.RWP, so that once this returns the
 * interrupt can no longer be signalled. GICR_IGROUPR0 is a read-modify-write: callers keep
 * this CPU's interrupts out (bring-up runs before they are on; host_irq.c masks them). */
static void set_private_enabled(uint32_t intid, bool on) {
    uintptr_t rd = find_redistributor();
    uintptr_t sgi_base = rd + GICR_SGI_OFFSET;
    uint32_t bit = 1u << intid;
    if (!on) {
        mmio_write32(sgi_base + GICR_ICENABLER0, bit);
        while (mmio_read32(rd + GICR_CTLR) & GICR_CTLR_RWP) {
        }
        return;
    }
    mmio_write32(sgi_base + GICR_IGROUPR0, mmio_read32(sgi_base + GICR_IGROUPR0) | bit);
    /* Byte access: IPRIORITYR holds one byte per INTID. */
    *(volatile uint8_t *)(uintptr_t)(sgi_base + GICR_IPRIORITYR + intid) = IRQ_PRIORITY;
    mmio_write32(sgi_base + GICR_ISENABLER0, bit);
}

void axv_qemu_gic_enable_ppi(uint32_t intid) {
    set_private_enabled(intid, true);
}

/* An SPI: the distributor, routed to the CPU that enables it (GICD_IROUTER with
 * Interrupt_Routing_Mode 0: the affinity in Aff3.Aff2.Aff1.Aff0). GICD_IGROUPR is a
 * read-modify-write of a register shared by 32 INTIDs: callers serialise it. */
static void set_shared_enabled(uint32_t intid, bool on) {
    uintptr_t word = QEMU_GICD_BASE + 4u * (intid / 32u);
    uint32_t bit = 1u << (intid % 32u);
    if (!on) {
        mmio_write32(word + GICD_ICENABLER, bit);
        wait_rwp();
        return;
    }
    uint64_t mpidr = SYSREG_READ(mpidr_el1);
    *(volatile uint64_t *)(uintptr_t)(QEMU_GICD_BASE + GICD_IROUTER + 8u * intid) =
        (mpidr & 0xffffffu) | (mpidr >> 32 & 0xffu) << 32;
    mmio_write32(word + GICD_IGROUPR, mmio_read32(word + GICD_IGROUPR) | bit);
    *(volatile uint8_t *)(uintptr_t)(QEMU_GICD_BASE + GICD_IPRIORITYR + intid) = IRQ_PRIORITY;
    mmio_write32(word + GICD_ISENABLER, bit);
}

void axv_qemu_gic_set_enabled(uint32_t intid, bool on) {
    if (intid < 32u)
        set_private_enabled(intid, on);
    else
        set_shared_enabled(intid, on);
}

uint32_t axv_qemu_gic_ack(void) {
    uint32_t intid = (uint32_t)SYSREG_READ(S3_0_C12_C12_0); /* ICC_IAR1_EL1 */
    /* The acknowledge must complete before the handler touches the device. */
    __asm__ volatile("dsb sy" ::: "memory");
    return intid & 0xffffffu;
}

void axv_qemu_gic_eoi(uint32_t intid) {
    SYSREG_WRITE(S3_0_C12_C12_1, intid); /* ICC_EOIR1_EL1: priority drop + deactivate */
    isb();
}

/* ICC_SGI1R_EL1: TargetList [15:0] (bit n = Aff0 of RS*16 + n), Aff1 [23:16], INTID [27:24],
 * Aff2 [39:32], RS [47:44], Aff3 [55:48]. */
static uint64_t sgi1r_for(uint64_t mpidr, uint32_t intid) {
    uint64_t aff0 = mpidr & 0xffu;
    return UINT64_C(1) << (aff0 % 16u) | (mpidr >> 8 & 0xffu) << 16 | (uint64_t)intid << 24 |
           (mpidr >> 16 & 0xffu) << 32 | (aff0 / 16u) << 44 | (mpidr >> 32 & 0xffu) << 48;
}

void axv_qemu_gic_send_sgi(uint64_t mpidr, uint32_t intid) {
    /* DSB: the caller's stores (say, a queue released by an unlock) complete before the SGI
     * can reach the other CPU; the register write is not ordered by a release alone. */
    __asm__ volatile("dsb sy" ::: "memory");
    SYSREG_WRITE(S3_0_C12_C11_5, sgi1r_for(mpidr, intid));
    isb();
}

uint32_t axv_qemu_gic_typer(void) {
    return mmio_read32(QEMU_GICD_BASE + GICD_TYPER);
}

uint32_t axv_qemu_gic_iidr(void) {
    return mmio_read32(QEMU_GICD_BASE + GICD_IIDR);
}
