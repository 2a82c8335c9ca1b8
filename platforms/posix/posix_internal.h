/* The contract between the parts of the POSIX platform. Each part owns one concern, starts
 * and stops with the platform, and exports its ops table; its ops are named
 * axv_posix_<area>_<op> (the names a static binding of the accessors will call). */
#ifndef AXV_POSIX_INTERNAL_H
#define AXV_POSIX_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <axvisor_api/posix.h>

AXV_EXTERN_C_BEGIN

/* A configuration with every default filled in and every field validated. */
struct axv_posix_resolved {
    size_t ram_bytes;
    axv_paddr_t ram_phys_base;
    uint64_t counter_hz;
    axv_paddr_t gicd_base;
    axv_paddr_t gicr_base;
    uint32_t spi_count;
    axv_irq_t vtimer_irq;
};

/* memory.c: the RAM region and its buddy allocator. stop() unmaps it and returns how many
 * frames were still allocated. */
int axv_posix_memory_start(const struct axv_posix_resolved *config);
size_t axv_posix_memory_stop(void);

/* clock.c and timers.c: the counter, and the timer heap with its service thread. stop()
 * ends the thread and returns how many timers were cancelled unfired. */
int axv_posix_time_start(const struct axv_posix_resolved *config);
size_t axv_posix_time_stop(void);
/* True on the timer service thread (shutdown cannot run there). */
bool axv_posix_time_on_service_thread(void);

/* vmm.c and gic.c: the VM model and the modelled GICv3. stop() destroys every VM and
 * returns how many there were. */
int axv_posix_vmm_start(const struct axv_posix_resolved *config);
size_t axv_posix_vmm_stop(void);
/* True on a vCPU thread. */
bool axv_posix_vmm_on_vcpu_thread(void);

/* host.c, console.c: stateless. */

/* Every op's prototype (axv_posix_<area>_<op>) and every table's declaration, generated
 * from the op lists; tables.c defines the tables. */
#define AXV_IMPL_PREFIX axv_posix
#define AXV_IMPL_DECLARE_ONLY
#include <axvisor_api/platform_impl.h>

AXV_EXTERN_C_END

#endif /* AXV_POSIX_INTERNAL_H */
