/* The data of the VM model of the POSIX platform: a VM and its vCPUs. Types only; the
 * functions over them are in vm_table.h (VMs, ids, vCPU threads), pending.h (each vCPU's
 * pending interrupts and its halt) and delivery.h (injection). */
#ifndef AXV_POSIX_VMM_MODEL_H
#define AXV_POSIX_VMM_MODEL_H

#include <pthread.h>
#include <stdatomic.h>

#include <axvisor_api/posix.h>

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
    /* GIC style VMs only: the vCPU's hvip as the riscv ops leave it (VSSIP, VSTIP, VSEIP:
     * all below bit 32), written only by the vCPU's own thread (those ops act on the calling
     * hart), read by observers; RISC-V style VMs keep hvip in `pending` (vcpu_irq.c). Beside
     * `launch`, where it costs no padding. */
    _Atomic uint32_t vs_pending;
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

#endif /* AXV_POSIX_VMM_MODEL_H */
