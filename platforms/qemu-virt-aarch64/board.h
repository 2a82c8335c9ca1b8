/* The virt machine: where QEMU puts its devices and RAM, how it wires its interrupts
 * (hw/arm/virt.c), and what the device tree says about RAM and CPUs (dtb.c). */
#ifndef AXV_QEMU_BOARD_H
#define AXV_QEMU_BOARD_H

#include <stddef.h>
#include <stdint.h>
#include <axvisor_api/qemu_virt.h>

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

struct axv_qemu_board {
    uint64_t ram_base;
    uint64_t ram_size;
    size_t cpu_count;                      /* every CPU node, even beyond AXV_QEMU_MAX_CPUS */
    uint64_t cpu_mpidr[AXV_QEMU_MAX_CPUS]; /* `reg` of the first AXV_QEMU_MAX_CPUS nodes */
};

/* Reads RAM and CPUs from the flattened device tree at @p dtb. AXV_ENOENT: no device tree or
 * no /memory; AXV_EINVAL: a malformed structure block. */
int axv_qemu_dtb_read(const void *dtb, struct axv_qemu_board *out);
/* The address of the last device tree axv_qemu_dtb_read() accepted (RAM is identity-mapped,
 * so it is physical), or 0 before one was. */
axv_paddr_t axv_qemu_dtb_address(void);

#endif /* AXV_QEMU_BOARD_H */
