/**
 * @file types.h
 * @brief Basic types, constants and status codes shared by every API area.
 */
#ifndef AXVISOR_API_TYPES_H
#define AXVISOR_API_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <axvisor_api/compiler.h>

AXV_EXTERN_C_BEGIN

/**
 * @defgroup axv_types Types
 * @brief Address, time and id types shared by every area.
 * @{
 */

/** @brief A host physical address. */
typedef uint64_t axv_paddr_t;
/** @brief A host virtual address (as seen by the hypervisor). */
typedef uintptr_t axv_vaddr_t;
/** @brief A count of monotonic clock ticks (platform frequency). */
typedef uint64_t axv_ticks_t;
/** @brief A time in nanoseconds since the monotonic clock's origin. */
typedef uint64_t axv_nanos_t;
/** @brief Identifies a registered timer, for axv_time_cancel_timer(). Never 0 once issued. */
typedef uint64_t axv_timer_token_t;
/**
 * @brief A timer callback, for axv_time_register_timer().
 * @param arg The argument given to axv_time_register_timer().
 * @param now_ns The monotonic time, in nanoseconds, at which the callback runs.
 */
typedef void (*axv_timer_fn)(void *arg, axv_nanos_t now_ns);
/** @brief Identifies a virtual machine. */
typedef size_t axv_vm_id_t;
/** @brief Identifies a vCPU within its VM (0-based, below 64 for the mask-based ops). */
typedef size_t axv_vcpu_id_t;
/**
 * @brief An interrupt number, as the platform's interrupt architecture numbers it. On a GIC
 * it is the INTID (SGIs 0-15, PPIs 16-31, SPIs 32-1019 and beyond), for virtual and host
 * interrupts alike. On RISC-V, a vCPU's interrupts (vmm area) are its VS-level causes
 * (2 software, 6 timer, 10 external: the bits of hvip) and host interrupts (host_irq area)
 * are the interrupt controller's source ids. Each platform documents its numbers.
 */
typedef uint32_t axv_irq_t;
/**
 * @brief A host interrupt handler, for axv_host_irq_register_handler().
 * @param arg The argument given to axv_host_irq_register_handler().
 * @param irq The host INTID being handled (one handler may serve several lines).
 * @note Runs in interrupt context on the CPU that acknowledged the interrupt, with that
 *       CPU's interrupts masked; it must not sleep, and must not unregister its own INTID.
 */
typedef void (*axv_host_irq_fn)(void *arg, axv_irq_t irq);
/**
 * @brief What axv_host_irq_fetch() answers when no host interrupt is pending: the GIC's
 * spurious INTID.
 */
#define AXV_HOST_IRQ_NONE 1023u

/** @brief Size and alignment of one physical frame, in bytes. */
#define AXV_FRAME_SIZE 4096u

/** @} */

/**
 * @defgroup axv_status Status codes
 * @brief What every status op and registry function returns.
 *
 * 0 is success; errors are negative ints. Where Linux has an errno of the same meaning the
 * value is its negation, so an errno-style hypervisor can pass codes through unchanged.
 * They are plain int macros, so they can be returned from any int function (or C++
 * lambda) and tested in `#if`.
 * @{
 */
#define AXV_OK 0             /**< Success. */
#define AXV_EPERM (-1)       /**< Not permitted now (for example: the registry is sealed). */
#define AXV_ENOENT (-2)      /**< No such object (VM, vCPU, timer token, ...). */
#define AXV_ENOMEM (-12)     /**< Out of memory or of another finite resource. */
#define AXV_EBUSY (-16)      /**< The resource is in use; retry later. */
#define AXV_EINVAL (-22)     /**< An argument is invalid (NULL pointer, bad alignment, ...). */
#define AXV_ENOSYS (-38)     /**< The op is not implemented by the installed platform. */
#define AXV_EVERSION (-1000) /**< An ops table's ABI header does not match this library. */

/**
 * @brief Describes a status code in words.
 * @param status A status code (or any int).
 * @return A static, NUL-terminated string; "unknown status" for values that are not codes.
 * @note Callable from any context, including IRQ handlers; thread-safe; never fails.
 */
const char *axv_strerror(int status);

/** @} */

AXV_EXTERN_C_END

#endif /* AXVISOR_API_TYPES_H */
