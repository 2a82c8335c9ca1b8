/*
 * hosted-vmm: a tiny hypervisor on the POSIX platform, booted the way a real one is.
 *
 * It installs the platform, seals the registry, and runs VMs whose vCPUs (threads) each
 *  - keep a periodic virtual timer: axv_time_register_timer() for the next deadline; the
 *    callback calls axv_vmm_notify_vcpu_timer_expired(), which makes the vtimer PPI pending;
 *    the guest acknowledges it, measures the latency from deadline to acknowledgement and
 *    arms the next period;
 *  - send IPIs to the other vCPUs of their VM: one target at a time with
 *    axv_vmm_inject_interrupt() (SGI 1) and all of them at once with
 *    axv_vmm_inject_interrupt_to_vcpus() (SGI 2).
 *
 * Interrupts are level-like pending bits, so two IPIs may merge into one. Each IPI is
 * therefore a doorbell for a message counter (incremented before the injection, drained by
 * the receiver): a merged interrupt loses no message. At the end every vCPU quiesces (stops
 * sending, and settles its armed timer: cancelled, or fired and handled), then the mailboxes
 * drain, and only then are the VMs destroyed; the sample checks that every message and
 * every expired timer was received. It exits 0 only if nothing was lost.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/posix.h>

#include "options.h"
#include "stats.h"

#define SGI_UNICAST 1u
#define SGI_BROADCAST 2u

/* Everything one vCPU's guest and its timer callback share. Counters written by one side
 * and read by the other are atomics; the rest belongs to the vCPU thread. */
struct vcpu {
    axv_vm_id_t vm;
    axv_vcpu_id_t id;
    size_t vm_vcpus;

    _Atomic uint64_t mailbox; /* messages sent to this vCPU, not yet received */
    _Atomic uint64_t messages_sent_to;
    uint64_t messages_received;
    uint64_t messages_sent;
    uint64_t unicast_irqs;
    uint64_t broadcast_irqs;

    axv_timer_token_t timer;       /* 0: no timer armed */
    _Atomic axv_nanos_t deadline;  /* of the armed timer; read by the callback */
    _Atomic uint64_t timers_fired; /* callbacks run */
    _Atomic int callback_error;    /* first error the callback saw */
    uint64_t timer_irqs;
    struct latency_samples latency;

    uint64_t unexpected_irqs;
    int error;            /* first error of the guest itself */
    atomic_bool quiesced; /* sends nothing more, and no timer of its is armed */
};

static struct options opts;
static struct vcpu *vcpus;         /* opts.vms * opts.vcpus, VM-major */
static atomic_bool running = true; /* false: quiesce, then drain */

static struct vcpu *vcpu_of(axv_vm_id_t vm_index, axv_vcpu_id_t id) {
    return &vcpus[vm_index * opts.vcpus + id];
}

static void note(int *slot, int rc) {
    if (rc != AXV_OK && *slot == AXV_OK)
        *slot = rc;
}

static void on_timer(void *arg, axv_nanos_t now_ns) {
    struct vcpu *v = arg;
    (void)now_ns;
    atomic_fetch_add_explicit(&v->timers_fired, 1, memory_order_relaxed);
    int rc = axv_vmm_notify_vcpu_timer_expired(v->vm, v->id);
    int none = AXV_OK;
    if (rc != AXV_OK)
        atomic_compare_exchange_strong(&v->callback_error, &none, rc);
}

static void arm_timer(struct vcpu *v, axv_nanos_t deadline) {
    /* The deadline is published before the timer exists, so the callback can never read
     * the previous period's deadline. */
    atomic_store_explicit(&v->deadline, deadline, memory_order_relaxed);
    int rc = axv_time_register_timer(deadline, on_timer, v, &v->timer);
    note(&v->error, rc);
    if (rc != AXV_OK)
        v->timer = 0;
}

static void handle_timer_irq(struct vcpu *v) {
    axv_nanos_t now = axv_time_current_nanos();
    axv_nanos_t deadline = atomic_load_explicit(&v->deadline, memory_order_relaxed);
    v->timer_irqs++;
    v->timer = 0;
    latency_add(&v->latency, now >= deadline ? now - deadline : 0);
    if (!atomic_load(&running))
        return;
    /* Periodic from the previous deadline, without a backlog after a long stall. */
    axv_nanos_t next = deadline + opts.timer_period_ns;
    if (next <= now)
        next = now + opts.timer_period_ns;
    arm_timer(v, next);
}

static void receive_messages(struct vcpu *v) {
    v->messages_received += atomic_exchange_explicit(&v->mailbox, 0, memory_order_acquire);
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
    post_message(vcpu_of(v->vm - vcpus[0].vm, target));
    v->messages_sent++;
    note(&v->error, axv_vmm_inject_interrupt(v->vm, target, SGI_UNICAST));

    /* Broadcast to every other vCPU of the VM. */
    uint64_t mask = (v->vm_vcpus == 64 ? ~UINT64_C(0) : (UINT64_C(1) << v->vm_vcpus) - 1) &
                    ~(UINT64_C(1) << v->id);
    for (axv_vcpu_id_t i = 0; i < v->vm_vcpus; i++) {
        if (mask & (UINT64_C(1) << i)) {
            post_message(vcpu_of(v->vm - vcpus[0].vm, i));
            v->messages_sent++;
        }
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

static void guest(void *arg) {
    (void)arg;
    axv_vm_id_t vm = axv_vmm_current_vm_id();
    axv_vcpu_id_t id = axv_vmm_current_vcpu_id();
    struct vcpu *v = vcpu_of(vm - vcpus[0].vm, id);

    axv_nanos_t now = axv_time_current_nanos();
    arm_timer(v, now + opts.timer_period_ns);
    axv_nanos_t next_ipi = now + opts.ipi_period_ns;
    size_t round = 0;

    while (!axv_posix_guest_should_stop()) {
        now = axv_time_current_nanos();
        axv_nanos_t wait = next_ipi > now ? next_ipi - now : 0;
        (void)axv_posix_guest_halt(wait);

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
            } else {
                v->unexpected_irqs++;
            }
        }
        now = axv_time_current_nanos();
        if (atomic_load(&running)) {
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

static size_t num_vcpus(void) {
    return opts.vms * opts.vcpus;
}

/* Every vCPU quiesced, everything sent received, every expired timer handled. */
static bool drained(void) {
    for (size_t i = 0; i < num_vcpus(); i++) {
        struct vcpu *v = &vcpus[i];
        if (!atomic_load(&v->quiesced))
            return false;
    }
    for (size_t i = 0; i < num_vcpus(); i++) {
        struct vcpu *v = &vcpus[i];
        if (atomic_load(&v->mailbox) != 0 || atomic_load(&v->timers_fired) != v->timer_irqs)
            return false;
    }
    return true;
}

static void sleep_ns(axv_nanos_t ns) {
    struct timespec ts = {.tv_sec = (time_t)(ns / 1000000000u),
                          .tv_nsec = (long)(ns % 1000000000u)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static void progress(axv_nanos_t elapsed, bool last) {
    uint64_t timers = 0, messages = 0;
    for (size_t i = 0; i < num_vcpus(); i++) {
        timers += atomic_load(&vcpus[i].timers_fired);
        messages += atomic_load(&vcpus[i].messages_sent_to);
    }
    /* A progress line that cannot be written is no reason to stop the VMs. */
    (void)fprintf(stderr,
                  "\rhosted-vmm: %5.1f / %.1f s, %llu timer interrupts, %llu IPI messages%s",
                  (double)elapsed / 1e9, (double)opts.duration_ns / 1e9, (unsigned long long)timers,
                  (unsigned long long)messages, last ? "\n" : "");
}

static int fail(const char *what, int rc) {
    (void)fprintf(stderr, "hosted-vmm: %s: %s\n", what, axv_strerror(rc));
    return 1;
}

/* Boot: platform up, tables installed, registry sealed, as a hypervisor does. */
static int boot(void) {
    int rc = axv_posix_init(NULL);
    if (rc != AXV_OK)
        return fail("axv_posix_init", rc);
    rc = axv_platform_install(&axv_posix_platform);
    if (rc != AXV_OK)
        return fail("axv_platform_install", rc);
    rc = axv_api_seal();
    printf("hosted-vmm: platform \"%s\" installed, registry sealed (%s); %zu host CPUs\n",
           axv_posix_platform.name, axv_strerror(rc), axv_host_cpu_num());
    if (rc != AXV_OK)
        return fail("axv_api_seal", rc);
    return 0;
}

/* opts.vms VMs of opts.vcpus vCPUs each, their ids in vm_ids, with the vCPUs' state. */
static int create_vms(axv_vm_id_t *vm_ids) {
    vcpus = calloc(num_vcpus(), sizeof(*vcpus));
    if (vcpus == NULL)
        return fail("allocating vCPU state", AXV_ENOMEM);
    for (size_t vm = 0; vm < opts.vms; vm++) {
        int rc = axv_posix_vm_create(opts.vcpus, guest, NULL, &vm_ids[vm]);
        if (rc != AXV_OK)
            return fail("axv_posix_vm_create", rc);
        if (vm_ids[vm] != vm_ids[0] + vm)
            return fail("VM ids are not consecutive", AXV_EINVAL);
        for (size_t i = 0; i < opts.vcpus; i++) {
            struct vcpu *v = vcpu_of(vm, i);
            v->vm = vm_ids[vm];
            v->id = i;
            v->vm_vcpus = opts.vcpus;
            if (!latency_init(&v->latency, opts.duration_ns / opts.timer_period_ns + 64))
                return fail("allocating latency samples", AXV_ENOMEM);
        }
    }
    return 0;
}

/* Lets the VMs run for opts.duration_ns, showing progress if asked. */
static void run_for_duration(void) {
    axv_nanos_t start = axv_time_current_nanos();
    for (;;) {
        axv_nanos_t elapsed = axv_time_current_nanos() - start;
        if (elapsed >= opts.duration_ns)
            break;
        if (opts.progress)
            progress(elapsed, false);
        axv_nanos_t left = opts.duration_ns - elapsed;
        sleep_ns(left < 100000000u ? left : 100000000u);
    }
    if (opts.progress)
        progress(opts.duration_ns, true);
}

/* Prints one vCPU's row of the table; false when something was lost or wrong on it. */
static bool report_vcpu(struct vcpu *v) {
    uint64_t fired = atomic_load(&v->timers_fired);
    uint64_t sent_to = atomic_load(&v->messages_sent_to);
    char ipis[2 * 20 + 2]; /* two 64-bit counts, '/', NUL: never truncated */
    (void)snprintf(ipis, sizeof(ipis), "%llu/%llu", (unsigned long long)v->unicast_irqs,
                   (unsigned long long)v->broadcast_irqs);
    printf("%-3zu %-4zu %10llu %10llu %10llu %10llu %10s %12.1f %12.1f\n", (size_t)v->vm,
           (size_t)v->id, (unsigned long long)v->timer_irqs, (unsigned long long)fired,
           (unsigned long long)v->messages_received, (unsigned long long)v->messages_sent, ipis,
           latency_percentile(&v->latency, 50) / 1e3, latency_percentile(&v->latency, 99) / 1e3);
    int cb_error = atomic_load(&v->callback_error);
    bool ok = v->timer_irqs == fired && v->messages_received == sent_to && v->timer_irqs != 0 &&
              v->unexpected_irqs == 0 && v->error == AXV_OK && cb_error == AXV_OK;
    if (!ok)
        printf("    LOST or wrong on VM %zu vCPU %zu: %llu of %llu timers handled, %llu of "
               "%llu messages received, %llu unexpected interrupts, guest: %s, "
               "timer callback: %s\n",
               (size_t)v->vm, (size_t)v->id, (unsigned long long)v->timer_irqs,
               (unsigned long long)fired, (unsigned long long)v->messages_received,
               (unsigned long long)sent_to, (unsigned long long)v->unexpected_irqs,
               axv_strerror(v->error), axv_strerror(cb_error));
    latency_free(&v->latency);
    return ok;
}

int main(int argc, char **argv) {
    int parsed = options_parse(argc, argv, &opts);
    if (parsed <= 0)
        return parsed < 0 ? 2 : 0;
    int status = boot();
    if (status != 0)
        return status;
    axv_vm_id_t vm_ids[AXV_POSIX_MAX_VMS];
    status = create_vms(vm_ids);
    if (status != 0)
        return status;
    printf("hosted-vmm: %zu VMs x %zu vCPUs, timer period %llu us, IPI period %llu us, "
           "%.1f s\n",
           opts.vms, opts.vcpus, (unsigned long long)(opts.timer_period_ns / 1000),
           (unsigned long long)(opts.ipi_period_ns / 1000), (double)opts.duration_ns / 1e9);
    for (size_t vm = 0; vm < opts.vms; vm++) {
        int rc = axv_posix_vm_start(vm_ids[vm]);
        if (rc != AXV_OK)
            return fail("axv_posix_vm_start", rc);
    }
    run_for_duration();

    /* Quiesce and drain: no new messages or periods, then wait until everything sent has
     * arrived; only then may the VMs go. */
    atomic_store(&running, false);
    axv_nanos_t drain_deadline = axv_time_current_nanos() + 2000000000u;
    bool quiet = false;
    while (!(quiet = drained()) && axv_time_current_nanos() < drain_deadline)
        sleep_ns(1000000u);
    for (size_t vm = 0; vm < opts.vms; vm++) {
        int rc = axv_posix_vm_destroy(vm_ids[vm]);
        if (rc != AXV_OK)
            return fail("axv_posix_vm_destroy", rc);
    }
    struct axv_posix_shutdown_report report;
    int rc = axv_posix_shutdown(&report);
    if (rc != AXV_OK)
        return fail("axv_posix_shutdown", rc);

    bool ok = quiet;
    printf("\n%-3s %-4s %10s %10s %10s %10s %10s %12s %12s\n", "VM", "vCPU", "timer irq", "expired",
           "msgs recv", "msgs sent", "IPIs (1/2)", "lat p50 us", "lat p99 us");
    for (size_t i = 0; i < num_vcpus(); i++)
        ok = report_vcpu(&vcpus[i]) && ok;
    printf("shutdown: %zu timers pending, %zu VMs left, %zu frames in use\n", report.timers_pending,
           report.vms_destroyed, report.frames_in_use);
    if (report.timers_pending != 0 || report.vms_destroyed != 0 || report.frames_in_use != 0)
        ok = false;
    free(vcpus);
    printf("hosted-vmm: %s\n", ok ? "nothing lost" : "FAILED: something was lost");
    return ok ? 0 : 1;
}
