/* lh vCPU table: a fixed array of VMs, each with its vCPUs inline. */
#include <stddef.h>

#include "lh.h"

static struct lh_vm vms[LH_MAX_VMS];
struct lh_vcpu *lh_current;
int lh_nr_cpus = 1;

struct lh_vm *lh_vm_create(int vmid, int nr_vcpus) {
    if (vmid <= 0 || nr_vcpus <= 0 || nr_vcpus > LH_MAX_VCPUS || lh_vm_lookup(vmid))
        return NULL;
    for (int i = 0; i < LH_MAX_VMS; i++) {
        struct lh_vm *vm = &vms[i];
        if (vm->vmid != 0)
            continue;
        vm->vmid = vmid;
        vm->nr_vcpus = nr_vcpus;
        for (int j = 0; j < nr_vcpus; j++)
            vm->vcpus[j] = (struct lh_vcpu){.id = j, .vm = vm, .state = LH_VCPU_READY};
        return vm;
    }
    return NULL;
}

struct lh_vm *lh_vm_lookup(int vmid) {
    for (int i = 0; i < LH_MAX_VMS; i++)
        if (vmid != 0 && vms[i].vmid == vmid)
            return &vms[i];
    return NULL;
}

int lh_vcpu_raise_irq(struct lh_vcpu *v, int irq) {
    if (irq < 0 || irq >= LH_NR_IRQS)
        return -1;
    v->irq_pending[irq / 32] |= 1u << (irq % 32);
    lh_stats.irqs_raised++;
    return 0;
}

int lh_vcpu_irq_pending(const struct lh_vcpu *v, int irq) {
    return irq >= 0 && irq < LH_NR_IRQS && (v->irq_pending[irq / 32] >> (irq % 32)) & 1u;
}
