/*
 * The tiny platform: the smallest complete implementation of every built-in area.
 *
 * Its functions are named axv_tiny_<area>_<op>, so <axvisor_api/platform_impl.h> declares
 * them all here and builds the six ops tables in tables.c: forgetting an op is a link error
 * naming it, never a silent default. (The axv_<platform> prefix also lets a build bind the
 * accessors straight to these functions: AXV_BINDING=static, AXV_STATIC_PLATFORM=tiny.)
 *
 * The machine it models: one CPU, 1 MiB of RAM at physical 0x40000000, a 24 MHz counter,
 * a GICv3 with 64 SPIs and 4 list registers, and one VM (id 0) of two vCPUs, the boot CPU
 * running vCPU 0. Single-threaded: timers fire when the hypervisor's idle loop calls
 * axv_tiny_poll().
 */
#ifndef TINY_H
#define TINY_H

#include <stdbool.h>
#include <axvisor_api/axvisor_api.h>

/* A GIC machine: no riscv area (its ops keep the defaults). */
#define AXV_IMPL_OMIT_riscv 1
#define AXV_IMPL_PREFIX axv_tiny
#define AXV_IMPL_DECLARE_ONLY
#include <axvisor_api/platform_impl.h>

/* The machine. */
#define TINY_RAM_PHYS_BASE ((axv_paddr_t)0x40000000u)
#define TINY_RAM_FRAMES 256u
#define TINY_VM_ID ((axv_vm_id_t)0)
#define TINY_NUM_VCPUS 2u
#define TINY_NUM_INTIDS 96u /* SGIs and PPIs 0..31, SPIs 32..95 */
#define TINY_VTIMER_PPI 27u
#define TINY_NUM_LIST_REGS 4u
#define TINY_GICD_BASE ((axv_paddr_t)0x08000000u)
#define TINY_GICR_BASE ((axv_paddr_t)0x080A0000u)

/* The six tables as one platform, for axv_platform_install(). */
extern const struct axv_platform axv_tiny_platform;

/* Runs every timer whose deadline has passed; the hypervisor's idle loop calls it. */
void axv_tiny_poll(void);

/* Tells whether @p irq is pending for vCPU @p vcpu of VM @p vm, and consumes it: what a
 * guest acknowledging the interrupt would do. */
bool axv_tiny_take_pending(axv_vm_id_t vm, axv_vcpu_id_t vcpu, axv_irq_t irq);

/* Between the platform's files: takes @p irq out of the list registers of the CPU's vCPU
 * (arch.c), telling whether it was there. */
bool axv_tiny_take_list_reg(axv_irq_t irq);

#endif /* TINY_H */
