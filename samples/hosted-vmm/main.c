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
 *
 * The drain has no fixed deadline: it waits as long as anything still moves (a timer fires,
 * a message is received, a vCPU quiesces) and gives up only after DRAIN_STALL_NS with no
 * movement at all, reporting what never arrived. vcpu.c holds the guest; report.c the
 * verdict.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/posix.h>

#include "options.h"
#include "probe.h"
#include "report.h"
#include "vcpu.h"

/* The drain gives up after this long without any movement... */
#define DRAIN_STALL_NS UINT64_C(10000000000)
/* ...not counting a gap in which this thread itself did not run (the host stalled it). */
#define HOST_STALL_NS UINT64_C(1000000000)
#define DRAIN_POLL_NS UINT64_C(1000000)

static size_t num_vcpus(void) {
    return opts.vms * opts.vcpus;
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

/* What the drain still waits for, and a sum that changes whenever anything moves. */
struct outstanding {
    uint64_t unquiesced; /* vCPUs still sending or with a timer armed */
    uint64_t mailed;     /* messages sent, not yet received */
    uint64_t unhandled;  /* timers fired whose interrupt the guest has not taken */
    uint64_t activity;
};

static struct outstanding look(void) {
    struct outstanding o = {0, 0, 0, 0};
    for (size_t i = 0; i < num_vcpus(); i++) {
        struct vcpu *v = &vcpus[i];
        bool quiesced = atomic_load(&v->quiesced);
        uint64_t fired = atomic_load(&v->timers_fired);
        uint64_t handled = atomic_load(&v->timer_irqs);
        uint64_t received = atomic_load(&v->messages_received);
        o.unquiesced += !quiesced;
        o.mailed += atomic_load(&v->mailbox);
        o.unhandled += fired - handled;
        o.activity += quiesced + fired + handled + received + atomic_load(&v->messages_sent_to);
    }
    o.activity += probe_done();
    return o;
}

static bool is_drained(const struct outstanding *o) {
    return o->unquiesced == 0 && o->mailed == 0 && o->unhandled == 0 && probe_done();
}

/* Tells every vCPU to stop sending and re-arming, then waits until everything sent has
 * arrived, for as long as something still moves. True when drained. */
static bool quiesce_and_drain(void) {
    atomic_store(&running, false);
    probe_stop();
    /* A vCPU halted until its next IPI period would notice only then: ring it now. */
    for (size_t vm = 0; vm < opts.vms; vm++) {
        uint64_t all = opts.vcpus == 64 ? ~UINT64_C(0) : (UINT64_C(1) << opts.vcpus) - 1;
        int rc = axv_vmm_inject_interrupt_to_vcpus(vcpus[vm * opts.vcpus].vm, all, SGI_QUIESCE);
        if (rc != AXV_OK)
            fail("ringing the quiesce doorbell", rc);
    }
    struct outstanding o = look();
    axv_nanos_t last_move = axv_time_current_nanos(), last_poll = last_move;
    while (!is_drained(&o)) {
        sleep_ns(DRAIN_POLL_NS);
        axv_nanos_t now = axv_time_current_nanos();
        struct outstanding next = look();
        if (next.activity != o.activity || now - last_poll > HOST_STALL_NS)
            last_move = now;
        last_poll = now;
        o = next;
        if (now - last_move > DRAIN_STALL_NS && !is_drained(&o)) {
            printf("hosted-vmm: drain stalled: nothing moved for %.1f s; %llu vCPUs not "
                   "quiesced, %llu messages not received, %llu expired timers not handled, "
                   "service probe %s\n",
                   (double)(now - last_move) / 1e9, (unsigned long long)o.unquiesced,
                   (unsigned long long)o.mailed, (unsigned long long)o.unhandled,
                   probe_done() ? "ended" : "still armed");
            return false;
        }
    }
    return true;
}

/* Shutdown is timed on CLOCK_MONOTONIC, as the platform's counter stops with it. */
static uint64_t monotonic_ns(void) {
    struct timespec t;
    (void)clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static double ms_between(uint64_t from, uint64_t to) {
    return (double)(to - from) / 1e6;
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
    printf("hosted-vmm: platform \"%s\" installed, registry sealed (%s); %zu host CPUs; "
           "timer service: %s\n",
           axv_posix_platform.name, axv_strerror(rc), axv_host_cpu_num(),
           axv_posix_timer_service_priority());
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
            struct vcpu *v = &vcpus[vm * opts.vcpus + i];
            v->vm = vm_ids[vm];
            v->id = i;
            v->vm_index = vm;
            v->vm_vcpus = opts.vcpus;
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

    int rc = probe_start(opts.timer_period_ns);
    if (rc != AXV_OK)
        return fail("arming the service probe", rc);
    run_for_duration();

    /* Quiesce and drain: no new messages or periods, then wait until everything sent has
     * arrived; only then may the VMs go. */
    uint64_t run_end = monotonic_ns();
    bool ok = quiesce_and_drain();
    uint64_t drained = monotonic_ns();
    for (size_t vm = 0; vm < opts.vms; vm++) {
        rc = axv_posix_vm_destroy(vm_ids[vm]);
        if (rc != AXV_OK)
            return fail("axv_posix_vm_destroy", rc);
    }
    uint64_t destroyed = monotonic_ns();
    struct axv_posix_shutdown_report report;
    rc = axv_posix_shutdown(&report);
    if (rc != AXV_OK)
        return fail("axv_posix_shutdown", rc);
    uint64_t shut_down = monotonic_ns();

    if (!report_vcpus())
        ok = false;
    printf("shutdown: %zu timers pending, %zu VMs left, %zu frames in use\n", report.timers_pending,
           report.vms_destroyed, report.frames_in_use);
    printf("shutdown took %.1f ms after the run: drain %.1f ms, VM destroy %.1f ms, platform "
           "shutdown %.1f ms\n",
           ms_between(run_end, shut_down), ms_between(run_end, drained),
           ms_between(drained, destroyed), ms_between(destroyed, shut_down));
    if (report.timers_pending != 0 || report.vms_destroyed != 0 || report.frames_in_use != 0)
        ok = false;
    free(vcpus);
    printf("hosted-vmm: %s\n", ok ? "nothing lost" : "FAILED: something was lost");
    return ok ? 0 : 1;
}
