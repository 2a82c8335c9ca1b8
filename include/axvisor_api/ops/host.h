/*
 * Op list of the host area: facts about the machine the hypervisor runs on.
 * An op list is data for the generators; include <axvisor_api/axvisor_api.h> instead.
 * No include guard: it is expanded once per generated piece.
 */
#ifndef AXV_OP
#error "an op list is expanded by the generators; include <axvisor_api/axvisor_api.h>"
#endif

/** @brief Facts about the host machine. */
AXV_AREA_BEGIN(host)

/**
 * @brief Counts the host's physical CPUs that the hypervisor runs on.
 * @return The count, at least 1. Fatal when not implemented.
 * @note Any context; thread-safe.
 */
AXV_OP(host, VALUE, size_t, cpu_num, (void))

/**
 * @brief The physical address of the flattened device tree (DTB) the host booted with, on
 * either architecture (aarch64: x0 at entry; RISC-V: a1 at entry).
 * @param addr Receives the address of the DTB's header, which lies in memory that
 *        axv_memory_phys_to_virt() translates, so a component can parse it.
 * @return AXV_OK; AXV_ENOENT when the host booted without a device tree (or has no
 *         physical one, like a hosted platform); AXV_EINVAL for a NULL @p addr; AXV_ENOSYS
 *         when not implemented.
 * @note Any context; thread-safe; never sleeps. The answer never changes once the platform
 *       is installed.
 */
AXV_OP(host, STATUS, int, fdt_address, (axv_paddr_t *, addr))

AXV_AREA_END(host)
