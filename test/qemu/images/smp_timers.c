/* qemu.smp.timers: per-CPU timer queues. A timer registered on CPU 1 fires on CPU 1 (its own
 * CNTHP); a timer on CPU 1 cancelled from CPU 0, and one on CPU 0 cancelled from CPU 1,
 * never fire and a second cancel finds nothing; CPU 0's timers keep working meanwhile. */
#include <axvisor_api/qemu_virt.h>

#define NO_CPU SIZE_MAX

struct probe {
    volatile size_t fired_on;
    volatile unsigned fired;
};

struct arm_request {
    axv_nanos_t delay_ns;
    struct probe *probe;
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
    r->rc =
        axv_time_register_timer(axv_time_current_nanos() + r->delay_ns, fired, r->probe, &r->token);
}

static void cancel_here(void *arg) {
    struct cancel_request *r = arg;
    r->rc = axv_time_cancel_timer(r->token);
}

static bool run_on_1(void (*fn)(void *), void *arg) {
    if (axv_qemu_cpu_run(1, fn, arg) != AXV_OK)
        return false;
    axv_nanos_t give_up = axv_time_current_nanos() + 1000000000u;
    while (!axv_qemu_cpu_idle(1))
        if (axv_time_current_nanos() > give_up)
            return false;
    return true;
}

static void sleep_ns(axv_nanos_t ns) {
    axv_nanos_t until = axv_time_current_nanos() + ns;
    while (axv_time_current_nanos() < until) {
    }
}

/* TCG vCPU threads can stall for tens of milliseconds on a loaded host, so waits for something
 * to happen poll with a generous bound instead of sleeping a fixed time. */
static void wait_until_fired(const struct probe *p) {
    axv_nanos_t give_up = axv_time_current_nanos() + 2000000000u;
    while (p->fired == 0 && axv_time_current_nanos() < give_up) {
    }
}

/* Timers meant to be cancelled are due far enough out that a stalled CPU cannot reach the
 * deadline before the cancel does. */
#define CANCELLED_DELAY_NS 1000000000u

static int fail(const char *what) {
    axv_qemu_puts("qemu.smp.timers: FAILED: ");
    axv_qemu_puts(what);
    axv_qemu_puts("\n");
    return 1;
}

int axv_qemu_main(void) {
    if (axv_host_cpu_num() < 2)
        return fail("needs -smp 2");

    /* Fires on the CPU that registered it. */
    static struct probe remote = {NO_CPU, 0};
    struct arm_request arm = {2000000u, &remote, 0, -1};
    if (!run_on_1(arm_here, &arm) || arm.rc != AXV_OK)
        return fail("registering on CPU 1");
    wait_until_fired(&remote);
    sleep_ns(10000000u); /* room for a wrong second firing */
    axv_qemu_puts("qemu.smp.timers: CPU 1's timer fired ");
    axv_qemu_put_dec(remote.fired);
    axv_qemu_puts(" time(s) on CPU ");
    axv_qemu_put_dec(remote.fired_on);
    axv_qemu_puts("\n");
    if (remote.fired != 1 || remote.fired_on != 1)
        return fail("CPU 1's timer did not fire once on CPU 1");

    /* CPU 1's timer cancelled from CPU 0; a local timer registered at the same time fires. */
    static struct probe cancelled_remote = {NO_CPU, 0}, local = {NO_CPU, 0};
    arm = (struct arm_request){CANCELLED_DELAY_NS, &cancelled_remote, 0, -1};
    if (!run_on_1(arm_here, &arm) || arm.rc != AXV_OK)
        return fail("registering the second timer on CPU 1");
    axv_timer_token_t local_token;
    if (axv_time_register_timer(axv_time_current_nanos() + 5000000u, fired, &local, &local_token) !=
        AXV_OK)
        return fail("registering on CPU 0");
    int rc = axv_time_cancel_timer(arm.token);
    int again = axv_time_cancel_timer(arm.token);
    axv_qemu_puts("qemu.smp.timers: cancel of CPU 1's timer from CPU 0: ");
    axv_qemu_puts(axv_strerror(rc));
    axv_qemu_puts(", again: ");
    axv_qemu_puts(axv_strerror(again));
    axv_qemu_puts("\n");
    if (rc != AXV_OK || again != AXV_ENOENT)
        return fail("cancelling CPU 1's timer from CPU 0");

    /* CPU 0's timer cancelled from CPU 1. */
    static struct probe cancelled_local = {NO_CPU, 0};
    struct cancel_request cancel;
    axv_nanos_t last_deadline = axv_time_current_nanos() + CANCELLED_DELAY_NS;
    if (axv_time_register_timer(last_deadline, fired, &cancelled_local, &cancel.token) != AXV_OK)
        return fail("registering the second timer on CPU 0");
    cancel.rc = -1;
    if (!run_on_1(cancel_here, &cancel) || cancel.rc != AXV_OK)
        return fail("cancelling CPU 0's timer from CPU 1");
    cancel.rc = -1;
    if (!run_on_1(cancel_here, &cancel) || cancel.rc != AXV_ENOENT)
        return fail("a second cancel from CPU 1 found the timer");

    wait_until_fired(&local);
    while (axv_time_current_nanos() < last_deadline + 50000000u) {
    }
    if (cancelled_remote.fired != 0 || cancelled_local.fired != 0)
        return fail("a cancelled timer fired");
    if (local.fired != 1 || local.fired_on != 0)
        return fail("CPU 0's timer did not fire once on CPU 0");
    axv_qemu_puts("qemu.smp.timers: OK\n");
    return 0;
}
