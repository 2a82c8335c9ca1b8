/**
 * @file qemu_virt.h
 * @brief The bare-metal platform for QEMU's `virt` machine on riscv64 (HS-mode, under
 *        OpenSBI).
 *
 * The same interface as the AArch64 platform's header of this name, so images that use
 * only what both offer build for either. An image links this platform's library and its
 * linker script and defines axv_qemu_main(). The boot code, on whichever hart OpenSBI
 * boots, sets up the stack, BSS and trap vector, reads RAM, harts, timebase and command line
 * from the device tree OpenSBI passes, turns on Sv39 translation, starts the other harts with
 * SBI HSM, installs every ops table and enables interrupts; then it calls axv_qemu_main()
 * and ends the run (virt's sifive_test device) with the status it returns. Every op may be
 * called on any online hart, from thread or interrupt context: timers are armed on the
 * calling hart (Sstc stimecmp) and their callbacks run in that hart's trap handler with
 * interrupts masked; VM 0 has one vCPU per online hart, vCPU i pinned to hart i, whose
 * interrupts are the VS-level ones (AXV_QEMU_VIRQ_*). Console output (SBI) from several
 * harts at once may interleave.
 */
#ifndef AXVISOR_API_QEMU_VIRT_H
#define AXVISOR_API_QEMU_VIRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <axvisor_api/axvisor_api.h>

AXV_EXTERN_C_BEGIN

/** @brief The most harts the platform starts; further -smp harts stay stopped. */
#define AXV_QEMU_MAX_CPUS 8u

/** @brief Virtual supervisor software interrupt (the guest's scause 1; hvip.VSSIP). */
#define AXV_QEMU_VIRQ_SOFT 1u
/** @brief Virtual supervisor timer interrupt (the guest's scause 5; hvip.VSTIP): what
 *  axv_vmm_notify_vcpu_timer_expired() injects. */
#define AXV_QEMU_VIRQ_TIMER 5u
/** @brief Virtual supervisor external interrupt (the guest's scause 9; hvip.VSEIP): the one
 *  that stands for shared devices, routed to the vCPU named. */
#define AXV_QEMU_VIRQ_EXT 9u

/** @brief Every ops table of this platform (installed by the boot code before main). */
extern const struct axv_platform axv_qemu_virt_platform;

/**
 * @brief The image's entry point, called in HS-mode with interrupts enabled and the
 *        platform installed (not sealed: the image decides).
 * @return QEMU's exit status (0 for success).
 */
int axv_qemu_main(void);

/**
 * @brief Ends the QEMU run with @p status as its exit status (sifive_test device).
 * @param status 0 for success; anything else is a failure (its low 16 bits, 1 when those
 *        are 0).
 * @note Never returns; any context.
 */
AXV_NORETURN void axv_qemu_exit(int status);

/**
 * @brief Copies the command line QEMU was given (-append, the device tree's /chosen
 *        bootargs); tests use it to learn what to expect (e.g. the -m size).
 * @param buf Receives the NUL-terminated line ("" without -append).
 * @param len Size of @p buf; at least 1.
 * @return AXV_OK; AXV_EINVAL for a NULL or empty buffer; AXV_ENOENT when the line does not
 *         fit.
 * @note Any context.
 */
int axv_qemu_cmdline(char *buf, size_t len);

/**
 * @brief Writes a NUL-terminated string to the console (SBI).
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

/** @brief Hypercall (ecall from the guest, function in a0): end the guest; a1 is its
 *  status. */
#define AXV_QEMU_HVC_EXIT 0u
/** @brief Hypercall (a0): arm the guest's timer a1 nanoseconds from now (replacing the
 *  previous deadline); on expiry the guest gets AXV_QEMU_VIRQ_TIMER. The platform takes the
 *  previous expiry's interrupt down (like SBI set_timer: a guest cannot clear VSTIP) and
 *  hands the rest to the handler installed with axv_qemu_set_guest_timer_handler()
 *  (AXV_ENOSYS without one, leaving VSTIP as it was). Returns a status in a0. */
#define AXV_QEMU_HVC_SET_TIMER 1u
/** @brief Hypercall (a0): axv_vmm_inject_interrupt(0, a1, a2), i.e. make virtual interrupt
 *  a2 pending on vCPU a1 of VM 0 (any vCPU, on any hart). Returns its status in a0. */
#define AXV_QEMU_HVC_INJECT 2u
/** @brief Hypercall (a0): axv_vmm_inject_interrupt_to_vcpus(0, a1, a2): virtual interrupt
 *  a2 on every vCPU in mask a1. Returns its status in a0. */
#define AXV_QEMU_HVC_INJECT_MASK 3u
/** @brief Hypercall (a0): take virtual interrupt a1 down on the calling vCPU, for the
 *  timer and external interrupts, which a guest cannot clear itself (the software one it
 *  clears in its sip). Returns AXV_OK in a0. */
#define AXV_QEMU_HVC_CLEAR 4u

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
 * @brief Runs the calling hart's vCPU of VM 0 (vCPU i is pinned to hart i; VM 0 has one
 *        vCPU per online hart): enters @p entry in VS-mode (sp = @p stack_top, its own
 *        translation off, its interrupts disabled) behind G-stage translation that maps the
 *        image's RAM to itself, and returns when the guest makes the exit hypercall.
 *
 * Its hypercalls are AXV_QEMU_HVC_* (ecall, function in a0, arguments in a1 and a2);
 * unknown ones return AXV_ENOSYS in a0. Its interrupts are AXV_QEMU_VIRQ_*, which it
 * enables in its own sie. While it runs, the hypervisor's interrupts (the platform's
 * timers, IPIs) are taken in HS-mode and their callbacks may inject interrupts.
 * @param entry The guest's first instruction.
 * @param stack_top The guest's initial stack pointer; 16-byte aligned.
 * @return The guest's exit status; AXV_EINVAL for a NULL or misaligned argument;
 *         AXV_EBUSY when the guest is already running.
 * @note Thread context in HS-mode, on the hart whose vCPU it runs (on a secondary, from work
 *       posted with axv_qemu_cpu_run()).
 */
int axv_qemu_run_guest(void (*entry)(void), void *stack_top);

/**
 * @brief Tells whether virtual interrupt @p irq is pending for the calling hart's vCPU, and
 *        if so consumes it (clears its hvip bit). What other harts queued for that vCPU is
 *        moved into hvip first, so it counts even before their IPI is taken.
 * @param irq One of AXV_QEMU_VIRQ_*; anything else is never pending.
 * @return true when it was pending.
 * @note For tests that observe injection without running a guest; any context.
 */
bool axv_qemu_take_virtual_irq(axv_irq_t irq);

/**
 * @brief Waits for an interrupt (WFI) with interrupts enabled, for polling loops.
 * @note Thread context only.
 */
void axv_qemu_wait_for_interrupt(void);

/**
 * @brief The calling hart's index: 0 for the boot hart, then the device tree's order.
 * @return An index below axv_host_cpu_num().
 * @note Any context, any hart.
 */
size_t axv_qemu_cpu_index(void);

/**
 * @brief The hart id of hart @p index (what SBI calls it).
 * @param index A hart index.
 * @return The hart id; UINT64_MAX when @p index is not online.
 * @note Any context, any hart.
 */
uint64_t axv_qemu_cpu_hartid(size_t index);

/**
 * @brief Has secondary hart @p index call @p fn(@p arg) in HS-mode thread context
 *        (interrupts enabled, on its own stack), and returns without waiting.
 * @param index A secondary hart's index (not 0: the boot hart runs axv_qemu_main()).
 * @param fn The function; not NULL.
 * @param arg Its argument.
 * @return AXV_OK; AXV_EINVAL for NULL @p fn; AXV_ENOENT when @p index is 0 or not online;
 *         AXV_EBUSY while that hart still runs (or is being given) earlier work.
 * @note Any context, any hart; safe against concurrent callers (one of them wins).
 */
int axv_qemu_cpu_run(size_t index, void (*fn)(void *), void *arg);

/**
 * @brief Tells whether hart @p index has finished all work posted to it.
 * @param index A hart index.
 * @return true when it is idle (or not online); its work's memory effects are then visible
 *         to the caller (acquire).
 * @note Any context, any hart.
 */
bool axv_qemu_cpu_idle(size_t index);

/**
 * @brief The host INTID of QEMU virt's NS16550 UART at 0x10000000, the one
 *        axv_qemu_raise_uart_irq() raises: its source id on the PLIC and on the APLIC alike.
 *        Host INTIDs on this platform are interrupt controller source ids, 1 to the PLIC's
 *        riscv,ndev (or the supervisor APLIC's riscv,num-sources); the platform keeps none
 *        of them (its timer and IPIs are not controller sources).
 */
#define AXV_QEMU_HOST_IRQ_UART 10u

/**
 * @brief Raises the UART's interrupt once (its transmitter-empty interrupt), in the shape of
 *        the conformance suite's `host_irq_raise` hook: the interrupt controller has source
 *        @p irq pending until it is handled through the host_irq ops, whose handling takes
 *        the line down again before completing it.
 * @param ctx Ignored.
 * @param irq AXV_QEMU_HOST_IRQ_UART.
 * @return AXV_OK; AXV_EINVAL for another INTID.
 * @note Any context, any hart. The interrupt is taken by the boot hart once its line is
 *       enabled (axv_host_irq_enable()) and that hart's interrupts are unmasked.
 */
int axv_qemu_raise_uart_irq(void *ctx, axv_irq_t irq);

AXV_EXTERN_C_END

#endif /* AXVISOR_API_QEMU_VIRT_H */
