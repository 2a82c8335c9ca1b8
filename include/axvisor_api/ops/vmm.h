/*
 * Op list of the vmm area: VM and vCPU queries and interrupt injection.
 * An op list is data for the generators; include <axvisor_api/axvisor_api.h> instead.
 * No include guard: it is expanded once per generated piece.
 */
#ifndef AXV_OP
#error "an op list is expanded by the generators; include <axvisor_api/axvisor_api.h>"
#endif

/**
 * @brief VM and vCPU queries and cross-vCPU interrupt injection.
 *
 * **Which INTIDs an injection targets.** Per-vCPU INTIDs (SGIs 0-15, PPIs 16-31, and LPIs
 * the platform directs to one vCPU) belong to a vCPU: every platform makes them pending on
 * exactly the vCPU named. Shared INTIDs (SPIs, 32-1019) belong to the VM, and a platform
 * does one of three things with them, and documents which:
 *  - *VMM-routed*: its VMM picks the vCPU, so the SPI is delivered like a per-vCPU INTID to
 *    the vCPU named;
 *  - *vGIC-routed*: the VM's virtual interrupt controller routes it where the guest's
 *    routing registers send it; the vCPU argument must still name a vCPU of the VM
 *    (AXV_ENOENT otherwise) but does not choose the target; an accepted SPI becomes pending
 *    on exactly one vCPU;
 *  - *refused*: AXV_EINVAL, when shared interrupts reach its vGIC by another path (for
 *    example a component-defined area of the vGIC component).
 * Components that must work on any platform inject per-vCPU INTIDs only. On RISC-V every
 * vCPU interrupt is per-vCPU: the numbers are the VS-level causes (2, 6, 10; see axv_irq_t),
 * and the VM's shared interrupts reach it through its virtual PLIC/APLIC or an IMSIC guest
 * file (the riscv area), not through this op.
 *
 * **Level-sensitive lines** are not this area's business: injection is an edge, "make
 * pending". A line's level, its re-assertion after EOI and its deassertion are state of the
 * VM's interrupt controller, which a device model reaches through that component's own
 * (component-defined) area, not through the vmm area; so there is no deassert op.
 */
AXV_AREA_BEGIN(vmm)

/**
 * @brief Identifies the VM whose vCPU the caller is running on behalf of.
 * @return The VM id. Outside any vCPU context the answer is the platform's to define
 *         (documented by it). Fatal when not implemented.
 * @note Any context; thread-safe.
 */
AXV_OP(vmm, VALUE, axv_vm_id_t, current_vm_id, (void))

/**
 * @brief Identifies the vCPU the caller is running on behalf of, within its VM.
 * @return The vCPU id; outside vCPU context, as the platform documents. Fatal when not
 *         implemented.
 * @note Any context; thread-safe.
 */
AXV_OP(vmm, VALUE, axv_vcpu_id_t, current_vcpu_id, (void))

/**
 * @brief Counts a VM's vCPUs.
 * @param vm_id The VM.
 * @param num Receives the number of vCPUs.
 * @return AXV_OK; AXV_ENOENT for an unknown VM; AXV_EINVAL for a NULL @p num; AXV_ENOSYS
 *         when not implemented.
 * @note Any context; thread-safe.
 */
AXV_OP(vmm, STATUS, int, vcpu_num, (axv_vm_id_t, vm_id, size_t *, num))

/**
 * @brief Reports which of a VM's vCPUs are active (started and not stopped).
 * @param vm_id The VM.
 * @param mask Receives a bit mask: bit i set when vCPU i is active.
 * @return AXV_OK; AXV_ENOENT for an unknown VM; AXV_EINVAL for a NULL @p mask;
 *         AXV_ENOSYS when not implemented.
 * @note Any context; thread-safe. The answer may be stale by the time it is used.
 */
AXV_OP(vmm, STATUS, int, active_vcpus, (axv_vm_id_t, vm_id, uint64_t *, mask))

/**
 * @brief Makes a virtual interrupt pending on one vCPU, from any CPU.
 *
 * Injection may be asynchronous: a vCPU that runs on another physical CPU is often reached
 * by posting a message to that CPU, and the call may return before the interrupt is
 * pending there. AXV_OK promises three things, not that it is pending yet:
 *  - accepted: the interrupt is queued for @p vcpu_id; no error about it comes later;
 *  - never lost: it becomes pending for that vCPU (and for no other) even when the vCPU is
 *    not running, its list registers are full, or more injections follow;
 *  - in time: it is pending for the vCPU no later than the vCPU's next entry to the
 *    guest; a vCPU in the guest at the time is made to exit (its CPU is kicked) and
 *    re-enters with it pending, so it never waits for an unrelated exit.
 * A synchronous platform, pending before returning, keeps this contract too. Injections
 * of the same INTID that meet before it is taken may merge into one pending interrupt.
 * @param vm_id The target VM.
 * @param vcpu_id The target vCPU; it need not be running, nor on the calling CPU.
 * For a shared INTID (SPI) "that vCPU" is where the platform's routing sends it: see the
 * area's description.
 * @param irq The INTID to inject.
 * @return AXV_OK when accepted as above; AXV_ENOENT for an unknown VM or vCPU; AXV_EINVAL
 *         for an INTID the platform cannot deliver (a shared one, on a platform that refuses
 *         them); AXV_ENOSYS when not implemented.
 * @note Any context, including IRQ handlers and timer callbacks; thread-safe.
 */
AXV_OP(vmm, STATUS, int, inject_interrupt,
       (axv_vm_id_t, vm_id, axv_vcpu_id_t, vcpu_id, axv_irq_t, irq))

/**
 * @brief Makes a virtual interrupt pending on every vCPU in @p vcpu_mask.
 *
 * Optional op. When the platform leaves it out, the fallback calls
 * axv_vmm_inject_interrupt() for each set bit, lowest first, carries on past failures,
 * and returns the first error.
 * @param vm_id The target VM.
 * @param vcpu_mask Bit i selects vCPU i; an empty mask does nothing.
 * @param irq The INTID to inject.
 * @return AXV_OK when every selected vCPU accepted it, with the promises of
 *         axv_vmm_inject_interrupt() (accepted, never lost, pending by each vCPU's next
 *         guest entry); otherwise the first error (AXV_ENOENT for an unknown VM or vCPU, ...).
 * @note Any context; thread-safe.
 */
AXV_OP(vmm, FALLBACK, int, inject_interrupt_to_vcpus,
       (axv_vm_id_t, vm_id, uint64_t, vcpu_mask, axv_irq_t, irq))

/**
 * @brief Tells the VMM that a vCPU's virtual timer expired, so it delivers the vCPU's
 * timer interrupt (on GIC platforms the virtual timer PPI, INTID 27 by default; on RISC-V
 * the vCPU's VSTIP, which the vCPU's SBI set_timer handler withdraws with
 * axv_riscv_clear_vs_pending(), as the SBI specifies). A virtual timer built on
 * axv_time_register_timer() and this op is the same code on every architecture.
 * @param vm_id The VM.
 * @param vcpu_id The vCPU.
 * @return AXV_OK when the timer interrupt is accepted, with the promises of
 *         axv_vmm_inject_interrupt(); AXV_ENOENT for an unknown VM or vCPU; AXV_ENOSYS when
 *         not implemented.
 * @note Any context, typically a timer callback; thread-safe.
 */
AXV_OP(vmm, STATUS, int, notify_vcpu_timer_expired, (axv_vm_id_t, vm_id, axv_vcpu_id_t, vcpu_id))

AXV_AREA_END(vmm)
