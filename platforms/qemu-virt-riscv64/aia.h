/* Host interrupts on QEMU virt's AIA machine (aia.c): the supervisor APLIC domain in MSI
 * mode forwards every wired source to the boot hart's supervisor IMSIC interrupt file, with
 * the source id as the interrupt identity. Register layouts from the RISC-V AIA
 * specification. */
#ifndef AXV_QEMU_AIA_H
#define AXV_QEMU_AIA_H

#include <stdbool.h>
#include <stdint.h>

/* Whether the board has a supervisor APLIC and IMSICs (aia=aplic-imsic). */
bool axv_qemu_aia_present(void);
/* Sets this hart's supervisor interrupt file up (delivery on, threshold 0, every identity
 * up to the APLIC's source count enabled) and SEIE on; the boot hart also routes every
 * source to itself, disabled, and turns the domain on. Nothing without AIA. */
void axv_qemu_aia_cpu_start(void);
/* Claims the highest-priority identity pending in this hart's interrupt file (stopei): its
 * id, or 0 when none is. Claiming is the completion too: an MSI has nothing to end. */
uint32_t axv_qemu_aia_claim(void);
/* Enables or disables source @p id in the APLIC domain (setienum/clrienum: single writes,
 * safe from any hart without a lock). */
void axv_qemu_aia_set_enabled(uint32_t id, bool on);

#endif /* AXV_QEMU_AIA_H */
