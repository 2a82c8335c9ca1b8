/* The guest every vCPU runs (see main.c for what the run checks).
 *
 * The guest never spins: it halts until its next IPI period or an interrupt while the run
 * lasts, and until an interrupt or the VM's stop afterwards, so a thousand vCPU threads
 * leave the CPUs to whoever has work (the timer service above all). */
#define _POSIX_C_SOURCE 200809L

#include <axvisor_api/posix.h>

#include "vcpu.h"

struct options opts;
struct vcpu *vcpus;
atomic_bool running = true;

/* Halt without a deadline: only an interrupt or the VM's stop ends it. */
#define HALT_UNTIL_WOKEN UINT64_MAX

static struct vcpu *vcpu_of(size_t vm_index, axv_vcpu_id_t id) {
    return &vcpus[vm_index * opts.vcpus + id];
}

static void note(int *slot, int rc) {
    if (rc != AXV_OK && *slot == AXV_OK)
        *slot = rc;
}

static void on_timer(void *arg, axv_nanos_t now_ns) {
    struct vcpu *v = arg;
    /* Stored before the interrupt is raised, so the guest that takes it reads this run's. */
    atomic_store_explicit(&v->fired_at, now_ns, memory_order_relaxed);
    atomic_fetch_add_explicit(&v->timers_fired, 1, memory_order_relaxed);
    int rc = axv_vmm_notify_vcpu_timer_expired(v->vm, v->id);
    int none = AXV_OK;
    if (rc != AXV_OK)
        atomic_compare_exchange_strong(&v->callback_error, &none, rc);
}

static void arm_timer(struct vcpu *v, axv_nanos_t deadline) {
    v->deadline = deadline;
    int rc = axv_time_register_timer(deadline, on_timer, v, &v->timer);
    v->armed_to = axv_time_current_nanos();
    note(&v->error, rc);
    if (rc != AXV_OK)
        v->timer = 0;
}

/* Deadline to callback, for a timer armed before its deadline. A starved guest often arms
 * a deadline that has already passed; its callback then runs at once and says nothing about
 * the service, so it is only counted (probe.c times the service on its own). */
static void record_lateness(struct vcpu *v, axv_nanos_t fired) {
    if (v->deadline >= v->armed_to)
        latency_add(&v->lateness, fired > v->deadline ? fired - v->deadline : 0);
    else
        v->armed_late++;
}

static void handle_timer_irq(struct vcpu *v) {
    axv_nanos_t now = axv_time_current_nanos();
    atomic_fetch_add_explicit(&v->timer_irqs, 1, memory_order_relaxed);
    v->timer = 0;
    record_lateness(v, atomic_load_explicit(&v->fired_at, memory_order_relaxed));
    latency_add(&v->ack_latency, now >= v->deadline ? now - v->deadline : 0);
    if (!atomic_load(&running))
        return;
    /* Periodic from the previous deadline, without a backlog after a long stall. */
    axv_nanos_t next = v->deadline + opts.timer_period_ns;
    if (next <= now)
        next = now + opts.timer_period_ns;
    arm_timer(v, next);
}

static void receive_messages(struct vcpu *v) {
    uint64_t got = atomic_exchange_explicit(&v->mailbox, 0, memory_order_acquire);
    atomic_fetch_add_explicit(&v->messages_received, got, memory_order_relaxed);
}

static void post_message(struct vcpu *to) {
    atomic_fetch_add_explicit(&to->messages_sent_to, 1, memory_order_relaxed);
    /* Release: the receiver that drains this count after the IPI sees the message. */
    atomic_fetch_add_explicit(&to->mailbox, 1, memory_order_release);
}

static void send_ipis(struct vcpu *v, size_t round) {
    if (v->vm_vcpus < 2)
        return;
    /* Unicast to the next vCPU in turn, skipping ourselves. */
    axv_vcpu_id_t target = (v->id + 1 + round % (v->vm_vcpus - 1)) % v->vm_vcpus;
    post_message(vcpu_of(v->vm_index, target));
    v->messages_sent++;
    note(&v->error, axv_vmm_inject_interrupt(v->vm, target, SGI_UNICAST));

    /* Broadcast to every other vCPU of the VM. */
    uint64_t mask = (v->vm_vcpus == 64 ? ~UINT64_C(0) : (UINT64_C(1) << v->vm_vcpus) - 1) &
                    ~(UINT64_C(1) << v->id);
    for (uint64_t left = mask; left != 0; left &= left - 1u) {
        post_message(vcpu_of(v->vm_index, (axv_vcpu_id_t)__builtin_ctzll(left)));
        v->messages_sent++;
    }
    note(&v->error, axv_vmm_inject_interrupt_to_vcpus(v->vm, mask, SGI_BROADCAST));
}

/* Settles this vCPU's armed timer: a cancelled timer never fires; one that already fired
 * (AXV_ENOENT) is handled when its interrupt arrives, which clears v->timer. Only with no
 * timer outstanding does the vCPU count as quiesced. */
static void quiesce(struct vcpu *v) {
    if (v->timer != 0) {
        int rc = axv_time_cancel_timer(v->timer);
        if (rc == AXV_OK)
            v->timer = 0;
        else if (rc != AXV_ENOENT)
            note(&v->error, rc);
    }
    if (v->timer == 0)
        atomic_store(&v->quiesced, true);
}

static void take_interrupts(struct vcpu *v) {
    axv_irq_t irq;
    while ((irq = axv_posix_guest_ack()) != AXV_POSIX_SPURIOUS_IRQ) {
        if (irq == AXV_POSIX_DEFAULT_VTIMER_IRQ) {
            handle_timer_irq(v);
        } else if (irq == SGI_UNICAST) {
            v->unicast_irqs++;
            receive_messages(v);
        } else if (irq == SGI_BROADCAST) {
            v->broadcast_irqs++;
            receive_messages(v);
        } else if (irq != SGI_QUIESCE) {
            v->unexpected_irqs++;
        }
    }
}

void guest(void *arg) {
    (void)arg;
    struct vcpu *v = vcpu_of(axv_vmm_current_vm_id() - vcpus[0].vm, axv_vmm_current_vcpu_id());

    axv_nanos_t now = axv_time_current_nanos();
    arm_timer(v, now + opts.timer_period_ns);
    axv_nanos_t next_ipi = now + opts.ipi_period_ns;
    size_t round = 0;

    while (!axv_posix_guest_should_stop()) {
        /* While the run lasts, until the next IPI is due; afterwards until woken: by an
         * interrupt still in flight, SGI_QUIESCE, or the stop. */
        axv_nanos_t wait = HALT_UNTIL_WOKEN;
        if (atomic_load(&running)) {
            now = axv_time_current_nanos();
            wait = next_ipi > now ? next_ipi - now : 0;
        }
        (void)axv_posix_guest_halt(wait);
        take_interrupts(v);
        if (atomic_load(&running)) {
            now = axv_time_current_nanos();
            if (now >= next_ipi) {
                send_ipis(v, round++);
                next_ipi = now + opts.ipi_period_ns;
            }
        } else if (!atomic_load(&v->quiesced)) {
            quiesce(v);
        }
    }
    receive_messages(v);
}
