/**
 * @file posix.h
 * @brief The hosted platform: every area implemented for real on Linux user space.
 *
 * - memory: one region of "physical" RAM mapped at start-up, with a fake physical base that
 *   differs from its virtual address; a thread-safe buddy allocator serves frames and
 *   contiguous runs (alignment up to the region's size) and refuses double and foreign
 *   frees with AXV_EINVAL; phys_to_virt/virt_to_phys are exact inverses inside the region
 *   and fatal outside it.
 * - time: a monotonic counter at a configurable frequency (62.5 MHz by default, like QEMU's
 *   virt counter), converted without overflow for centuries of uptime; one-shot timers in
 *   one global min-heap (O(log n) register and cancel) served by one service thread, which
 *   runs callbacks with no lock held, raised above the vCPU threads where the host permits.
 * - vmm: a reference VM model. VMs have 1..64 vCPUs, each a thread running a guest function
 *   with a pending-interrupt bitmap for INTIDs 0..1019; injection sets bits atomically from
 *   any thread and wakes a halted vCPU. With axv_posix_config.riscv_vcpus the vCPUs take
 *   RISC-V's VS-level causes (VSSIP 2, VSTIP 6, VSEIP 10) instead of GIC INTIDs.
 * - host: the CPUs online. console: stdout/stdin.
 * - gic: a modelled GICv3 (GICD_TYPER/GICD_IIDR consistent with the modelled SPI count,
 *   configurable bases); hardware injection targets the calling vCPU (AXV_EINVAL off vCPU
 *   threads; list registers are not modelled, so never AXV_EBUSY).
 * - riscv: a modelled RISC-V machine at QEMU virt's addresses, beside the GIC, so components
 *   of either architecture run here. Every vCPU has VS-level pending bits (its hvip), which
 *   set_vs_pending/clear_vs_pending change on the calling vCPU (AXV_EINVAL off vCPU threads)
 *   and axv_posix_vcpu_vs_pending() reads. The machine is AIA by default (APLIC, one IMSIC
 *   per host CPU with AXV_POSIX_DEFAULT_RISCV_GUEST_FILES guest files, no PLIC) or a PLIC
 *   machine (no APLIC, no IMSIC). Remote fences are checked and logged
 *   (axv_posix_riscv_fences()), as a process has no guest TLB to flush.
 * - host_irq: AXV_POSIX_HOST_IRQ_LINES modelled host interrupt lines, not banked per CPU,
 *   that a test or a device thread raises (axv_posix_host_irq_raise() and friends); a thread
 *   plays the CPU that acknowledges and handles them, one at a time, lowest INTID first.
 *   The platform keeps no INTID for itself.
 *
 * Op implementations are named `axv_posix_<area>_<op>`.
 */
#ifndef AXVISOR_API_POSIX_H
#define AXVISOR_API_POSIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <axvisor_api/platform.h>

AXV_EXTERN_C_BEGIN

/**
 * @defgroup axv_posix POSIX platform
 * @brief The hosted platform developers use day to day.
 * @{
 */

/** @brief Default size of the RAM region: 64 MiB. */
#define AXV_POSIX_DEFAULT_RAM_BYTES ((size_t)64 << 20)
/** @brief Default fake physical base of the RAM region. */
#define AXV_POSIX_DEFAULT_RAM_PHYS_BASE ((axv_paddr_t)0x80000000u)
/** @brief Default counter frequency: 62.5 MHz. */
#define AXV_POSIX_DEFAULT_COUNTER_HZ UINT64_C(62500000)
/** @brief Lowest counter frequency accepted: 1 kHz. */
#define AXV_POSIX_MIN_COUNTER_HZ UINT64_C(1000)
/**
 * @brief Highest counter frequency accepted: 5 GHz, so that a 64-bit tick count lasts more
 * than 100 years (116) at every allowed frequency.
 */
#define AXV_POSIX_MAX_COUNTER_HZ UINT64_C(5000000000)
/** @brief Default modelled GICD base (QEMU virt's). */
#define AXV_POSIX_DEFAULT_GICD_BASE ((axv_paddr_t)0x08000000u)
/** @brief Default modelled GICR base (QEMU virt's). */
#define AXV_POSIX_DEFAULT_GICR_BASE ((axv_paddr_t)0x080a0000u)
/** @brief Default number of modelled SPIs (the most a GICv3 without extended SPIs has). */
#define AXV_POSIX_DEFAULT_SPI_COUNT 988u
/** @brief Default virtual timer PPI. */
#define AXV_POSIX_DEFAULT_VTIMER_IRQ 27u
/** @brief Default number of IMSIC guest interrupt files per hart (QEMU virt's aia-guests=7). */
#define AXV_POSIX_DEFAULT_RISCV_GUEST_FILES 7u
/** @brief Most IMSIC guest interrupt files per hart (GEILEN is at most 63 on RV64). */
#define AXV_POSIX_MAX_RISCV_GUEST_FILES 63u
/** @brief Most vCPUs per VM (the width of the vCPU masks). */
#define AXV_POSIX_MAX_VCPUS 64u
/** @brief Most VMs alive at once. */
#define AXV_POSIX_MAX_VMS 16u
/** @brief One past the largest INTID the model handles (1020 and up are special). */
#define AXV_POSIX_NUM_INTIDS 1020u
/** @brief What axv_posix_guest_ack() answers when nothing is pending (GIC's spurious id). */
#define AXV_POSIX_SPURIOUS_IRQ 1023u
/** @brief axv_vmm_current_vm_id() on a thread that is not a vCPU. */
#define AXV_POSIX_NO_VM ((axv_vm_id_t)-1)
/** @brief axv_vmm_current_vcpu_id() on a thread that is not a vCPU. */
#define AXV_POSIX_NO_VCPU ((axv_vcpu_id_t)-1)

/** @brief How many host interrupt lines are modelled: INTIDs 0 up to this, exclusive. */
#define AXV_POSIX_HOST_IRQ_LINES 1020u

/** @brief Start-up configuration. Zero-initialise it; every field left 0 takes its default. */
struct axv_posix_config {
    /** Size of the RAM region: a multiple of AXV_FRAME_SIZE, at least 1 MiB. */
    size_t ram_bytes;
    /** Fake physical base: AXV_FRAME_SIZE-aligned, and the region may not wrap. */
    axv_paddr_t ram_phys_base;
    /** Counter frequency in Hz, AXV_POSIX_MIN_COUNTER_HZ..AXV_POSIX_MAX_COUNTER_HZ. */
    uint64_t counter_hz;
    /** Modelled GICD base. */
    axv_paddr_t gicd_base;
    /** Modelled GICR base. */
    axv_paddr_t gicr_base;
    /** Modelled SPIs: a multiple of 32 up to 960, or 988 (SPIs up to INTID 1019). */
    uint32_t spi_count;
    /** The INTID notify_vcpu_timer_expired delivers (a PPI, 16..31). */
    axv_irq_t vtimer_irq;
    /** The riscv area models a PLIC machine (true) rather than an AIA one (false). */
    bool riscv_plic;
    /** IMSIC guest files per hart of the AIA machine, up to AXV_POSIX_MAX_RISCV_GUEST_FILES. */
    uint32_t riscv_guest_files;
    /**
     * The VMs' vCPUs are RISC-V style (true) rather than GIC style (false, the default).
     * Then vmm.inject_interrupt and inject_interrupt_to_vcpus take exactly the VS-level
     * causes 2 (VSSIP), 6 (VSTIP) and 10 (VSEIP), as the riscv64 QEMU platform does, and
     * AXV_EINVAL for any other number; notify_vcpu_timer_expired delivers VSTIP. The causes
     * are bits 2, 6 and 10 of the vCPU's pending bitmap, with the GIC path's guarantees
     * (any thread, never lost, a halted vCPU woken); they are the vCPU's hvip, so the
     * riscv area's set_vs_pending/clear_vs_pending change the same bits,
     * axv_posix_vcpu_vs_pending() reads them, and the guest reads and clears them with
     * axv_posix_guest_ack() (lowest cause first). gic.hardware_inject_virtual_interrupt
     * answers AXV_ENOSYS (no list registers); the gic register reads still describe the
     * modelled GIC.
     */
    bool riscv_vcpus;
};

/**
 * @brief Starts the platform: maps RAM, starts the timer service thread.
 * @param config The configuration, or NULL for all defaults.
 * @return AXV_OK; AXV_EINVAL for a configuration out of range; AXV_EBUSY when already
 *         started; AXV_ENOMEM when RAM cannot be mapped or the thread not started.
 * @note Call once, before installing axv_posix_platform and before any op is used. Ops used
 *       before this (or after axv_posix_shutdown()) return AXV_EPERM, or are fatal for value
 *       ops.
 */
int axv_posix_init(const struct axv_posix_config *config);

/** @brief The platform's tables, every area: install with axv_platform_install(). */
extern const struct axv_platform axv_posix_platform;

/** @brief What axv_posix_shutdown() found still in progress. */
struct axv_posix_shutdown_report {
    size_t timers_pending; /**< Timers that had not fired: cancelled, never run. */
    size_t vms_destroyed;  /**< VMs still existing, stopped and destroyed. */
    size_t frames_in_use;  /**< Frames still allocated when RAM was unmapped. */
};

/**
 * @brief Stops everything the platform started, so no thread is left running.
 *
 * Stops and destroys every VM (joining its vCPU threads), stops the timer service (timers
 * that had not fired are cancelled, never run, and counted), and unmaps RAM. Nothing is
 * dropped silently: the report says what was still in progress.
 * @param report If not NULL, receives what was found.
 * @return AXV_OK; AXV_EPERM when not started, or when called from a vCPU thread or a timer
 *         callback (which shutdown would have to join).
 * @note Call from the thread that started the platform; afterwards axv_posix_init() may be
 *       called again.
 */
int axv_posix_shutdown(struct axv_posix_shutdown_report *report);

/**
 * @brief How the timer service thread was raised above the vCPU threads, for reports.
 *
 * The service runs callbacks on time while vCPU threads keep every CPU busy only if the host
 * lets it preempt them: it asks for SCHED_FIFO (CAP_SYS_NICE or RLIMIT_RTPRIO), else a
 * higher nice value (RLIMIT_NICE), else runs as the vCPU threads do.
 * @return "SCHED_FIFO", "nice raised", "not raised (no permission)", or "not started"
 *         outside axv_posix_init() .. axv_posix_shutdown(). A static string; thread-safe.
 */
const char *axv_posix_timer_service_priority(void);

/** @brief A guest: runs on its vCPU's thread until it returns. */
typedef void (*axv_posix_guest_fn)(void *arg);

/**
 * @brief Creates a VM whose vCPUs will run @p guest.
 * @param num_vcpus 1..AXV_POSIX_MAX_VCPUS.
 * @param guest Run by every vCPU thread with @p arg; axv_vmm_current_vm_id() and
 *        axv_vmm_current_vcpu_id() identify the vCPU there.
 * @param arg Passed to @p guest.
 * @param vm_id Receives the VM's id (the lowest free id, from 0).
 * @return AXV_OK; AXV_EINVAL for a bad count or NULL pointer; AXV_ENOMEM when
 *         AXV_POSIX_MAX_VMS VMs exist; AXV_EPERM when the platform is not started.
 * @note Thread-safe.
 */
int axv_posix_vm_create(size_t num_vcpus, axv_posix_guest_fn guest, void *arg, axv_vm_id_t *vm_id);

/**
 * @brief Starts a VM: one thread per vCPU, each marked active while its guest runs.
 * @param vm_id The VM.
 * @return AXV_OK; AXV_ENOENT for an unknown VM; AXV_EBUSY when already started or once
 *         stopped (stopping is final: create a new VM instead); AXV_ENOMEM when a thread
 *         cannot be created (none is then left running, and the VM may be started again).
 * @note Every vCPU started runs its guest exactly once.
 */
int axv_posix_vm_start(axv_vm_id_t vm_id);

/**
 * @brief Asks a VM's vCPUs to stop and waits for their threads to end.
 *
 * axv_posix_guest_should_stop() turns true for them and halted vCPUs are woken; guests are
 * expected to return soon after.
 * @param vm_id The VM.
 * @return AXV_OK (also for a VM that never started); AXV_ENOENT for an unknown VM;
 *         AXV_EPERM when called from one of the VM's own vCPUs.
 * @note Two guests stopping each other's VMs at once deadlock, like two threads joining
 *       each other.
 */
int axv_posix_vm_stop(axv_vm_id_t vm_id);

/**
 * @brief Destroys a VM (stopping it first), freeing its id.
 *
 * From the moment destroy begins the id is unknown to every op (AXV_ENOENT), including to
 * the VM's own guests; an injection racing with it either completed before (and its
 * interrupt went with the VM) or gets AXV_ENOENT. Later the id may name a new VM.
 * @param vm_id The VM.
 * @return As axv_posix_vm_stop().
 */
int axv_posix_vm_destroy(axv_vm_id_t vm_id);

/**
 * @brief Guest side: tells whether the vCPU was asked to stop.
 * @return true once axv_posix_vm_stop() was called for this vCPU's VM; false off vCPU
 *         threads.
 */
bool axv_posix_guest_should_stop(void);

/**
 * @brief Guest side: waits for an interrupt (WFI), at most @p timeout_ns.
 * @param timeout_ns Longest wait; 0 only checks.
 * @return AXV_OK when an interrupt is pending; AXV_EBUSY on timeout; AXV_EPERM when a stop
 *         was requested (this wins over a pending interrupt), or off vCPU threads.
 */
int axv_posix_guest_halt(axv_nanos_t timeout_ns);

/**
 * @brief Guest side: acknowledges the pending interrupt with the lowest INTID, clearing it
 * (like reading ICC_IAR1_EL1).
 * @return The INTID, or AXV_POSIX_SPURIOUS_IRQ when none is pending (or off vCPU threads).
 */
axv_irq_t axv_posix_guest_ack(void);

/**
 * @brief Observer side: tests and clears one pending interrupt of a vCPU from any thread.
 * @param vm_id The VM.
 * @param vcpu_id The vCPU.
 * @param irq The INTID.
 * @return true when it was pending (and is now cleared); false otherwise or for unknown
 *         ids.
 * @note Thread-safe. Its signature fits axv_conformance_options::irq_pending through
 *       axv_posix_conformance_irq_pending().
 */
bool axv_posix_vcpu_take_pending(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, axv_irq_t irq);

/**
 * @brief axv_posix_vcpu_take_pending() in the shape of the conformance suite's
 * `irq_pending` hook (the context is ignored).
 * @param ctx Ignored.
 * @param vm_id The VM.
 * @param vcpu_id The vCPU.
 * @param irq The INTID.
 * @return As axv_posix_vcpu_take_pending().
 * @note Thread-safe.
 */
bool axv_posix_conformance_irq_pending(void *ctx, axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id,
                                       axv_irq_t irq);

/**
 * @brief Observer side: reads a vCPU's VS-level pending bits, as the riscv area's
 * set_vs_pending and clear_vs_pending left them (and, with RISC-V style vCPUs, injection
 * and the guest's acknowledgements).
 * @param vm_id The VM.
 * @param vcpu_id The vCPU.
 * @param hvip Receives the bits, at hvip's positions (VSSIP 2, VSTIP 6, VSEIP 10).
 * @return AXV_OK; AXV_ENOENT for an unknown VM or vCPU; AXV_EINVAL for a NULL @p hvip;
 *         AXV_EPERM when the platform is not started.
 * @note Thread-safe; the answer may be stale once the vCPU changes its bits again.
 */
int axv_posix_vcpu_vs_pending(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, uint64_t *hvip);

/** @brief Which fence a riscv remote-fence op executed. */
enum axv_posix_riscv_fence_kind {
    AXV_POSIX_RISCV_HFENCE_GVMA = 1, /**< remote_hfence_gvma */
    AXV_POSIX_RISCV_HFENCE_VVMA = 2, /**< remote_hfence_vvma */
};

/** @brief A remote fence as the riscv ops received it (and the model executed it). */
struct axv_posix_riscv_fence {
    enum axv_posix_riscv_fence_kind kind; /**< Which op; 0 in an empty record. */
    uint64_t cpu_mask;                    /**< The selected CPUs, from cpu_base. */
    size_t cpu_base;                      /**< CPU index of bit 0 of cpu_mask. */
    uint32_t vmid;                        /**< The VMID. */
    uint32_t asid;                        /**< HFENCE.VVMA's ASID (UINT32_MAX: all); 0 for GVMA. */
    uint64_t addr;                        /**< First guest address; 0 when size is SIZE_MAX. */
    size_t size;                          /**< Length in bytes; SIZE_MAX for everything. */
};

/**
 * @brief Observer side: how many remote fences the riscv ops executed since
 * axv_posix_init(), and the last one.
 *
 * Fences that select no CPU or an empty range, and refused ones, are not executed, so not
 * counted.
 * @param last If not NULL, receives the last fence executed (all zero when none was).
 * @return The count.
 * @note Thread-safe.
 */
uint64_t axv_posix_riscv_fences(struct axv_posix_riscv_fence *last);

/** @brief Called once per delivered interrupt, after its pending bit is set. */
typedef void (*axv_posix_delivery_fn)(void *ctx, axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id,
                                      axv_irq_t irq);

/**
 * @brief Sets (or, with NULL, clears) the delivery observer.
 * @param fn Called on the injecting thread for every interrupt made pending (also by
 *        hardware_inject_virtual_interrupt); it may call query ops such as
 *        axv_posix_vcpu_take_pending(), but must not inject, stop or destroy a VM.
 * @param ctx Passed to @p fn.
 * @note Set it while no injection is in progress.
 */
void axv_posix_set_delivery_observer(axv_posix_delivery_fn fn, void *ctx);

/**
 * @brief Device side: holds host interrupt line @p irq high (a level-sensitive interrupt).
 *
 * While high and enabled the line is pending; acknowledging does not lower it, so once
 * handled it is pending again unless its handler (the device's driver) had the device lower
 * it with axv_posix_host_irq_lower().
 * @param irq The line, below AXV_POSIX_HOST_IRQ_LINES.
 * @return AXV_OK; AXV_EINVAL for a line out of range; AXV_EPERM when the platform is not
 *         started.
 * @note Any thread; thread-safe. Wakes axv_posix_host_irq_wait().
 */
int axv_posix_host_irq_raise(axv_irq_t irq);

/**
 * @brief Device side: lowers host interrupt line @p irq; a level not yet acknowledged is no
 * longer pending.
 * @param irq The line, below AXV_POSIX_HOST_IRQ_LINES.
 * @return As axv_posix_host_irq_raise().
 * @note Any thread, a handler included; thread-safe.
 */
int axv_posix_host_irq_lower(axv_irq_t irq);

/**
 * @brief Device side: an edge on host interrupt line @p irq (like an SGI or an MSI): the line
 * is pending until one CPU acknowledges it. Several edges before that count as one.
 * @param irq The line, below AXV_POSIX_HOST_IRQ_LINES.
 * @return As axv_posix_host_irq_raise().
 * @note Any thread; thread-safe. Wakes axv_posix_host_irq_wait().
 */
int axv_posix_host_irq_pulse(axv_irq_t irq);

/**
 * @brief CPU side: waits until some enabled host interrupt line is pending and not active,
 * at most @p timeout_ns.
 * @param timeout_ns Longest wait; 0 only checks.
 * @return AXV_OK when one is; AXV_EBUSY on timeout; AXV_EPERM when the platform is not
 *         started.
 * @note Any thread; thread-safe. Another thread may acknowledge the line first.
 */
int axv_posix_host_irq_wait(axv_nanos_t timeout_ns);

/**
 * @brief CPU side: what the calling thread's interrupt entry does when it takes host
 * interrupts: axv_host_irq_fetch() and axv_host_irq_handle() (this platform's, not through
 * the registry) until none is deliverable.
 * @return How many interrupts were handled (0 when the platform is not started).
 * @note Any thread that holds no acknowledged interrupt; thread-safe.
 */
size_t axv_posix_host_irq_deliver(void);

/**
 * @brief An edge on host interrupt line @p irq taken at once by the calling thread
 * (axv_posix_host_irq_pulse() then axv_posix_host_irq_deliver()), in the shape of the
 * conformance suite's `host_irq_raise` hook.
 * @param ctx Ignored.
 * @param irq The line.
 * @return As axv_posix_host_irq_pulse().
 * @note Any thread that holds no acknowledged interrupt; thread-safe.
 */
int axv_posix_conformance_host_irq_raise(void *ctx, axv_irq_t irq);

/** @} */

AXV_EXTERN_C_END

#endif /* AXVISOR_API_POSIX_H */
