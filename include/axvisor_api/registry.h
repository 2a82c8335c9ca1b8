/**
 * @file registry.h
 * @brief The ops registry: table headers, area descriptors, sealing and the fatal handler.
 *
 * Every API area keeps one *slot* in the registry: a copy of the installed ops table,
 * statically initialised with default stubs so that no accessor ever tests for NULL.
 * Registration validates a table's header and copies it into the slot; sealing ends
 * registration for good and write-protects the slots where the port can.
 *
 * **SMP boot order.** Registration is boot-time work on one CPU and is not synchronised
 * with accessor calls elsewhere; other CPUs may already be running, they only must not
 * call an accessor yet. The rule:
 *  1. One CPU registers (or installs) every table and then calls axv_api_seal(), the
 *     publish step.
 *  2. Every other CPU calls no accessor until it has synchronised with that seal: either
 *     axv_api_wait_sealed() returned, or axv_api_is_sealed() answered true, or it read with
 *     acquire (a load-acquire, or a load followed by an acquire fence) a flag the sealing
 *     CPU stored after axv_api_seal() returned (any atomic store: the seal ends with a
 *     full fence).
 *  3. From then on accessors are safe on every CPU, from any context: nothing writes the
 *     registry any more.
 *
 * A CPU must take part in the boot CPU's coherent memory (on ARM: its MMU and caches on,
 * the same shareability domain) before it synchronises; bringing it there is the
 * platform's work. Hosted code that creates its threads after registering needs no seal
 * for visibility (thread creation synchronises), but tests that re-register while other
 * threads use the API are wrong whatever they do.
 */
#ifndef AXVISOR_API_REGISTRY_H
#define AXVISOR_API_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <axvisor_api/compiler.h>
#include <axvisor_api/config.h>
#include <axvisor_api/types.h>

AXV_EXTERN_C_BEGIN

/**
 * @defgroup axv_registry Ops registry
 * @brief Table headers, area descriptors, sealing and the fatal handler.
 * @{
 */

/** @brief Magic value in every ops table header ("axv1"). */
#define AXV_OPS_MAGIC 0x61787631u
/** @brief ABI major version: tables whose header names another major are refused. */
#define AXV_ABI_MAJOR 1u
/** @brief ABI minor version: minors only append ops, so older (smaller) tables are accepted. */
#define AXV_ABI_MINOR 0u

/**
 * @brief Header at the start of every ops table.
 *
 * Initialise it with AXV_OPS_HDR_INIT(); never fill it by hand. The size lets a table
 * built against an older minor version (fewer ops at the end) be accepted: its missing
 * ops get defaults.
 */
struct axv_ops_hdr {
    uint32_t magic;     /**< AXV_OPS_MAGIC; 0 means the header was never initialised. */
    uint16_t abi_major; /**< AXV_ABI_MAJOR of the headers the table was compiled with. */
    uint16_t abi_minor; /**< AXV_ABI_MINOR of the headers the table was compiled with. */
    uint32_t size;      /**< sizeof the ops struct the table was compiled as. */
    uint32_t reserved;  /**< Must be 0 (set by AXV_OPS_HDR_INIT). */
};

/**
 * @brief Initialiser for the `hdr` member of an ops table of type @p ops_type.
 *
 * C: `static const struct axv_host_ops ops = { .hdr = AXV_OPS_HDR_INIT(struct axv_host_ops),
 * .cpu_num = my_cpu_num };`
 */
#define AXV_OPS_HDR_INIT(ops_type) \
    { AXV_OPS_MAGIC, AXV_ABI_MAJOR, AXV_ABI_MINOR, (uint32_t)sizeof(ops_type), 0u }

/**
 * @brief Mutable per-area registry state, stored beside the ops in the area's slot (and so
 * sealed with it).
 */
struct axv_area_state {
    /** Bit i is set when op i is implemented by a registered table (not a default). */
    uint64_t implemented;
};

/**
 * @brief Tells whether op @p op of an area is implemented by a registered table.
 *
 * The body of every generated `axv_<area>_implements()`; ids are taken as size_t so a
 * negative or out-of-range id is simply "not implemented".
 * @param state The area's state.
 * @param op The op's id.
 * @param num_ops The area's number of ops.
 * @return true when @p op is below @p num_ops and its bit is set. Any context.
 */
static inline bool axv_area_op_implemented(const struct axv_area_state *state, size_t op,
                                           size_t num_ops) {
    return op < num_ops && ((state->implemented >> op) & 1u) != 0;
}

/**
 * @brief Tells whether @p op is an op id of an area with @p num_ops ops: what
 * `axv_<area>_implements()` answers in static binding, where the platform implements all.
 * @param op The op's id.
 * @param num_ops The area's number of ops.
 * @return true when @p op is below @p num_ops. Any context.
 */
static inline bool axv_area_op_in_range(size_t op, size_t num_ops) {
    return op < num_ops;
}

/**
 * @brief Read-only description of an API area, generated from its op list.
 *
 * Every area exports one as `axv_<area>_area` (for example #axv_memory_area). Useful for
 * generic tooling: listing areas, naming ops in messages, conformance reports.
 */
struct axv_area_desc {
    const char *name;             /**< The area's name, e.g. "memory". */
    const char *const *op_names;  /**< Op names in list order, e.g. "alloc_frame". */
    size_t num_ops;               /**< Number of ops (at most 64). */
    size_t ops_size;              /**< sizeof the area's ops struct in this library. */
    void *slot;                   /**< Start of the area's registry storage. */
    size_t slot_size;             /**< Size of that storage (a multiple of AXV_REGISTRY_ALIGN). */
    struct axv_area_state *state; /**< The area's mutable state (inside the slot). */
};

/**
 * @brief Checks whether a table header may be registered for @p area now.
 *
 * Used by the generated `axv_<area>_register()` and `axv_<area>_validate()`; call those
 * instead.
 * @param area The area's descriptor.
 * @param hdr The table's header, or NULL for a NULL table.
 * @return AXV_OK; AXV_EPERM after axv_api_seal(); AXV_EINVAL for a NULL table;
 *         AXV_EVERSION for a wrong magic or ABI major, a nonzero reserved field, or a size
 *         that is not a whole number of ops or is larger than this library's table;
 *         AXV_ENOMEM when AXV_MAX_AREAS areas are already tracked.
 * @note Boot-time; not thread-safe against concurrent registration.
 */
int axv_area_check(const struct axv_area_desc *area, const struct axv_ops_hdr *hdr);

/**
 * @brief Checks that @p area may be changed now (not sealed, trackable).
 * @param area The area's descriptor.
 * @return AXV_OK, AXV_EPERM after sealing, or AXV_ENOMEM when the area cannot be tracked.
 * @note Boot-time; not thread-safe against concurrent registration.
 */
int axv_area_check_writable(const struct axv_area_desc *area);

/**
 * @brief Records that @p area's slot was just rewritten (by generated code).
 *
 * Stores the implemented-ops mask and makes sure the area is tracked, so that
 * axv_api_seal() protects its slot. Only valid after a successful check.
 * @param area The area's descriptor.
 * @param implemented Bit i set when op i now comes from a registered table.
 */
void axv_area_commit(const struct axv_area_desc *area, uint64_t implemented);

/**
 * @brief Number of areas the registry tracks: the built-in ones plus every
 * component-defined area that has been registered or reset.
 * @return The count; callable from any context.
 */
size_t axv_api_area_count(void);

/**
 * @brief The @p index-th tracked area.
 * @param index Below axv_api_area_count().
 * @return The area's descriptor, or NULL when @p index is out of range.
 */
const struct axv_area_desc *axv_api_area(size_t index);

/**
 * @brief Ends registration for good and write-protects the registry where possible.
 *
 * After this every `axv_<area>_register()`, `axv_<area>_reset()` and
 * axv_platform_install() returns AXV_EPERM. The core state and the slot of every tracked
 * area are handed to the port's axv_port_protect_readonly(); on hosted builds that is
 * mprotect(), so a stray write into the registry faults. Component-defined areas are
 * protected if they were registered (or reset) before sealing.
 *
 * It is also the publish step of the SMP boot order (see the file's description): it marks
 * the registry sealed with a store-release and ends with a full memory fence, so another
 * CPU that synchronises with it (axv_api_wait_sealed(), axv_api_is_sealed() answering true,
 * or an acquire of a flag stored after this call) sees every table registered before it.
 *
 * @return AXV_OK when sealed and protected; AXV_ENOSYS when sealed but this build's port
 *         cannot protect memory; another negative code when protection failed (registration
 *         is closed all the same, and the registry is published). Calling it again returns
 *         AXV_OK and does nothing.
 * @note Boot-time, on the CPU that registered, after all registration and before any other
 *       CPU calls an accessor.
 */
int axv_api_seal(void);

/**
 * @brief Tells whether axv_api_seal() has been called.
 *
 * The load is an acquire: once it answers true, the calling CPU sees every table
 * registered before the seal and may call accessors.
 * @return true once sealed. Callable from any context, on any CPU.
 */
bool axv_api_is_sealed(void);

/**
 * @brief Waits until another CPU has sealed the registry: a secondary CPU's way to meet
 * the SMP boot order.
 *
 * Spins on the same acquire load as axv_api_is_sealed(), with no pause hint (the core is
 * portable C); a platform that would rather sleep (WFE) polls axv_api_is_sealed() itself.
 * On return the calling CPU may call accessors. Never returns if nobody seals.
 * @note Any CPU, before its first accessor call; not from the CPU that is to seal.
 */
void axv_api_wait_sealed(void);

/**
 * @brief A fatal error handler: receives a NUL-terminated message and should not return.
 */
typedef void (*axv_fatal_handler_t)(const char *message);

/**
 * @brief Sets the handler that axv_fatal() calls.
 *
 * The default handler writes the message and a newline to the console op, if the installed
 * console implements write_bytes, and then traps. The handler is not part of the sealed
 * registry: it may be replaced at any time (a late console, a test harness).
 * @param handler The new handler, or NULL to restore the default.
 * @note Not synchronised: set it at boot or while no fatal error can happen concurrently.
 */
void axv_set_fatal_handler(axv_fatal_handler_t handler);

/**
 * @brief Reports an unrecoverable error and stops.
 *
 * Calls the fatal handler with @p message; if the handler returns, traps. Used by the
 * default stubs of value-returning ops ("host.cpu_num is not implemented") and by
 * platforms for ops that cannot report an error (e.g. phys_to_virt outside RAM).
 * @param message What went wrong; should name the area and op.
 * @note Callable from any context.
 */
AXV_NORETURN void axv_fatal(const char *message);

/** @} */

AXV_EXTERN_C_END

#endif /* AXVISOR_API_REGISTRY_H */
