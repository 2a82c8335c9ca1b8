/* The VM table of the POSIX platform (vm_table.c): ids, the VM lifecycle, vCPU threads and
 * the lock-free lookup every op uses. Calls only pending.c below it. */
#ifndef AXV_POSIX_VM_TABLE_H
#define AXV_POSIX_VM_TABLE_H

#include "vmm_model.h"

/* Opens the table (AXV_OK, or AXV_EBUSY when open); stop() destroys every VM and returns
 * how many there were. Called by vmm.c, which configures the GIC model first. stop() joins
 * every vCPU thread, so it must not run on one. */
int axv_posix_vm_table_start(void);
size_t axv_posix_vm_table_stop(void);

/* True between start and stop; loaded with acquire, so whatever the start's caller stored
 * before it (the GIC model's configuration) is visible to a caller that saw true. */
bool axv_posix_vmm_started(void);

/* Looks a VM up and holds a reference to it, or answers NULL for an unknown id. While the
 * reference is held the VM is not freed (destroy waits for it), so its fields and vCPUs may
 * be used; references may nest. Lock-free; any thread. */
struct axv_posix_vm *axv_posix_vm_get(axv_vm_id_t vm_id);
/* Drops a reference from axv_posix_vm_get(). */
void axv_posix_vm_put(struct axv_posix_vm *vm);
/* A referenced VM and one of its vCPUs: AXV_OK, AXV_EPERM (not started) or AXV_ENOENT (no
 * such VM or vCPU; then no reference is held). Drop it with axv_posix_vm_put(*vm). */
int axv_posix_vcpu_get(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, struct axv_posix_vm **vm,
                       struct axv_posix_vcpu **vcpu);

/* The vCPU the calling thread runs, or NULL off vCPU threads. */
struct axv_posix_vcpu *axv_posix_vcpu_self(void);

#endif /* AXV_POSIX_VM_TABLE_H */
