/* The VMs: ids, lifecycle (create, start, stop, destroy), vCPU threads, and the lookup every
 * vmm op uses.
 *
 * Two kinds of callers reach a VM. The lifecycle functions serialise on `table_lock`. The
 * ops (injection from any thread, queries) must not: they look the VM up lock-free and hold
 * a *reference* while they use it (axv_posix_vm_get/put), and destroy waits for references
 * to drain before it frees the VM.
 *
 * A reference is a count per id slot. Lookup (R1) increments `users`, then (R2) loads the
 * slot's VM pointer; dropping it (P1) decrements, then (P2) loads the pointer again.
 * Destroy (D1) stores NULL in the slot, then (D2), under `table_lock`, waits until `users`
 * reads 0. All are seq_cst, so they fall in one total order:
 * - No VM is freed under a reader: a reader that found the VM did R1 and R2 before D1, so
 *   every D2 read before its P1 sees it counted. A lookup whose R2 follows D1 finds NULL
 *   and takes no reference.
 * - D2 is woken: if D2 reads a count above 0, the decrement that brings it to 0 comes later
 *   in the order, so after D1, and that reader's P2 finds NULL; it then locks, broadcasts
 *   and unlocks, which cannot fall between D2's read and its wait (D2 holds the lock).
 * A slot is reused only once its destroy is done, so a reference always belongs to the VM
 * its lookup saw.
 *
 * What a caller racing with a destroy of the same VM gets: either the op acts on the VM
 * while it still exists (AXV_OK; an interrupt so delivered, and its observer call, complete
 * before destroy returns, and are discarded with the VM) or AXV_ENOENT, as from the moment
 * destroy starts the id is unknown to every op. Never a crash, never another VM's vCPU. An
 * id names whatever VM holds it at lookup time, so an op on a destroyed VM's id after a
 * create reused it reaches the new VM, as ids are the lowest free.
 *
 * vCPU threads use their own VM without references: destroy joins them before freeing. */
#include <stdlib.h>
#include <string.h>

#include "pending.h"
#include "posix_parts.h"
#include "vm_table.h"

struct vm_slot {
    _Atomic(struct axv_posix_vm *) vm; /* NULL: unknown (never made, or being destroyed) */
    atomic_uint users;                 /* references held or being taken */
};

static struct vm_slot slots[AXV_POSIX_MAX_VMS];

/* Serialises the lifecycle; with `table_changed` it also carries every lifecycle wait:
 * a stopper waiting for another one's join, destroy waiting for references, shutdown
 * waiting for a destroy in progress. Broadcasts are rare, so one condvar for all is fine. */
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t table_changed = PTHREAD_COND_INITIALIZER;
/* Under table_lock: id taken, from create until its destroy has freed the VM. */
static bool owned[AXV_POSIX_MAX_VMS];

/* Written under table_lock by start/stop, read lock-free (acquire) by the ops. */
static atomic_bool started;

static _Thread_local struct axv_posix_vcpu *self;

bool axv_posix_vmm_started(void) {
    return atomic_load_explicit(&started, memory_order_acquire);
}

struct axv_posix_vcpu *axv_posix_vcpu_self(void) {
    return self;
}

bool axv_posix_vmm_on_vcpu_thread(void) {
    return self != NULL;
}

/* References ----------------------------------------------------------------------------- */

static void slot_put(struct vm_slot *slot) {
    if (atomic_fetch_sub(&slot->users, 1) == 1 && /* P1 */
        atomic_load(&slot->vm) == NULL) {         /* P2 */
        pthread_mutex_lock(&table_lock);
        pthread_cond_broadcast(&table_changed);
        pthread_mutex_unlock(&table_lock);
    }
}

struct axv_posix_vm *axv_posix_vm_get(axv_vm_id_t vm_id) {
    if (vm_id >= AXV_POSIX_MAX_VMS)
        return NULL;
    struct vm_slot *slot = &slots[vm_id];
    atomic_fetch_add(&slot->users, 1);                /* R1 */
    struct axv_posix_vm *vm = atomic_load(&slot->vm); /* R2 */
    if (vm == NULL)
        slot_put(slot);
    return vm;
}

void axv_posix_vm_put(struct axv_posix_vm *vm) {
    /* The id is read before the decrement, after which the VM may be freed. */
    slot_put(&slots[vm->id]);
}

int axv_posix_vcpu_get(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, struct axv_posix_vm **vm_out,
                       struct axv_posix_vcpu **vcpu_out) {
    if (!axv_posix_vmm_started())
        return AXV_EPERM;
    struct axv_posix_vm *vm = axv_posix_vm_get(vm_id);
    if (vm == NULL)
        return AXV_ENOENT;
    if (vcpu_id >= vm->num_vcpus) {
        axv_posix_vm_put(vm);
        return AXV_ENOENT;
    }
    *vm_out = vm;
    *vcpu_out = &vm->vcpus[vcpu_id];
    return AXV_OK;
}

/* Under table_lock: the VM holding @vm_id, or NULL. */
static struct axv_posix_vm *lookup_locked(axv_vm_id_t vm_id) {
    return vm_id < AXV_POSIX_MAX_VMS ? atomic_load(&slots[vm_id].vm) : NULL;
}

/* VMs ------------------------------------------------------------------------------------ */

static void free_vm(struct axv_posix_vm *vm, size_t initialised) {
    for (size_t i = 0; i < initialised; i++)
        axv_posix_pending_fini(&vm->vcpus[i]);
    free(vm);
}

static struct axv_posix_vm *alloc_vm(size_t num_vcpus, axv_posix_guest_fn guest, void *arg) {
    size_t size = sizeof(struct axv_posix_vm) + num_vcpus * sizeof(struct axv_posix_vcpu);
    size = (size + AXV_POSIX_CACHE_LINE - 1) / AXV_POSIX_CACHE_LINE * AXV_POSIX_CACHE_LINE;
    struct axv_posix_vm *vm = aligned_alloc(AXV_POSIX_CACHE_LINE, size);
    if (vm == NULL)
        return NULL;
    memset(vm, 0, size);
    vm->num_vcpus = num_vcpus;
    vm->guest = guest;
    vm->arg = arg;
    atomic_init(&vm->active, 0);
    atomic_init(&vm->stop, false);
    vm->state = AXV_POSIX_VM_CREATED;
    for (size_t i = 0; i < num_vcpus; i++) {
        vm->vcpus[i].vm = vm;
        vm->vcpus[i].id = i;
        if (axv_posix_pending_init(&vm->vcpus[i]) != AXV_OK) {
            free_vm(vm, i);
            return NULL;
        }
    }
    return vm;
}

int axv_posix_vm_create(size_t num_vcpus, axv_posix_guest_fn guest, void *arg, axv_vm_id_t *vm_id) {
    /* Checked again under the lock; this early check spares a refused call the allocation. */
    if (!axv_posix_vmm_started())
        return AXV_EPERM;
    if (num_vcpus == 0 || num_vcpus > AXV_POSIX_MAX_VCPUS || guest == NULL || vm_id == NULL)
        return AXV_EINVAL;
    struct axv_posix_vm *vm = alloc_vm(num_vcpus, guest, arg);
    if (vm == NULL)
        return AXV_ENOMEM;
    pthread_mutex_lock(&table_lock);
    int rc = AXV_ENOMEM;
    if (!atomic_load(&started)) {
        rc = AXV_EPERM;
    } else {
        for (axv_vm_id_t id = 0; id < AXV_POSIX_MAX_VMS; id++) {
            if (!owned[id]) {
                owned[id] = true;
                vm->id = id;
                /* Publishes the initialised VM to lock-free lookups (seq_cst store). */
                atomic_store(&slots[id].vm, vm);
                *vm_id = id;
                rc = AXV_OK;
                break;
            }
        }
    }
    pthread_mutex_unlock(&table_lock);
    if (rc != AXV_OK)
        free_vm(vm, num_vcpus);
    return rc;
}

/* The body of every vCPU thread: wait at the gate, then run the guest once. */
static void *vcpu_main(void *arg) {
    struct axv_posix_vcpu *vcpu = arg;
    struct axv_posix_vm *vm = vcpu->vm;
    pthread_mutex_lock(&vcpu->lock);
    while (vcpu->launch == AXV_POSIX_LAUNCH_WAIT)
        pthread_cond_wait(&vcpu->wake, &vcpu->lock);
    bool run = vcpu->launch == AXV_POSIX_LAUNCH_RUN;
    pthread_mutex_unlock(&vcpu->lock);
    if (!run)
        return NULL;
    const uint64_t bit = UINT64_C(1) << vcpu->id;
    self = vcpu;
    atomic_fetch_or(&vm->active, bit);
    vm->guest(vm->arg);
    atomic_fetch_and(&vm->active, ~bit);
    self = NULL;
    return NULL;
}

static void open_gate(struct axv_posix_vcpu *vcpu, enum axv_posix_launch launch) {
    pthread_mutex_lock(&vcpu->lock);
    vcpu->launch = launch;
    pthread_cond_signal(&vcpu->wake);
    pthread_mutex_unlock(&vcpu->lock);
}

int axv_posix_vm_start(axv_vm_id_t vm_id) {
    pthread_mutex_lock(&table_lock);
    struct axv_posix_vm *vm = lookup_locked(vm_id);
    int rc = AXV_OK;
    if (!atomic_load(&started))
        rc = AXV_EPERM;
    else if (vm == NULL)
        rc = AXV_ENOENT;
    else if (vm->state != AXV_POSIX_VM_CREATED)
        rc = AXV_EBUSY;
    if (rc != AXV_OK) {
        pthread_mutex_unlock(&table_lock);
        return rc;
    }
    /* The threads wait at their gate until all exist, so a failure part-way runs no guest:
     * the ones made are told to end and joined (they touch nothing but their gate, so
     * joining them under the table lock cannot deadlock), and the VM stays startable. */
    size_t made = 0;
    /* cppcheck-suppress nullPointerRedundantCheck ; a NULL vm set rc and returned above */
    while (made < vm->num_vcpus &&
           pthread_create(&vm->vcpus[made].thread, NULL, vcpu_main, &vm->vcpus[made]) == 0)
        made++;
    const bool all = made == vm->num_vcpus;
    for (size_t i = 0; i < made; i++)
        open_gate(&vm->vcpus[i], all ? AXV_POSIX_LAUNCH_RUN : AXV_POSIX_LAUNCH_ABORT);
    if (all) {
        vm->state = AXV_POSIX_VM_RUNNING;
    } else {
        for (size_t i = 0; i < made; i++) {
            (void)pthread_join(vm->vcpus[i].thread, NULL);
            vm->vcpus[i].launch = AXV_POSIX_LAUNCH_WAIT;
        }
        rc = AXV_ENOMEM;
    }
    pthread_mutex_unlock(&table_lock);
    return rc;
}

static void request_stop(struct axv_posix_vm *vm) {
    atomic_store(&vm->stop, true);
    for (size_t i = 0; i < vm->num_vcpus; i++)
        axv_posix_pending_kick(&vm->vcpus[i]);
}

/* Under table_lock, which it may drop and retake: asks the VM to stop and returns once its
 * threads are joined. One caller joins (without the lock, as guests may use the lifecycle
 * themselves); concurrent callers wait for it. The caller keeps @vm alive (a reference, or
 * being its destroyer). */
static void stop_locked(struct axv_posix_vm *vm) {
    request_stop(vm);
    switch (vm->state) {
    case AXV_POSIX_VM_CREATED:
        vm->state = AXV_POSIX_VM_STOPPED;
        break;
    case AXV_POSIX_VM_RUNNING:
        vm->state = AXV_POSIX_VM_STOPPING;
        pthread_mutex_unlock(&table_lock);
        for (size_t i = 0; i < vm->num_vcpus; i++)
            (void)pthread_join(vm->vcpus[i].thread, NULL);
        pthread_mutex_lock(&table_lock);
        vm->state = AXV_POSIX_VM_STOPPED;
        pthread_cond_broadcast(&table_changed);
        break;
    case AXV_POSIX_VM_STOPPING:
        while (vm->state != AXV_POSIX_VM_STOPPED)
            pthread_cond_wait(&table_changed, &table_lock);
        break;
    case AXV_POSIX_VM_STOPPED:
        break;
    }
}

/* Under table_lock, for a VM still published: makes its id unknown, stops it, waits for
 * references to drain, frees it and the id. */
static void destroy_locked(struct axv_posix_vm *vm) {
    struct vm_slot *slot = &slots[vm->id];
    atomic_store(&slot->vm, NULL); /* D1 */
    stop_locked(vm);
    while (atomic_load(&slot->users) != 0) /* D2 */
        pthread_cond_wait(&table_changed, &table_lock);
    owned[vm->id] = false;
    free_vm(vm, vm->num_vcpus);
    pthread_cond_broadcast(&table_changed); /* for a shutdown waiting on this id */
}

/* Under table_lock: the VM for stop/destroy, or the error to return. */
static int lifecycle_target(axv_vm_id_t vm_id, struct axv_posix_vm **out) {
    if (!atomic_load(&started))
        return AXV_EPERM;
    struct axv_posix_vm *vm = lookup_locked(vm_id);
    if (vm == NULL)
        return AXV_ENOENT;
    /* Joining its own thread would never return. */
    if (self != NULL && self->vm == vm)
        return AXV_EPERM;
    *out = vm;
    return AXV_OK;
}

/* A guest may stop or destroy another VM. Two guests doing that to each other's VMs would
 * each wait for the other's thread to end, like two threads joining each other: a bug of
 * the guest program, which the model does not detect. */
int axv_posix_vm_stop(axv_vm_id_t vm_id) {
    struct axv_posix_vm *vm = NULL;
    pthread_mutex_lock(&table_lock);
    int rc = lifecycle_target(vm_id, &vm);
    if (rc == AXV_OK) {
        /* A reference keeps the VM alive while the lock is dropped in stop_locked(). The
         * slot cannot change under the lock, so a plain increment suffices. */
        atomic_fetch_add(&slots[vm_id].users, 1);
        stop_locked(vm);
    }
    pthread_mutex_unlock(&table_lock);
    if (rc == AXV_OK)
        axv_posix_vm_put(vm);
    return rc;
}

int axv_posix_vm_destroy(axv_vm_id_t vm_id) {
    struct axv_posix_vm *vm = NULL;
    pthread_mutex_lock(&table_lock);
    int rc = lifecycle_target(vm_id, &vm);
    if (rc == AXV_OK)
        destroy_locked(vm);
    pthread_mutex_unlock(&table_lock);
    return rc;
}

/* The table's start and stop ------------------------------------------------------------ */

int axv_posix_vm_table_start(void) {
    pthread_mutex_lock(&table_lock);
    int rc = AXV_EBUSY;
    if (!atomic_load(&started)) {
        atomic_store_explicit(&started, true, memory_order_release);
        rc = AXV_OK;
    }
    pthread_mutex_unlock(&table_lock);
    return rc;
}

/* Joins every vCPU thread, so it must not run on one (axv_posix_shutdown() refuses to). */
size_t axv_posix_vm_table_stop(void) {
    size_t destroyed = 0;
    pthread_mutex_lock(&table_lock);
    /* From here on nothing new is created or started, and the ops answer AXV_EPERM. */
    atomic_store(&started, false);
    /* Every VM is asked first, so that a guest busy stopping another VM gets its join
     * back before its own VM is joined. */
    for (axv_vm_id_t id = 0; id < AXV_POSIX_MAX_VMS; id++) {
        struct axv_posix_vm *vm = lookup_locked(id);
        if (vm != NULL)
            request_stop(vm);
    }
    for (axv_vm_id_t id = 0; id < AXV_POSIX_MAX_VMS; id++) {
        struct axv_posix_vm *vm = lookup_locked(id);
        if (vm != NULL) {
            destroy_locked(vm);
            destroyed++;
        }
        /* A destroy begun elsewhere is waited for, so no thread is left when this returns. */
        while (owned[id])
            pthread_cond_wait(&table_changed, &table_lock);
    }
    pthread_mutex_unlock(&table_lock);
    return destroyed;
}
