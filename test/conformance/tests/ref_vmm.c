/* Reference vmm: two VMs whose vCPUs keep a pending bit per INTID. Asynchronous mode models a
 * hypervisor that reaches other CPUs by message: an injection is posted, and the posts become
 * pending a few idle steps later, as if the target CPU took its kick then. */
#include <stdint.h>

#include "ref_internal.h"

#define MAX_VCPUS 4u
#define NUM_INTIDS 1020u /* 1020-1023 are special INTIDs, never injected */
#define VTIMER_PPI 27u
#define FIRST_SPI 32u
/* Idle steps between the latest post and its delivery, in asynchronous mode. */
#define ASYNC_DELAY_STEPS 3u

struct ref_vm {
    size_t vcpus;
    uint64_t active;
    uint64_t pending[MAX_VCPUS][(NUM_INTIDS + 63u) / 64u];
    uint64_t posted[MAX_VCPUS][(NUM_INTIDS + 63u) / 64u]; /* asynchronous mode: in flight */
};

static struct ref_vm vms[2];
static unsigned steps_to_delivery; /* 0: nothing in flight */

void ref_vmm_reset(void) {
    static const size_t vcpus[2] = {REF_VM0_VCPUS, REF_VM1_VCPUS};
    static const uint64_t active[2] = {0x3u, 0x1u};
    for (size_t v = 0; v < 2; v++) {
        vms[v].vcpus = vcpus[v];
        vms[v].active = active[v];
        for (size_t c = 0; c < MAX_VCPUS; c++)
            for (size_t w = 0; w < (NUM_INTIDS + 63u) / 64u; w++)
                vms[v].pending[c][w] = vms[v].posted[c][w] = 0;
    }
    steps_to_delivery = 0;
}

static struct ref_vm *find_vm(axv_vm_id_t id) {
    return id < 2 ? &vms[id] : NULL;
}

static void set_pending(struct ref_vm *vm, axv_vcpu_id_t vcpu, axv_irq_t irq) {
    vm->pending[vcpu][irq / 64u] |= UINT64_C(1) << (irq % 64u);
}

/* vCPU 0 is the one "on this CPU": the asynchronous modes reach the others by message. */
static void deliver(struct ref_vm *vm, axv_vcpu_id_t vcpu, axv_irq_t irq) {
    bool remote = vcpu != 0;
    if (remote && ref_cfg.fault == REF_FAULT_REMOTE_INJECT_LOST)
        return;
    if (!remote || !ref_cfg.async_inject) {
        set_pending(vm, vcpu, irq);
        return;
    }
    vm->posted[vcpu][irq / 64u] |= UINT64_C(1) << (irq % 64u);
    steps_to_delivery = ASYNC_DELAY_STEPS;
}

void ref_vmm_step(void) {
    if (steps_to_delivery == 0 || --steps_to_delivery != 0)
        return;
    for (size_t v = 0; v < 2; v++)
        for (size_t c = 0; c < MAX_VCPUS; c++)
            for (size_t w = 0; w < (NUM_INTIDS + 63u) / 64u; w++) {
                vms[v].pending[c][w] |= vms[v].posted[c][w];
                vms[v].posted[c][w] = 0;
            }
}

static axv_vm_id_t current_vm_id(void) {
    return 0;
}

static axv_vcpu_id_t current_vcpu_id(void) {
    return 0;
}

static int vcpu_num(axv_vm_id_t vm_id, size_t *num) {
    if (num == NULL)
        return AXV_EINVAL;
    struct ref_vm *vm = find_vm(vm_id);
    if (vm == NULL) {
        if (ref_cfg.fault != REF_FAULT_BAD_VM_NOT_ENOENT)
            return AXV_ENOENT;
        *num = 0;
        return AXV_OK;
    }
    *num = vm->vcpus;
    return AXV_OK;
}

static int active_vcpus(axv_vm_id_t vm_id, uint64_t *mask) {
    if (mask == NULL)
        return AXV_EINVAL;
    struct ref_vm *vm = find_vm(vm_id);
    if (vm == NULL)
        return AXV_ENOENT;
    *mask = vm->active;
    return AXV_OK;
}

/* The vCPU an injection named, or where the VM routes a shared INTID; -1: refused. */
static long target_of(const struct ref_vm *vm, axv_vcpu_id_t named, axv_irq_t irq) {
    if (irq < FIRST_SPI || ref_cfg.spi_mode == REF_SPI_TO_VCPU)
        return (long)named;
    return ref_cfg.spi_mode == REF_SPI_REFUSED ? -1 : (long)vm->vcpus - 1;
}

static int inject_interrupt(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, axv_irq_t irq) {
    struct ref_vm *vm = find_vm(vm_id);
    if (vm == NULL || vcpu_id >= vm->vcpus)
        return AXV_ENOENT;
    long target = target_of(vm, vcpu_id, irq);
    if (irq >= NUM_INTIDS || target < 0)
        return AXV_EINVAL;
    if (ref_cfg.fault == REF_FAULT_INJECT_LOSES_IRQ)
        return AXV_OK;
    if (irq >= FIRST_SPI && ref_cfg.spi_mode == REF_SPI_TO_ALL) {
        for (axv_vcpu_id_t v = 0; v < vm->vcpus; v++)
            deliver(vm, v, irq);
        return AXV_OK;
    }
    deliver(vm, (axv_vcpu_id_t)target, irq);
    return AXV_OK;
}

static int inject_interrupt_to_vcpus(axv_vm_id_t vm_id, uint64_t vcpu_mask, axv_irq_t irq) {
    struct ref_vm *vm = find_vm(vm_id);
    if (vm == NULL || (vcpu_mask >> vm->vcpus) != 0)
        return AXV_ENOENT;
    if (irq >= NUM_INTIDS || target_of(vm, 0, irq) < 0)
        return AXV_EINVAL;
    for (axv_vcpu_id_t v = 0; v < vm->vcpus; v++)
        if ((vcpu_mask >> v) & 1u)
            deliver(vm, (axv_vcpu_id_t)target_of(vm, v, irq), irq);
    return AXV_OK;
}

static int notify_vcpu_timer_expired(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id) {
    struct ref_vm *vm = find_vm(vm_id);
    if (vm == NULL || vcpu_id >= vm->vcpus)
        return AXV_ENOENT;
    deliver(vm, vcpu_id, VTIMER_PPI);
    return AXV_OK;
}

bool ref_irq_pending(void *ctx, axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, axv_irq_t irq) {
    (void)ctx;
    struct ref_vm *vm = find_vm(vm_id);
    if (vm == NULL || vcpu_id >= vm->vcpus || irq >= NUM_INTIDS)
        return false;
    uint64_t bit = UINT64_C(1) << (irq % 64u);
    bool was = (vm->pending[vcpu_id][irq / 64u] & bit) != 0;
    vm->pending[vcpu_id][irq / 64u] &= ~bit;
    return was;
}

const struct axv_vmm_ops *ref_vmm_table(bool native_to_vcpus) {
    static struct axv_vmm_ops ops;
    ops = (struct axv_vmm_ops){
        .hdr = AXV_OPS_HDR_INIT(struct axv_vmm_ops),
        .current_vm_id = current_vm_id,
        .current_vcpu_id = current_vcpu_id,
        .vcpu_num = vcpu_num,
        .active_vcpus = active_vcpus,
        .inject_interrupt = inject_interrupt,
        .inject_interrupt_to_vcpus = native_to_vcpus ? inject_interrupt_to_vcpus : NULL,
        .notify_vcpu_timer_expired = notify_vcpu_timer_expired,
    };
    return &ops;
}
