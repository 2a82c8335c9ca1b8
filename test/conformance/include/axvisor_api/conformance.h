/**
 * @file conformance.h
 * @brief The conformance suite: checks that the installed ops tables keep the contract.
 *
 * A platform installs its tables (axv_platform_install()), then calls
 * axv_conformance_run(). The suite exercises every built-in area through the public
 * accessors only (so it checks exactly what components will see), prints one line per case
 * through the console op and a final count, and returns the number of failed cases. It is
 * freestanding C11 (no libc, no allocation of its own) and runs the same on a hosted
 * platform and on bare metal, where timer callbacks run in the IRQ handler.
 *
 * Output, written with axv_console_write_bytes() when the console implements it:
 * @code
 * PASS memory.alloc_frame_distinct_aligned
 * FAIL time.timer_not_early: the callback got now_ns 1000 before its deadline 2000
 * SKIP vmm.inject_interrupt_delivered: no irq_pending hook in the options
 * 30 passed, 1 failed, 1 skipped
 * @endcode
 * The last line is always `N passed, M failed`, followed by `, K skipped` when K > 0.
 * Lines starting with `#` are informational: the console case writes one, and a timer case
 * that was late itself (see axv_conformance_options::timer_margin_ns) writes one per retry,
 * before its own line:
 * @code
 * # time.timer_order: retry 1/4: arming took 3100000 ns > 2500000 ns allowed at margin 5000000 ns
 * @endcode
 * A case is
 * skipped, never passed, when an op it needs is not implemented, when its area is not
 * selected, or when the options do not allow it (no hook, memory budget too small).
 */
#ifndef AXVISOR_API_CONFORMANCE_H
#define AXVISOR_API_CONFORMANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <axvisor_api/compiler.h>
#include <axvisor_api/types.h>

AXV_EXTERN_C_BEGIN

/**
 * @defgroup axv_conformance Conformance suite
 * @brief Checks a platform's installed ops tables against the documented contract.
 * @{
 */

/**
 * @brief Position of each built-in area in axv_conformance_options::areas, in the order of
 * <axvisor_api/builtin_areas.h>; use AXV_CONFORMANCE_AREA() rather than these values.
 */
enum axv_conformance_area_index {
#define AXV_EACH_AREA(area) axv_conformance_index_##area,
#include <axvisor_api/each_area.h>
    axv_conformance_num_areas /**< Number of built-in areas. */
};

/** @brief The bit selecting built-in area @p area, e.g. `AXV_CONFORMANCE_AREA(memory)`. */
#define AXV_CONFORMANCE_AREA(area) (UINT32_C(1) << axv_conformance_index_##area)
/** @brief Every built-in area; also what an `areas` of 0 means. */
#define AXV_CONFORMANCE_ALL_AREAS ((UINT32_C(1) << axv_conformance_num_areas) - 1u)

/** @brief Frames the suite may hold at once when axv_conformance_options::max_frames is 0. */
#define AXV_CONFORMANCE_DEFAULT_MAX_FRAMES 4096u
/** @brief The smallest memory budget: what the cases other than exhaustion hold at most. */
#define AXV_CONFORMANCE_MIN_FRAMES 32u
/** @brief Timer budget when axv_conformance_options::timer_budget_ns is 0 (1 s). */
#define AXV_CONFORMANCE_DEFAULT_TIMER_BUDGET_NS UINT64_C(1000000000)
/** @brief The smallest timer budget accepted (1 us). */
#define AXV_CONFORMANCE_MIN_TIMER_BUDGET_NS UINT64_C(1000)
/** @brief The largest timer budget accepted (10 minutes). */
#define AXV_CONFORMANCE_MAX_TIMER_BUDGET_NS UINT64_C(600000000000)
/** @brief Timer margin when axv_conformance_options::timer_margin_ns is 0 (5 ms). */
#define AXV_CONFORMANCE_DEFAULT_TIMER_MARGIN_NS UINT64_C(5000000)
/** @brief The smallest timer margin accepted (1 us). */
#define AXV_CONFORMANCE_MIN_TIMER_MARGIN_NS UINT64_C(1000)
/** @brief The largest timer margin accepted (1 s). */
#define AXV_CONFORMANCE_MAX_TIMER_MARGIN_NS UINT64_C(1000000000)
/**
 * @brief How many times a timer case retries when the suite itself was late (a host stall):
 * each retry uses AXV_CONFORMANCE_TIMER_MARGIN_GROWTH times the previous margin.
 */
#define AXV_CONFORMANCE_TIMER_RETRIES 4u
/** @brief The factor by which each retry widens the timer margin. */
#define AXV_CONFORMANCE_TIMER_MARGIN_GROWTH 4u
/**
 * @brief INTID injected by the vmm cases when axv_conformance_options::irq is 0: PPI 22, a
 * per-vCPU INTID, which every platform delivers to the vCPU named (see the vmm area).
 */
#define AXV_CONFORMANCE_DEFAULT_IRQ 22u
/** @brief Shared INTID of the shared-interrupt case when axv_conformance_options::shared_irq
 *  is 0: SPI 32. */
#define AXV_CONFORMANCE_DEFAULT_SHARED_IRQ 32u
/** @brief Host INTID of the host_irq cases when axv_conformance_options::host_irq is 0:
 *  SGI 15, which a GIC can raise on the calling CPU. */
#define AXV_CONFORMANCE_DEFAULT_HOST_IRQ 15u

/**
 * @brief What the platform does with a shared INTID (an SPI) given to inject_interrupt, as
 * the vmm area's description lists; it decides what the case `vmm.inject_shared` checks.
 */
enum axv_conformance_shared_routing {
    /** Not said: `vmm.inject_shared` is skipped. */
    AXV_CONFORMANCE_SHARED_UNTESTED,
    /** VMM-routed: the SPI becomes pending on the vCPU named, and only there. */
    AXV_CONFORMANCE_SHARED_TO_VCPU,
    /** vGIC-routed: whichever vCPU is named, it becomes pending on exactly one vCPU (the
     *  case ends by waiting one more timer budget for stray copies). */
    AXV_CONFORMANCE_SHARED_BY_VGIC,
    /** Refused: inject_interrupt answers AXV_EINVAL. */
    AXV_CONFORMANCE_SHARED_REFUSED
};

/** @brief What became of one case. */
enum axv_conformance_outcome {
    AXV_CONFORMANCE_PASS, /**< The platform behaved as the contract says. */
    AXV_CONFORMANCE_FAIL, /**< It did not; the detail says how. */
    AXV_CONFORMANCE_SKIP  /**< Not checked; the detail says why. */
};

/**
 * @brief How to run the suite. Zero-initialise it, then set what you need: every field left
 * 0 (or NULL) takes its default.
 */
struct axv_conformance_options {
    /**
     * Areas to check: an OR of AXV_CONFORMANCE_AREA() bits; 0 means all. Cases of the other
     * areas are reported as skipped. Bits beyond AXV_CONFORMANCE_ALL_AREAS are invalid.
     */
    uint32_t areas;
    /**
     * Memory budget: the most frames the suite may hold at once; 0 means
     * AXV_CONFORMANCE_DEFAULT_MAX_FRAMES, otherwise at least AXV_CONFORMANCE_MIN_FRAMES.
     * It bounds the exhaustion case: when the platform has more free frames than this, that
     * case is skipped (saying so) rather than run.
     */
    size_t max_frames;
    /**
     * Timer budget in nanoseconds: how long past a timer's deadline (or past its arming,
     * when that came later) a case waits for it to fire before failing it as lost; 0 means
     * AXV_CONFORMANCE_DEFAULT_TIMER_BUDGET_NS, otherwise between
     * AXV_CONFORMANCE_MIN_TIMER_BUDGET_NS and AXV_CONFORMANCE_MAX_TIMER_BUDGET_NS. A
     * healthy platform never uses it up, so set it for the slowest host the suite runs on
     * (a loaded CI machine, an emulator). While waiting, a jump of the clock between two
     * polls by more than the margin means the suite itself was not running (the host
     * stalled it): the excess is not counted, up to 9 budgets, so every wait still ends.
     * The delivery cases use the same budget: injection may complete after the injecting
     * call returns (a message to another CPU), so they wait this long from the call for the
     * interrupt to become pending before failing it as lost.
     */
    axv_nanos_t timer_budget_ns;
    /**
     * Timer margin in nanoseconds: how far ahead of the suite's clock reading a case puts
     * its first deadline, and the spacing of its deadlines; 0 means
     * AXV_CONFORMANCE_DEFAULT_TIMER_MARGIN_NS, otherwise between
     * AXV_CONFORMANCE_MIN_TIMER_MARGIN_NS and AXV_CONFORMANCE_MAX_TIMER_MARGIN_NS. A case
     * whose verdict depends on being on time (arming before the deadlines it compares,
     * cancelling before a deadline) measures how long that took. When it took more than the
     * margin allows, the suite was late, not the platform: the timers of that attempt are
     * still checked for being lost, early or run twice, but not judged on order or cancel,
     * and the case retries with a margin AXV_CONFORMANCE_TIMER_MARGIN_GROWTH times larger,
     * up to AXV_CONFORMANCE_TIMER_RETRIES times, printing a `#` line for each retry. A case
     * late at every attempt is skipped, saying so.
     */
    axv_nanos_t timer_margin_ns;
    /** VM the vmm cases query and inject into (default 0). (axv_vm_id_t)-1 is invalid: the
     *  suite uses it as the unknown VM. */
    axv_vm_id_t vm_id;
    /** INTID the vmm cases inject; 0 means AXV_CONFORMANCE_DEFAULT_IRQ. Choose a per-vCPU
     *  one (SGI or PPI): the cases expect it on the vCPU they name. */
    axv_irq_t irq;
    /** Passed unchanged to every hook below. */
    void *ctx;
    /**
     * Optional: called over and over while the suite waits for time to pass or timers to
     * fire, for platforms whose clock or timers advance only when polled. NULL: the suite
     * spins reading the clock.
     */
    void (*idle)(void *ctx);
    /**
     * Optional: tells whether @p irq became pending for vCPU @p vcpu_id of VM @p vm_id since
     * the last call for that triple, and consumes it. The delivery cases need it (and the
     * time area's current_ticks and ticks_to_nanos, to wait); without it they are skipped.
     * They call it over and over, for every vCPU, until the injected INTID shows on its
     * targets or the timer budget runs out, so it may answer false until an asynchronous
     * injection has reached the vCPU; an INTID that shows on a vCPU that was not targeted
     * fails the case.
     */
    bool (*irq_pending)(void *ctx, axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, axv_irq_t irq);
    /**
     * Optional: called once per case, after its line is printed, with the case's name
     * ("memory.alloc_frame_null"), its outcome and the detail ("" for a pass; never NULL).
     * The strings live only during the call.
     */
    void (*report)(void *ctx, const char *name, enum axv_conformance_outcome outcome,
                   const char *detail);
    /** How the platform treats shared INTIDs; 0 (AXV_CONFORMANCE_SHARED_UNTESTED) skips the
     *  shared-interrupt case. Values beyond AXV_CONFORMANCE_SHARED_REFUSED are invalid. */
    enum axv_conformance_shared_routing shared_routing;
    /** Shared INTID that case injects; 0 means AXV_CONFORMANCE_DEFAULT_SHARED_IRQ. */
    axv_irq_t shared_irq;
    /**
     * Optional: makes host INTID @p irq pending for the calling CPU once, as an edge (on a
     * GIC, an SGI to itself), and returns AXV_OK, or an error status when it cannot. The
     * platform then delivers it as it delivers any host interrupt: its interrupt entry
     * acknowledges it and runs its handler through the host_irq ops (a hosted platform
     * may do that before the hook returns). The host_irq delivery case needs it (and the
     * time area, to wait); without it that case is skipped.
     */
    int (*host_irq_raise)(void *ctx, axv_irq_t irq);
    /** Host INTID the host_irq cases register, enable and raise; 0 means
     *  AXV_CONFORMANCE_DEFAULT_HOST_IRQ. It must have no handler and must be one the
     *  platform lets components own (and host_irq_raise can raise). */
    axv_irq_t host_irq;
    /** A host INTID the platform keeps for itself (its timer's, say), which
     *  host_irq.register_refusals then checks every op refuses; 0: not checked (a platform
     *  that keeps none). */
    axv_irq_t host_irq_kept;
};

/** @brief How many cases passed, failed and were skipped. */
struct axv_conformance_result {
    size_t passed;  /**< Cases that passed. */
    size_t failed;  /**< Cases that failed. */
    size_t skipped; /**< Cases that were skipped. */
};

/**
 * @brief Runs every conformance case against the tables installed in the registry.
 *
 * The cases allocate and free frames (at most the memory budget at once), arm timers,
 * inject the chosen INTID into the chosen VM and write to the console; every resource a
 * case takes is given back before the next case starts, unless the platform refuses it.
 * @param opts The options, or NULL for all defaults.
 * @param result If not NULL, receives the counts (all zero when the options are refused).
 * @return The number of failed cases (0: the platform conforms); AXV_EINVAL, printing
 *         nothing, for options out of range (unknown area bits, a memory budget below
 *         AXV_CONFORMANCE_MIN_FRAMES, a timer budget or margin out of range, vm_id
 *         (axv_vm_id_t)-1, an unknown shared_routing).
 * @note Call it from thread context on one CPU, with interrupts enabled so timer callbacks
 *       can run while it waits, and while nothing else uses the frames, timers or VM it
 *       exercises. Not reentrant: one run at a time. Timer callbacks it arms may run in an
 *       IRQ handler or on another thread; they only use atomics and the time area.
 */
int axv_conformance_run(const struct axv_conformance_options *opts,
                        struct axv_conformance_result *result);

/**
 * @brief Names an outcome as the output does.
 * @param outcome An outcome.
 * @return "PASS", "FAIL" or "SKIP"; "?" for other values. Any context; thread-safe.
 */
const char *axv_conformance_outcome_name(enum axv_conformance_outcome outcome);

/** @} */

AXV_EXTERN_C_END

#endif /* AXVISOR_API_CONFORMANCE_H */
