/* The vmm part's start and stop: the GIC and RISC-V models and the vCPUs' interrupt numbering
 * (vcpu_irq.c) are configured before the VM table
 * opens, whose release store of `started` publishes the configuration to the ops. The ops are in
 * vmm_ops.c, gic_ops.c and riscv_ops.c. */
#include <pthread.h>

#include "gic_model.h"
#include "riscv_model.h"
#include "posix_parts.h"
#include "vcpu_irq.h"
#include "vm_table.h"

/* Serialises start and stop, so that a refused second start cannot reconfigure the GIC
 * under a running table. */
static pthread_mutex_t part_lock = PTHREAD_MUTEX_INITIALIZER;

int axv_posix_vmm_start(const struct axv_posix_resolved *config) {
    pthread_mutex_lock(&part_lock);
    int rc = AXV_EBUSY;
    if (!axv_posix_vmm_started()) {
        axv_posix_gic_configure(config);
        axv_posix_riscv_configure(config);
        axv_posix_vcpu_irq_configure(config);
        rc = axv_posix_vm_table_start();
    }
    pthread_mutex_unlock(&part_lock);
    return rc;
}

size_t axv_posix_vmm_stop(void) {
    pthread_mutex_lock(&part_lock);
    size_t destroyed = axv_posix_vm_table_stop();
    pthread_mutex_unlock(&part_lock);
    return destroyed;
}
