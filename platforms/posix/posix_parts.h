/* The contract between platform.c and the parts of the POSIX platform: the resolved
 * configuration, and each part's start and stop (called in order by axv_posix_init() and
 * axv_posix_shutdown()).
 *
 * The platform's files are split by layer, and calls only go down:
 * - the platform and its tables: platform.c, tables.c;
 * - API glue and the parts' start/stop: memory_ops.c, time_ops.c, vmm_ops.c, gic_ops.c,
 *   riscv_ops.c, host_irq_ops.c, guest.c, observe.c, host.c, console.c; time.c, vmm.c;
 * - services: ram.c, timers.c, vm_table.c, delivery.c;
 * - models, data structures and host facilities: buddy.c, timer_heap.c, clock.c,
 *   gic_model.c, riscv_model.c, host_irq_model.c, pending.c, host_sched.c.
 * test/posix/call_graph_test.sh checks that no two files call each other, even indirectly. */
#ifndef AXV_POSIX_PARTS_H
#define AXV_POSIX_PARTS_H

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
    bool riscv_plic;
    uint32_t riscv_guest_files;
    bool riscv_vcpus;
};

/* ram.c: the RAM region and its buddy allocator. stop() unmaps it and returns how many
 * frames were still allocated. */
int axv_posix_memory_start(const struct axv_posix_resolved *config);
size_t axv_posix_memory_stop(void);

/* time.c: the counter (clock.c) and the timer service (timers.c). stop() ends the service
 * thread and returns how many timers were cancelled unfired. */
int axv_posix_time_start(const struct axv_posix_resolved *config);
size_t axv_posix_time_stop(void);
/* True on the timer service thread (shutdown cannot run there). */
bool axv_posix_time_on_service_thread(void);

/* vmm.c: the modelled GICv3 (gic_model.c), RISC-V machine (riscv_model.c) and the VMs
 * (vm_table.c). stop() destroys every
 * VM and returns how many there were. */
int axv_posix_vmm_start(const struct axv_posix_resolved *config);
size_t axv_posix_vmm_stop(void);
/* True on a vCPU thread. */
bool axv_posix_vmm_on_vcpu_thread(void);

/* host_irq_ops.c: the modelled host interrupt lines and their handler table, cleared at
 * start and at stop. */
void axv_posix_host_irq_start(void);
void axv_posix_host_irq_stop(void);

AXV_EXTERN_C_END

#endif /* AXV_POSIX_PARTS_H */
