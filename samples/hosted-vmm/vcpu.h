/* The guest every vCPU of hosted-vmm runs, its timer callback, and the state they share with
 * main.c (which starts the run, ends it and checks the counts). */
#ifndef HOSTED_VMM_VCPU_H
#define HOSTED_VMM_VCPU_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <axvisor_api/axvisor_api.h>

#include "options.h"
#include "stats.h"

#define SGI_UNICAST 1u
#define SGI_BROADCAST 2u
/* The "stop sending" doorbell main.c rings once `running` is false, so that a vCPU halted
 * until its next IPI period quiesces at once. */
#define SGI_QUIESCE 3u

/* Everything one vCPU's guest and its timer callback share. Counters another thread reads
 * while the guest runs are atomics; the rest belongs to the vCPU thread until it is joined. */
struct vcpu {
    axv_vm_id_t vm;
    axv_vcpu_id_t id;
    size_t vm_index; /* 0..opts.vms-1 */
    size_t vm_vcpus;

    _Atomic uint64_t mailbox; /* messages sent to this vCPU, not yet received */
    _Atomic uint64_t messages_sent_to;
    _Atomic uint64_t messages_received;
    uint64_t messages_sent;
    uint64_t unicast_irqs;
    uint64_t broadcast_irqs;

    axv_timer_token_t timer;       /* 0: no timer armed */
    axv_nanos_t deadline;          /* of the armed timer */
    axv_nanos_t armed_to;          /* the clock once registering it returned */
    _Atomic axv_nanos_t fired_at;  /* when its callback ran */
    _Atomic uint64_t timers_fired; /* callbacks run */
    _Atomic int callback_error;    /* first error the callback saw */
    _Atomic uint64_t timer_irqs;   /* timer interrupts the guest handled */
    /* Deadline to callback, for timers armed before their deadline; the others counted. */
    struct latency_hist lateness;
    uint64_t armed_late;
    /* Deadline to the guest's acknowledgement, written by the guest. */
    struct latency_hist ack_latency;

    uint64_t unexpected_irqs;
    int error;            /* first error of the guest itself */
    atomic_bool quiesced; /* sends nothing more, and no timer of its is armed */
};

extern struct options opts;
extern struct vcpu *vcpus;  /* opts.vms * opts.vcpus, VM-major */
extern atomic_bool running; /* false: quiesce, then drain */

/* The guest: axv_posix_vm_create()'s guest function (arg unused). */
void guest(void *arg);

#endif /* HOSTED_VMM_VCPU_H */
