/* The VM model shared by the vmm parts of the POSIX platform (vm_table.c: VMs, ids and vCPU
 * threads; pending.c: each vCPU's pending interrupts and its halt/wake-up; guest.c: the
 * guest side; vmm.c: the vmm ops) and by gic.c (the modelled GICv3 and hardware injection). */
#ifndef AXV_POSIX_VMM_MODEL_H
#define AXV_POSIX_VMM_MODEL_H

#include <pthread.h>
#include <stdatomic.h>

#include "posix_internal.h"

/* 64-bit words holding one pending bit per INTID 0..1019. */
#define AXV_POSIX_PENDING_WORDS ((AXV_POSIX_NUM_INTIDS + 63u) / 64u)

/* Keeps each vCPU's hot data (written by injectors on every thread) off its neighbours'
 * cache lines. */
#define AXV_POSIX_CACHE_LINE 64u

/* What the vCPU thread does once the VM's start has created every thread. */
enum axv_posix_launch {
    AXV_POSIX_LAUNCH_WAIT,  /* start is still creating threads */
    AXV_POSIX_LAUNCH_RUN,   /* every thread exists: run the guest */
    AXV_POSIX_LAUNCH_ABORT, /* a thread could not be created: end without running it */
};

struct axv_posix_vm;

struct axv_posix_vcpu {
    /* Bit (irq % 64) of word (irq / 64) is set while INTID irq is pending. Set with
     * fetch-or by any thread, cleared with fetch-and by ack and take_pending. */
    _Alignas(AXV_POSIX_CACHE_LINE) _Atomic uint64_t pending[AXV_POSIX_PENDING_WORDS];
    /* True while the vCPU is inside halt and may sleep on `wake`: an injector that sees it
     * takes `lock` to signal (pending.c explains why no wake-up is lost). */
    atomic_bool sleeping;
    pthread_mutex_t lock;
    pthread_cond_t wake; /* CLOCK_MONOTONIC, for halt's deadline */
    /* Under `lock`: the start gate (enum axv_posix_launch). */
    int launch;
    struct axv_posix_vm *vm;
    axv_vcpu_id_t id;
    pthread_t thread;
};

/* VM lifecycle, under the table lock (vm_table.c). */
enum axv_posix_vm_state {
    AXV_POSIX_VM_CREATED,  /* no thread yet */
    AXV_POSIX_VM_RUNNING,  /* threads started, not being joined */
    AXV_POSIX_VM_STOPPING, /* one stopper is joining the threads, without the lock */
    AXV_POSIX_VM_STOPPED,  /* stopped (or stopped before it started): final */
};

struct axv_posix_vm {
    axv_vm_id_t id;
    size_t num_vcpus;
    axv_posix_guest_fn guest;
    void *arg;
    /* Bit i set while vCPU i's guest runs. */
    _Atomic uint64_t active;
    /* Set once by stop, before the vCPUs are kicked; never cleared. */
    atomic_bool stop;
    enum axv_posix_vm_state state;
    struct axv_posix_vcpu vcpus[];
};

/* vm_table.c ----------------------------------------------------------------------------- */

/* True between axv_posix_vmm_start() and axv_posix_vmm_stop(); loaded with acquire, so the
 * configuration stored by the start is visible to a caller that saw true. */
bool axv_posix_vmm_started(void);
/* The INTID notify_vcpu_timer_expired delivers. */
axv_irq_t axv_posix_vmm_vtimer_irq(void);

/* Looks a VM up and holds a reference to it, or answers NULL for an unknown id. While the
 * reference is held the VM is not freed (destroy waits for it), so its fields and vCPUs may
 * be used; references may nest. Lock-free; any thread. */
struct axv_posix_vm *axv_posix_vm_get(axv_vm_id_t vm_id);
/* Drops a reference from axv_posix_vm_get(). */
void axv_posix_vm_put(struct axv_posix_vm *vm);

/* The vCPU the calling thread runs, or NULL off vCPU threads. */
struct axv_posix_vcpu *axv_posix_vcpu_self(void);

/* pending.c ------------------------------------------------------------------------------ */

/* Sets up and tears down a vCPU's interrupt state (nothing pending). */
int axv_posix_pending_init(struct axv_posix_vcpu *vcpu);
void axv_posix_pending_fini(struct axv_posix_vcpu *vcpu);
/* Makes @irq (< AXV_POSIX_NUM_INTIDS) pending and wakes the vCPU if it is halted. */
void axv_posix_pending_raise(struct axv_posix_vcpu *vcpu, axv_irq_t irq);
/* Clears @irq; true when it was pending. */
bool axv_posix_pending_take(struct axv_posix_vcpu *vcpu, axv_irq_t irq);
/* Clears and returns the lowest pending INTID, or AXV_POSIX_SPURIOUS_IRQ. */
axv_irq_t axv_posix_pending_ack(struct axv_posix_vcpu *vcpu);
/* Halt: waits until an interrupt is pending (AXV_OK), *stop is set (AXV_EPERM) or
 * @timeout_ns passed (AXV_EBUSY). Only on the vCPU's own thread. */
int axv_posix_pending_wait(struct axv_posix_vcpu *vcpu, const atomic_bool *stop,
                           axv_nanos_t timeout_ns);
/* Wakes the vCPU if it is halted, so it sees a stop request stored before the call. */
void axv_posix_pending_kick(struct axv_posix_vcpu *vcpu);

/* vmm.c ---------------------------------------------------------------------------------- */

/* Makes @irq pending on @vcpu of the referenced @vm and calls the delivery observer. The
 * INTID must have been checked with axv_posix_gic_intid_valid(). */
void axv_posix_vmm_deliver(struct axv_posix_vm *vm, struct axv_posix_vcpu *vcpu, axv_irq_t irq);

/* gic.c ---------------------------------------------------------------------------------- */

/* Takes the GIC facts of a configuration (called by axv_posix_vmm_start()). */
void axv_posix_gic_configure(const struct axv_posix_resolved *config);
/* True for an INTID the modelled GIC can deliver: an SGI, a PPI or a modelled SPI. */
bool axv_posix_gic_intid_valid(axv_irq_t irq);

#endif /* AXV_POSIX_VMM_MODEL_H */
