/* qemu.smp.timers: per-CPU timer queues. A timer registered on CPU 1 fires on CPU 1 (its own
 * CNTHP); a timer on CPU 1 cancelled from CPU 0, and one on CPU 0 cancelled from CPU 1,
 * never fire and a second cancel finds nothing; CPU 0's timers keep working meanwhile.
 *
 * QEMU's counter follows host time while a vCPU thread waits for a host CPU, so on a loaded
 * host a CPU can be stalled past a deadline. Waits for something to happen are bounded by
 * the timer budget run-qemu.sh passes; a cancel that answers AXV_ENOENT only after the
 * deadline proves nothing about cancelling (the timer was due), so that attempt is retried
 * with a longer delay, once the timer is seen to have fired exactly once. */
#include <axvisor_api/qemu_virt.h>

#include "cmdline.h"

#define NO_CPU SIZE_MAX
#define MS 1000000u

/* Timers meant to be cancelled are due this far out at first, and 4 times further at each
 * retry. */
#define CANCEL_DELAY_NS (100u * MS)
#define CANCEL_RETRIES 3u

static axv_nanos_t budget_ns;

struct probe {
    volatile size_t fired_on;
    volatile unsigned fired;
};

struct arm_request {
    axv_nanos_t delay_ns;
    struct probe *probe;
    axv_nanos_t deadline;
    axv_timer_token_t token;
    int rc;
};

struct cancel_request {
    axv_timer_token_t token;
    int rc;
};

static void fired(void *arg, axv_nanos_t now_ns) {
    (void)now_ns;
    struct probe *p = arg;
    p->fired_on = axv_qemu_cpu_index();
    p->fired++;
}

static void arm_here(void *arg) {
    struct arm_request *r = arg;
    r->deadline = axv_time_current_nanos() + r->delay_ns;
    r->rc = axv_time_register_timer(r->deadline, fired, r->probe, &r->token);
}

static void cancel_here(void *arg) {
    struct cancel_request *r = arg;
    r->rc = axv_time_cancel_timer(r->token);
}

static bool run_on_1(void (*fn)(void *), void *arg) {
    if (axv_qemu_cpu_run(1, fn, arg) != AXV_OK)
        return false;
    axv_nanos_t give_up = axv_time_current_nanos() + budget_ns;
    while (!axv_qemu_cpu_idle(1))
        if (axv_time_current_nanos() > give_up)
            return false;
    return true;
}

static void sleep_until(axv_nanos_t until) {
    while (axv_time_current_nanos() < until) {
    }
}

/* Polls rather than sleeping a fixed time: a stalled CPU makes this slower, not wrong. */
static void wait_until_fired(const struct probe *p) {
    axv_nanos_t give_up = axv_time_current_nanos() + budget_ns;
    while (p->fired == 0 && axv_time_current_nanos() < give_up) {
    }
}

static int fail(const char *what) {
    axv_qemu_puts("qemu.smp.timers: FAILED: ");
    axv_qemu_puts(what);
    axv_qemu_puts("\n");
    return 1;
}

enum verdict { JUDGED, LATE, FAILED };

static enum verdict failed(const char *what) {
    fail(what);
    return FAILED;
}

/* What a cancel answered at answered_at says for a timer due at deadline (probe p): AXV_OK
 * is judged later (it must never fire); AXV_ENOENT is only allowed once the deadline passed,
 * and then the timer must fire, once. */
static enum verdict judge_cancel(int rc, axv_nanos_t answered_at, axv_nanos_t deadline,
                                 const struct probe *p, const char *what) {
    if (rc == AXV_OK)
        return JUDGED;
    if (rc != AXV_ENOENT || answered_at < deadline)
        return failed(what);
    wait_until_fired(p);
    sleep_until(axv_time_current_nanos() + 10u * MS); /* room for a wrong second firing */
    if (p->fired != 1)
        return failed("a timer whose late cancel found it gone did not fire once");
    return LATE;
}

/* Both cancelling directions, with cancelled timers due delay_ns out; each attempt has its
 * own probes, so a timer of a late attempt touches nothing of the next. */
static enum verdict cancels(unsigned attempt, axv_nanos_t delay_ns) {
    static struct probe probes[CANCEL_RETRIES + 1][3];
    struct probe *remote = &probes[attempt][0], *cancelled_local = &probes[attempt][1],
                 *local = &probes[attempt][2];
    for (size_t i = 0; i < 3; i++)
        probes[attempt][i] = (struct probe){NO_CPU, 0};

    /* CPU 1's timer cancelled from CPU 0; a local timer registered at the same time fires. */
    struct arm_request arm = {delay_ns, remote, 0, 0, -1};
    if (!run_on_1(arm_here, &arm) || arm.rc != AXV_OK)
        return failed("registering the second timer on CPU 1");
    axv_timer_token_t local_token;
    if (axv_time_register_timer(axv_time_current_nanos() + 5u * MS, fired, local, &local_token) !=
        AXV_OK)
        return failed("registering on CPU 0");
    int rc = axv_time_cancel_timer(arm.token);
    axv_nanos_t answered_at = axv_time_current_nanos();
    int again = axv_time_cancel_timer(arm.token);
    axv_qemu_puts("qemu.smp.timers: cancel of CPU 1's timer from CPU 0: ");
    axv_qemu_puts(axv_strerror(rc));
    axv_qemu_puts(", again: ");
    axv_qemu_puts(axv_strerror(again));
    axv_qemu_puts("\n");
    if (again != AXV_ENOENT)
        return failed("a second cancel of CPU 1's timer found it");
    enum verdict remote_verdict =
        judge_cancel(rc, answered_at, arm.deadline, remote, "cancelling CPU 1's timer from CPU 0");
    if (remote_verdict == FAILED)
        return FAILED;
    axv_nanos_t late_by = remote_verdict == LATE ? answered_at - arm.deadline : 0;

    /* CPU 0's timer cancelled from CPU 1. */
    struct cancel_request cancel = {0, -1};
    axv_nanos_t deadline = axv_time_current_nanos() + delay_ns;
    if (axv_time_register_timer(deadline, fired, cancelled_local, &cancel.token) != AXV_OK)
        return failed("registering the second timer on CPU 0");
    if (!run_on_1(cancel_here, &cancel))
        return failed("cancelling CPU 0's timer from CPU 1");
    answered_at = axv_time_current_nanos();
    enum verdict local_verdict = judge_cancel(cancel.rc, answered_at, deadline, cancelled_local,
                                              "cancelling CPU 0's timer from CPU 1");
    if (local_verdict == FAILED)
        return FAILED;
    if (local_verdict == LATE)
        late_by = answered_at - deadline;
    cancel.rc = -1;
    if (!run_on_1(cancel_here, &cancel) || cancel.rc != AXV_ENOENT)
        return failed("a second cancel from CPU 1 found the timer");

    wait_until_fired(local);
    /* Well past both cancelled deadlines: a timer cancelled with AXV_OK would have fired. */
    sleep_until((deadline > arm.deadline ? deadline : arm.deadline) + 50u * MS);
    if ((remote_verdict == JUDGED && remote->fired != 0) ||
        (local_verdict == JUDGED && cancelled_local->fired != 0))
        return failed("a cancelled timer fired");
    if (local->fired != 1 || local->fired_on != 0)
        return failed("CPU 0's timer did not fire once on CPU 0");
    if (remote_verdict == JUDGED && local_verdict == JUDGED)
        return JUDGED;
    axv_qemu_puts("qemu.smp.timers: retry ");
    axv_qemu_put_dec(attempt + 1u);
    axv_qemu_puts("/");
    axv_qemu_put_dec(CANCEL_RETRIES);
    axv_qemu_puts(": a cancel answered AXV_ENOENT ");
    axv_qemu_put_dec(late_by);
    axv_qemu_puts(" ns past the deadline ");
    axv_qemu_put_dec(delay_ns);
    axv_qemu_puts(" ns out it had to beat (a stalled CPU); the delay grows 4 times\n");
    return LATE;
}

int axv_qemu_main(void) {
    if (axv_host_cpu_num() < 2)
        return fail("needs -smp 2");
    budget_ns = cmdline_timer_budget_ns(2000u * MS);

    /* Fires on the CPU that registered it. */
    static struct probe remote = {NO_CPU, 0};
    struct arm_request arm = {2u * MS, &remote, 0, 0, -1};
    if (!run_on_1(arm_here, &arm) || arm.rc != AXV_OK)
        return fail("registering on CPU 1");
    wait_until_fired(&remote);
    sleep_until(axv_time_current_nanos() + 10u * MS); /* room for a wrong second firing */
    axv_qemu_puts("qemu.smp.timers: CPU 1's timer fired ");
    axv_qemu_put_dec(remote.fired);
    axv_qemu_puts(" time(s) on CPU ");
    axv_qemu_put_dec(remote.fired_on);
    axv_qemu_puts("\n");
    if (remote.fired != 1 || remote.fired_on != 1)
        return fail("CPU 1's timer did not fire once on CPU 1");

    axv_nanos_t delay = CANCEL_DELAY_NS;
    for (unsigned attempt = 0;; attempt++, delay *= 4u) {
        enum verdict v = cancels(attempt, delay);
        if (v == FAILED)
            return 1;
        if (v == JUDGED)
            break;
        if (attempt == CANCEL_RETRIES)
            return fail("every attempt was late: the host stalled the CPUs past each deadline");
    }
    axv_qemu_puts("qemu.smp.timers: OK\n");
    return 0;
}
