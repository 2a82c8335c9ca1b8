/* The platform's op functions, axv_qemu_<area>_<op>, declared from the op lists (the files
 * that implement an area and tables.c include it). */
#ifndef AXV_QEMU_OPS_H
#define AXV_QEMU_OPS_H

/* An aarch64 board: no RISC-V hardware, so no riscv area (its ops keep the defaults). */
#define AXV_IMPL_OMIT_riscv 1
#define AXV_IMPL_PREFIX axv_qemu
#define AXV_IMPL_DECLARE_ONLY
#include <axvisor_api/platform_impl.h>

#endif /* AXV_QEMU_OPS_H */
