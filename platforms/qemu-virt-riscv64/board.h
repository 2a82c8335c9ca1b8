/* The virt machine (hw/riscv/virt.c): where QEMU puts RAM and the test device, and what the
 * device tree says about RAM, harts, the timebase and the command line (dtb.c). */
#ifndef AXV_QEMU_BOARD_H
#define AXV_QEMU_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <axvisor_api/qemu_virt.h>

/* sifive_test: a write of 0x5555 powers off with status 0, (code << 16) | 0x3333 with code. */
#define QEMU_TEST_BASE 0x100000u
#define QEMU_RAM_BASE UINT64_C(0x80000000)
/* Where mmu.c's map of RAM ends: RAM of -m above 2 GiB is left unused. */
#define QEMU_MAPPED_RAM_END UINT64_C(0x100000000)

struct axv_qemu_board {
    uint64_t ram_base;
    uint64_t ram_size;
    uint64_t timebase_hz;                /* /cpus timebase-frequency */
    size_t hart_count;                   /* every cpu node, even beyond AXV_QEMU_MAX_CPUS */
    uint64_t hart_id[AXV_QEMU_MAX_CPUS]; /* `reg` of the first AXV_QEMU_MAX_CPUS nodes */
    bool has_h;                          /* the first hart's riscv,isa names H */
    const char *bootargs;                /* /chosen bootargs (QEMU's -append), or "" */
    uint64_t plic_base;                  /* /soc/plic@, 0 when there is none */
    uint32_t plic_ndev;                  /* its riscv,ndev: sources 1..plic_ndev */
    uint64_t aplic_s_base;               /* the supervisor APLIC domain, 0 when none */
    uint32_t aplic_s_sources;            /* its riscv,num-sources */
    uint64_t imsic_s_base;               /* the supervisor-level IMSICs, 0 when none */
    uint32_t imsic_guest_bits;           /* their riscv,guest-index-bits (0 if absent) */
};

/* Reads RAM, harts, timebase, bootargs and the interrupt controllers from the flattened
 * device tree at @p dtb, and keeps @p dtb's address and size for dtb_address()/dtb_size().
 * AXV_ENOENT: no device tree, no /memory or no timebase; AXV_EINVAL: a malformed structure
 * block. */
int axv_qemu_dtb_read(const void *dtb, struct axv_qemu_board *out);
/* Where the device tree boot read is, 0 before; and its size in bytes (header totalsize). */
uint64_t axv_qemu_dtb_address(void);
uint64_t axv_qemu_dtb_size(void);
/* The board boot read: set once by the boot hart before the platform is installed. */
void axv_qemu_board_set(const struct axv_qemu_board *board);
const struct axv_qemu_board *axv_qemu_board(void);

#endif /* AXV_QEMU_BOARD_H */
