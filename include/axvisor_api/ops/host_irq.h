/*
 * Op list of the host_irq area: the host's own (physical) interrupts, for a vCPU whose guest
 * exits on one and for components that own a host device line.
 * An op list is data for the generators; include <axvisor_api/axvisor_api.h> instead.
 * No include guard: it is expanded once per generated piece.
 */
#ifndef AXV_OP
#error "an op list is expanded by the generators; include <axvisor_api/axvisor_api.h>"
#endif

/**
 * @brief Host (physical) interrupts: acknowledge and handle, handlers per INTID, enable and
 * disable.
 *
 * A vCPU whose guest exits because a physical interrupt arrived calls
 * axv_host_irq_fetch() then axv_host_irq_handle() on the same CPU, with its interrupts
 * masked. INTIDs are numbered as the host's interrupt controller numbers them: on a GIC,
 * SGIs 0-15 and PPIs 16-31 are per CPU and SPIs from 32 are shared; on RISC-V they are
 * the PLIC's or APLIC's source ids (1 .. the device tree's count), all shared, since the
 * hart-local timer and software interrupts are not controller sources. A platform keeps
 * some INTIDs for itself (its timer, its cross-CPU kick, its virtual interface's
 * maintenance interrupt): fetch may return them and handle runs the platform's own handler
 * for them, but components cannot register, unregister, enable or disable them. Every host
 * interrupt has the same priority, so none preempts another: a CPU handles one at a time.
 */
AXV_AREA_BEGIN(host_irq)

/**
 * @brief Acknowledges the highest-priority host interrupt pending for the calling CPU
 * (on GICv3: reads ICC_IAR1_EL1), making it active on this CPU.
 * @return Its INTID, which the caller must pass to axv_host_irq_handle() on this CPU; or
 *         AXV_HOST_IRQ_NONE when none is pending, or while this CPU still has an acknowledged
 *         interrupt that was not handled. Fatal when not implemented.
 * @note Interrupt context, or any context with the calling CPU's interrupts masked; never
 *       sleeps. Acts on the calling CPU only: an interrupt is acknowledged by exactly one
 *       CPU.
 */
AXV_OP(host_irq, VALUE, axv_irq_t, fetch, (void))

/**
 * @brief Runs the handler of the host interrupt this CPU acknowledged, then completes it
 * (on GICv3: priority drop and deactivation through ICC_EOIR1_EL1).
 *
 * The handler runs on the calling CPU with its interrupts masked. An INTID the platform
 * keeps runs the platform's own handler.
 * @param irq The INTID axv_host_irq_fetch() returned on this CPU.
 * @return AXV_OK when a handler ran; AXV_ENOENT when no handler is registered (the interrupt
 *         is completed all the same and its line disabled, so an unowned level-sensitive
 *         line cannot storm; axv_host_irq_enable() turns it back on); AXV_EINVAL when @p irq
 *         is not the interrupt this CPU acknowledged and has not handled yet (nothing is
 *         done); AXV_ENOSYS when not implemented.
 * @note Interrupt context, or any context with the calling CPU's interrupts masked, on the
 *       CPU that fetched @p irq; never sleeps (the handler must not either).
 */
AXV_OP(host_irq, STATUS, int, handle, (axv_irq_t, irq))

/**
 * @brief Registers the handler of a host INTID. The line is not enabled: call
 * axv_host_irq_enable() when the device is ready.
 * @param irq The host INTID.
 * @param fn The handler, run by axv_host_irq_handle() in interrupt context.
 * @param arg Passed to @p fn; it must stay valid until axv_host_irq_unregister_handler()
 *        returns.
 * @return AXV_OK; AXV_EBUSY when @p irq already has a handler or the platform keeps it;
 *         AXV_EINVAL when @p irq is beyond the host's interrupt controller or @p fn is NULL;
 *         AXV_ENOSYS when not implemented.
 * @note Any context, interrupt handlers included; thread-safe; never sleeps. A handler
 *       registered for an SGI or PPI runs on whichever CPU takes that INTID.
 */
AXV_OP(host_irq, STATUS, int, register_handler, (axv_irq_t, irq, axv_host_irq_fn, fn, void *, arg))

/**
 * @brief Disables a host INTID and removes its handler, then waits until no CPU still runs
 * that handler, so its argument may be freed once this returns.
 *
 * A pending interrupt of the line stays pending (with the line disabled, it is not
 * delivered); if the line is enabled again without a handler, its handling answers
 * AXV_ENOENT.
 * @param irq The host INTID.
 * @return AXV_OK; AXV_ENOENT when @p irq has no handler; AXV_EPERM when the platform keeps
 *         @p irq; AXV_EINVAL when @p irq is beyond the host's interrupt controller;
 *         AXV_EBUSY when called from the handler of @p irq itself (it would wait for itself:
 *         nothing is changed); AXV_ENOSYS when not implemented.
 * @note Thread context, or an interrupt handler of another INTID; thread-safe. It may spin
 *       for as long as a handler of @p irq runs on another CPU.
 */
AXV_OP(host_irq, STATUS, int, unregister_handler, (axv_irq_t, irq))

/**
 * @brief Enables a host INTID: from now on, when pending, it is delivered (for an SGI or a
 * PPI: to the calling CPU, the only one this enables it on; for an SPI: to one CPU the
 * platform chooses). An interrupt that became pending while disabled is delivered now.
 * @param irq The host INTID.
 * @return AXV_OK (also when already enabled); AXV_EPERM when the platform keeps @p irq;
 *         AXV_EINVAL when @p irq is beyond the host's interrupt controller; AXV_ENOSYS when
 *         not implemented.
 * @note Any context; thread-safe; never sleeps.
 */
AXV_OP(host_irq, STATUS, int, enable, (axv_irq_t, irq))

/**
 * @brief Disables a host INTID: it is no longer delivered. An interrupt already pending stays
 * pending (delivered once enabled again); one already acknowledged is still handled. Does not
 * wait for a handler running on another CPU.
 * @param irq The host INTID.
 * @return AXV_OK (also when already disabled); AXV_EPERM when the platform keeps @p irq;
 *         AXV_EINVAL when @p irq is beyond the host's interrupt controller; AXV_ENOSYS when
 *         not implemented.
 * @note Any context, the line's own handler included; thread-safe; never sleeps. For an SGI
 *       or a PPI it acts on the calling CPU's line only.
 */
AXV_OP(host_irq, STATUS, int, disable, (axv_irq_t, irq))

AXV_AREA_END(host_irq)
