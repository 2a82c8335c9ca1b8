/* The PLIC of QEMU's virt machine (plic.c): this hart's supervisor context, the enable bits,
 * claim and complete. Register layout from the SiFive/RISC-V PLIC specification. */
#ifndef AXV_QEMU_PLIC_H
#define AXV_QEMU_PLIC_H

#include <stdbool.h>
#include <stdint.h>

/* Whether the board has a PLIC (the default virt machine; not with aia=aplic-imsic). */
bool axv_qemu_plic_present(void);
/* How many sources it has: ids 1..that (0 without a PLIC). */
uint32_t axv_qemu_plic_sources(void);
/* Sets this hart's S-mode context up: threshold 0, every source disabled, SEIE on. A hart
 * calls it for itself at bring-up; nothing when there is no PLIC. */
void axv_qemu_plic_cpu_start(void);
/* Claims the highest-priority source pending for this hart's S-mode context: its id, or 0
 * when none is. */
uint32_t axv_qemu_plic_claim(void);
/* Completes source @p id claimed on this hart. */
void axv_qemu_plic_complete(uint32_t id);
/* Enables or disables source @p id (1..sources) for the boot hart's S-mode context, the one
 * hart shared sources are routed to. Not serialised: the caller holds a lock, the enable
 * words being shared by 32 sources. */
void axv_qemu_plic_set_enabled(uint32_t id, bool on);

#endif /* AXV_QEMU_PLIC_H */
