/**
 * @file qemu_virt.h
 * @brief The bare-metal platform for QEMU's `virt` machine (AArch64, EL2, GICv3).
 *
 * An image links this platform's library and its linker script and defines
 * axv_qemu_main(). The boot code sets up the stack, BSS and EL2 vectors, discovers RAM and
 * CPUs from the device tree QEMU leaves at the start of RAM, brings up the GICv3 and the
 * EL2 physical timer, installs every ops table and unmasks IRQs; then it calls
 * axv_qemu_main() and exits QEMU (semihosting SYS_EXIT) with the status it returns.
 * SMP: the boot CPU (index 0) runs axv_qemu_main(); every other CPU of -smp (up to
 * AXV_QEMU_MAX_CPUS) is started with PSCI CPU_ON and idles, running work posted with
 * axv_qemu_cpu_run(). Every op may be called on any online CPU, from thread or IRQ context:
 * timers are armed on the calling CPU and their callbacks run in that CPU's IRQ handler
 * with IRQs masked; VM 0 has one vCPU per online CPU, vCPU i pinned to CPU i. Console
 * output from several CPUs at once may interleave.
 */
#ifndef AXVISOR_API_QEMU_VIRT_H
#define AXVISOR_API_QEMU_VIRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <axvisor_api/axvisor_api.h>

AXV_EXTERN_C_BEGIN

/** @brief The most CPUs the platform starts; further -smp CPUs stay off. */
#define AXV_QEMU_MAX_CPUS 8u

/** @brief Every ops table of this platform (installed by the boot code before main). */
extern const struct axv_platform axv_qemu_virt_platform;

/**
 * @brief The image's entry point, called at EL2 with IRQs unmasked and the platform installed
 *        (not sealed: the image decides).
 * @return QEMU's exit status (0 for success).
 */
int axv_qemu_main(void);

/**
 * @brief Ends the QEMU run with @p status as its exit status (semihosting SYS_EXIT).
 * @param status 0 for success; anything else is a failure.
 * @note Never returns; any context.
 */
AXV_NORETURN void axv_qemu_exit(int status);

/**
 * @brief Reads the command line QEMU was given (-append) through semihosting
 *        SYS_GET_CMDLINE; tests use it to learn what to expect (e.g. the -m size).
 * @param buf Receives the NUL-terminated line.
 * @param len Size of @p buf; at least 1.
 * @return AXV_OK; AXV_EINVAL for a NULL or empty buffer; AXV_ENOENT when the host refused
 *         (too long, or no semihosting).
 * @note Thread context.
 */
int axv_qemu_cmdline(char *buf, size_t len);

/**
 * @brief Writes a NUL-terminated string to the PL011 console.
 * @param s The string; not NULL.
 * @note Any context.
 */
void axv_qemu_puts(const char *s);

/**
 * @brief Writes @p value as 0x-prefixed hexadecimal to the console.
 * @param value The value.
 * @note Any context.
 */
void axv_qemu_put_hex(uint64_t value);

/**
 * @brief Writes @p value in decimal to the console.
 * @param value The value.
 * @note Any context.
 */
void axv_qemu_put_dec(uint64_t value);

/** @brief Hypercall (HVC #0, x0): end the guest; x1 is its status. */
#define AXV_QEMU_HVC_EXIT 0u
/** @brief Hypercall (HVC #0, x0): arm the guest's timer x1 nanoseconds from now (replacing
 *  the previous deadline); on expiry the guest gets virtual INTID 27. The platform only
 *  decodes it: the handler installed with axv_qemu_set_guest_timer_handler() does the rest
 *  (AXV_ENOSYS without one). Returns a status in x0. */
#define AXV_QEMU_HVC_SET_TIMER 1u
/** @brief Hypercall (HVC #0, x0): axv_vmm_inject_interrupt(0, x1, x2), i.e. make INTID x2
 *  pending on vCPU x1 of VM 0 (any vCPU, on any pCPU). Returns its status in x0. */
#define AXV_QEMU_HVC_INJECT 2u
/** @brief Hypercall (HVC #0, x0): axv_vmm_inject_interrupt_to_vcpus(0, x1, x2): INTID x2
 *  on every vCPU in mask x1. Returns its status in x0. */
#define AXV_QEMU_HVC_INJECT_MASK 3u

/**
 * @brief What the hypervisor does with the guest's AXV_QEMU_HVC_SET_TIMER: arm the calling
 *        vCPU's timer @p delay_ns nanoseconds from now, replacing its previous deadline, so
 *        that on expiry axv_vmm_notify_vcpu_timer_expired() is called for that vCPU.
 * @param delay_ns The guest's delay.
 * @return AXV_OK, or a negative AXV_E* code, which the guest receives.
 * @note Called in the guest's hypercall exit, on the pCPU running the vCPU
 *       (axv_vmm_current_vcpu_id() names it), with interrupts masked.
 */
typedef int (*axv_qemu_guest_timer_fn)(uint64_t delay_ns);

/**
 * @brief Installs the handler of AXV_QEMU_HVC_SET_TIMER, which keeps the guest's virtual
 *        timer out of the platform: the same component (samples/components/vtimer.c) serves
 *        it on every platform, written only against the time and vmm areas.
 * @param handler The handler, one for every vCPU; NULL makes SET_TIMER answer AXV_ENOSYS.
 * @note Thread context, before any guest runs (the platform reads it unsynchronised).
 */
void axv_qemu_set_guest_timer_handler(axv_qemu_guest_timer_fn handler);

/**
 * @brief Runs the calling pCPU's vCPU of VM 0 (vCPU i is pinned to pCPU i; VM 0 has one
 *        vCPU per online pCPU): enters @p entry at EL1 (AArch64, SP_EL1 = @p stack_top, all
 *        exceptions masked) with the virtual GIC CPU interface on, and returns when the
 *        guest makes the exit hypercall.
 *
 * The guest shares the image's memory (no stage-2 translation). Its hypercalls are
 * AXV_QEMU_HVC_*; unknown ones return AXV_ENOSYS in x0. While it runs, physical IRQs (the
 * platform's timers) are taken at EL2 and their callbacks may inject interrupts.
 * @param entry The guest's first instruction.
 * @param stack_top The guest's initial stack pointer; 16-byte aligned.
 * @return The guest's exit status; AXV_EINVAL for a NULL or misaligned argument;
 *         AXV_EBUSY when the guest is already running.
 * @note Thread context at EL2, on the pCPU whose vCPU it runs (on a secondary, from work
 *       posted with axv_qemu_cpu_run()).
 */
int axv_qemu_run_guest(void (*entry)(void), void *stack_top);

/**
 * @brief Tells whether virtual INTID @p irq is pending for the calling pCPU's vCPU, and if
 *        so consumes it. Interrupts other CPUs queued for that vCPU are moved into list
 *        registers first, so they count even before their kick SGI is taken; consuming
 *        clears the list register and refills it from the queue.
 * @param irq The INTID.
 * @return true when it was pending.
 * @note For tests that observe injection without running the guest; any context.
 */
bool axv_qemu_take_virtual_irq(axv_irq_t irq);

/**
 * @brief Waits for an interrupt (WFI) with IRQs unmasked, for polling loops.
 * @note Thread context only.
 */
void axv_qemu_wait_for_interrupt(void);

/**
 * @brief The calling CPU's index: 0 for the boot CPU, then the device tree's order.
 * @return An index below axv_host_cpu_num().
 * @note Any context, any CPU.
 */
size_t axv_qemu_cpu_index(void);

/**
 * @brief The MPIDR affinity (Aff3-Aff0) of CPU @p index, as it reported it once it came up.
 * @param index A CPU index.
 * @return The affinity; UINT64_MAX when @p index is not online.
 * @note Any context, any CPU.
 */
uint64_t axv_qemu_cpu_mpidr(size_t index);

/**
 * @brief Has secondary CPU @p index call @p fn(@p arg) at EL2 in thread context (IRQs
 *        unmasked, on its own stack), and returns without waiting.
 * @param index A secondary CPU's index (not 0: the boot CPU runs axv_qemu_main()).
 * @param fn The function; not NULL.
 * @param arg Its argument.
 * @return AXV_OK; AXV_EINVAL for NULL @p fn; AXV_ENOENT when @p index is 0 or not online;
 *         AXV_EBUSY while that CPU still runs (or is being given) earlier work.
 * @note Any context, any CPU; safe against concurrent callers (one of them wins).
 */
int axv_qemu_cpu_run(size_t index, void (*fn)(void *), void *arg);

/**
 * @brief Tells whether CPU @p index has finished all work posted to it.
 * @param index A CPU index.
 * @return true when it is idle (or not online); its work's memory effects are then visible
 *         to the caller (acquire).
 * @note Any context, any CPU.
 */
bool axv_qemu_cpu_idle(size_t index);

/**
 * @brief A host INTID the platform keeps for itself: PPI 26, the EL2 physical timer that
 *        runs its timers. It also keeps the maintenance PPI 25 (its virtual GIC) and SGI 1
 *        (the kick between CPUs); the host_irq ops refuse the three. Every other SGI, PPI
 *        and SPI up to the GIC's GICD_TYPER limit is the components'.
 */
#define AXV_QEMU_HOST_IRQ_KEPT_TIMER 26u

/**
 * @brief Sets (or, with NULL, clears) the vCPU's exit handler for physical interrupts: when
 *        a physical IRQ arrives while a guest runs (HCR_EL2.IMO takes it to EL2), the
 *        handler is called instead of the platform's own dispatch, and must take the
 *        interrupts with axv_host_irq_fetch() and axv_host_irq_handle() until fetch answers
 *        AXV_HOST_IRQ_NONE (an interrupt it leaves acknowledged stays active and blocks
 *        this CPU's others). IRQs taken while EL2 itself runs are dispatched by the platform.
 * @param handler Called at EL2 on the CPU whose guest exited, with IRQs masked; one for
 *        every CPU.
 * @note Any context; takes effect at the next guest exit.
 */
void axv_qemu_set_guest_irq_exit(void (*handler)(void));

/**
 * @brief Raises SGI @p irq on the calling CPU (ICC_SGI1R_EL1 naming itself), in the shape
 *        of the conformance suite's `host_irq_raise` hook.
 * @param ctx Ignored.
 * @param irq An SGI, 0..15.
 * @return AXV_OK; AXV_EINVAL for an INTID that is not an SGI.
 * @note Any context. The SGI is taken once this CPU's IRQs are unmasked and its line is
 *       enabled (axv_host_irq_enable() on this CPU).
 */
int axv_qemu_raise_sgi_self(void *ctx, axv_irq_t irq);

AXV_EXTERN_C_END

#endif /* AXVISOR_API_QEMU_VIRT_H */
