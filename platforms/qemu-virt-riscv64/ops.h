/* The platform's op functions, axv_qemu_<area>_<op>, declared from the op lists (the files
 * that implement an area and tables.c include it). */
#ifndef AXV_QEMU_OPS_H
#define AXV_QEMU_OPS_H

/* No GIC on this machine: the gic area (GIC helpers) keeps its defaults. Its RISC-V
 * counterpart is the riscv area (riscv.c). */
#define AXV_IMPL_OMIT_gic 1
#define AXV_IMPL_PREFIX axv_qemu
#define AXV_IMPL_DECLARE_ONLY
#include <axvisor_api/platform_impl.h>

#endif /* AXV_QEMU_OPS_H */
