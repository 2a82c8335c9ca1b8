/* Where the assembly enters C on each hart (boot.c): start.S on the boot hart, smp_entry.S
 * on a secondary. */
#ifndef AXV_QEMU_BOOT_H
#define AXV_QEMU_BOOT_H

#include <stdint.h>
#include <axvisor_api/compiler.h>
#include "percpu.h"

AXV_NORETURN void axv_qemu_boot(uint64_t hartid, const void *dtb);
AXV_NORETURN void axv_qemu_secondary_main(struct axv_qemu_cpu *cpu);

#endif /* AXV_QEMU_BOOT_H */
