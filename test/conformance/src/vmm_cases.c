/* vmm cases: vCPU count and active mask, AXV_ENOENT for unknown VMs and vCPUs, AXV_EINVAL
 * for NULL out-pointers, and injected interrupts reaching their vCPUs (and only them) within
 * the timer budget: the contract allows injection to complete after the call returns. */
#include "suite.h"

/* The VM no platform has: the options refuse it as the VM to test. */
#define AXV_CONF_NO_VM ((axv_vm_id_t)-1)
/* The mask-based ops can name vCPUs 0..63 only. */
#define AXV_CONF_MASK_VCPUS 64u

/* Reads the test VM's vCPU count into *num; fails the case unless it is at least 1. */
static bool get_vcpu_num(struct axv_conf_case *c, size_t *num) {
    int rc = axv_vmm_vcpu_num(c->run->vm_id, num);
    if (!axv_conf_expect_status(c, "vcpu_num of the test VM", rc, AXV_OK))
        return false;
    if (*num == 0) {
        axv_conf_put_str(axv_conf_fail(c), "vcpu_num of the test VM is 0");
        return false;
    }
    return true;
}

static uint64_t mask_of_first(size_t num) {
    return num >= AXV_CONF_MASK_VCPUS ? ~UINT64_C(0) : (UINT64_C(1) << num) - 1u;
}

static void case_vcpu_num(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, vmm, vcpu_num))
        return;
    size_t num = 0;
    if (get_vcpu_num(c, &num)) {
        size_t again = 0;
        if (axv_vmm_vcpu_num(c->run->vm_id, &again) != AXV_OK || again != num) {
            struct axv_conf_text *t = axv_conf_fail(c);
            axv_conf_put_str(t, "vcpu_num changed between calls: ");
            axv_conf_put_dec(t, num);
            axv_conf_put_str(t, " then ");
            axv_conf_put_dec(t, again);
        }
    }
    axv_conf_expect_status(c, "vcpu_num with a NULL out-pointer",
                           axv_vmm_vcpu_num(c->run->vm_id, NULL), AXV_EINVAL);
    axv_conf_expect_status(c, "vcpu_num of an unknown VM", axv_vmm_vcpu_num(AXV_CONF_NO_VM, &num),
                           AXV_ENOENT);
}

static void case_active_vcpus(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, vmm, vcpu_num) || !AXV_CONF_REQUIRE(c, vmm, active_vcpus))
        return;
    size_t num;
    if (!get_vcpu_num(c, &num))
        return;
    uint64_t mask = 0;
    int rc = axv_vmm_active_vcpus(c->run->vm_id, &mask);
    if (axv_conf_expect_status(c, "active_vcpus of the test VM", rc, AXV_OK) &&
        (mask & ~mask_of_first(num)) != 0) {
        struct axv_conf_text *t = axv_conf_fail(c);
        axv_conf_put_str(t, "active mask ");
        axv_conf_put_hex(t, mask);
        axv_conf_put_str(t, " names vCPUs beyond the ");
        axv_conf_put_dec(t, num);
        axv_conf_put_str(t, " the VM has");
    }
    axv_conf_expect_status(c, "active_vcpus with a NULL out-pointer",
                           axv_vmm_active_vcpus(c->run->vm_id, NULL), AXV_EINVAL);
    axv_conf_expect_status(c, "active_vcpus of an unknown VM",
                           axv_vmm_active_vcpus(AXV_CONF_NO_VM, &mask), AXV_ENOENT);
}

static void case_inject_interrupt_bad_target(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, vmm, vcpu_num) || !AXV_CONF_REQUIRE(c, vmm, inject_interrupt))
        return;
    size_t num;
    if (!get_vcpu_num(c, &num))
        return;
    axv_irq_t irq = c->run->irq;
    axv_conf_expect_status(c, "inject_interrupt into an unknown VM",
                           axv_vmm_inject_interrupt(AXV_CONF_NO_VM, 0, irq), AXV_ENOENT);
    axv_conf_expect_status(c, "inject_interrupt into vCPU vcpu_num",
                           axv_vmm_inject_interrupt(c->run->vm_id, num, irq), AXV_ENOENT);
}

static void case_inject_to_vcpus_bad_target(struct axv_conf_case *c) {
    /* The op is optional: without it the library's fallback runs on inject_interrupt. */
    if (!AXV_CONF_REQUIRE(c, vmm, vcpu_num) ||
        (!axv_vmm_implements(axv_vmm_op_inject_interrupt_to_vcpus) &&
         !AXV_CONF_REQUIRE(c, vmm, inject_interrupt)))
        return;
    size_t num;
    if (!get_vcpu_num(c, &num))
        return;
    axv_irq_t irq = c->run->irq;
    axv_conf_expect_status(c, "inject_interrupt_to_vcpus into an unknown VM",
                           axv_vmm_inject_interrupt_to_vcpus(AXV_CONF_NO_VM, 1, irq), AXV_ENOENT);
    if (num < AXV_CONF_MASK_VCPUS)
        axv_conf_expect_status(
            c, "inject_interrupt_to_vcpus with vCPU vcpu_num in the mask",
            axv_vmm_inject_interrupt_to_vcpus(c->run->vm_id, UINT64_C(1) << num, irq), AXV_ENOENT);
}

static void case_notify_timer_expired(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, vmm, vcpu_num) || !AXV_CONF_REQUIRE(c, vmm, notify_vcpu_timer_expired))
        return;
    size_t num;
    if (!get_vcpu_num(c, &num))
        return;
    axv_conf_expect_status(c, "notify_vcpu_timer_expired for an unknown VM",
                           axv_vmm_notify_vcpu_timer_expired(AXV_CONF_NO_VM, 0), AXV_ENOENT);
    axv_conf_expect_status(c, "notify_vcpu_timer_expired for vCPU vcpu_num",
                           axv_vmm_notify_vcpu_timer_expired(c->run->vm_id, num), AXV_ENOENT);
    axv_conf_expect_status(c, "notify_vcpu_timer_expired for vCPU 0",
                           axv_vmm_notify_vcpu_timer_expired(c->run->vm_id, 0), AXV_OK);
}

/* Delivery may be asynchronous (a message to another CPU), so the cases wait for it within
 * the timer budget, which needs the clock. */
static bool require_observation(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, time, current_ticks) || !AXV_CONF_REQUIRE(c, time, ticks_to_nanos))
        return false;
    if (c->run->irq_pending != NULL)
        return true;
    axv_conf_put_str(axv_conf_skip(c), "no irq_pending hook in the options to observe delivery");
    return false;
}

static bool pending(const struct axv_conf_run *run, axv_vcpu_id_t vcpu) {
    return run->irq_pending(run->ctx, run->vm_id, vcpu, run->irq);
}

/* Consumes whatever of the test INTID is already pending, so only new injections count. */
static void drain(const struct axv_conf_run *run, size_t num) {
    for (axv_vcpu_id_t v = 0; v < num; v++)
        (void)pending(run, v);
}

/* What one injection is waited for on: every vCPU is watched, so one that gets the INTID
 * without being targeted is seen too. */
struct delivery {
    const struct axv_conf_run *run;
    size_t num;     /* vCPUs watched, at most AXV_CONF_MASK_VCPUS */
    uint64_t want;  /* the targets */
    uint64_t *seen; /* where it became pending so far */
};

static bool all_delivered(const void *arg) {
    const struct delivery *d = arg;
    for (axv_vcpu_id_t v = 0; v < d->num; v++)
        if (pending(d->run, v))
            *d->seen |= UINT64_C(1) << v;
    return (*d->seen & d->want) == d->want;
}

static void fail_delivery(struct axv_conf_case *c, const char *what, axv_vcpu_id_t vcpu) {
    struct axv_conf_text *t = axv_conf_fail(c);
    axv_conf_put_str(t, what);
    axv_conf_put_dec(t, c->run->irq);
    axv_conf_put_str(t, " on vCPU ");
    axv_conf_put_dec(t, vcpu);
}

/* Waits until the INTID is pending on every vCPU in @p want, for the timer budget from now
 * (host stalls forgiven as in the timer cases), and fails the case for each target it never
 * reached and each other vCPU it reached; @p op names the injecting op. */
static void expect_delivery(struct axv_conf_case *c, size_t num, uint64_t want, const char *op) {
    uint64_t seen = 0;
    const struct delivery d = {c->run, num, want, &seen};
    axv_nanos_t limit = axv_time_current_nanos() + c->run->budget_ns;
    if (axv_conf_wait(c, limit, all_delivered, &d) == AXV_CONF_WAIT_STUCK)
        return;
    for (axv_vcpu_id_t v = 0; v < num; v++) {
        uint64_t bit = UINT64_C(1) << v;
        if ((want & bit) != 0 && (seen & bit) == 0) {
            struct axv_conf_text *t = axv_conf_fail(c);
            axv_conf_put_str(t, op);
            axv_conf_put_str(t, " returned AXV_OK but INTID ");
            axv_conf_put_dec(t, c->run->irq);
            axv_conf_put_str(t, " was not pending on vCPU ");
            axv_conf_put_dec(t, v);
            axv_conf_put_str(t, " within the timer budget");
        } else if ((want & bit) == 0 && (seen & bit) != 0) {
            fail_delivery(c, "an interrupt injected into another vCPU made pending INTID ", v);
        }
    }
}

/* The vCPUs the delivery cases use: the test VM's, at most as many as a mask names. */
static bool delivery_vcpus(struct axv_conf_case *c, size_t *num) {
    if (!get_vcpu_num(c, num))
        return false;
    if (*num > AXV_CONF_MASK_VCPUS)
        *num = AXV_CONF_MASK_VCPUS;
    drain(c->run, *num);
    return true;
}

static void case_inject_interrupt_delivered(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, vmm, vcpu_num) || !AXV_CONF_REQUIRE(c, vmm, inject_interrupt) ||
        !require_observation(c))
        return;
    size_t num;
    if (!delivery_vcpus(c, &num))
        return;
    for (axv_vcpu_id_t target = 0; target < num && !axv_conf_failed(c); target++) {
        int rc = axv_vmm_inject_interrupt(c->run->vm_id, target, c->run->irq);
        if (!axv_conf_expect_status(c, "inject_interrupt", rc, AXV_OK))
            break;
        expect_delivery(c, num, UINT64_C(1) << target, "inject_interrupt");
    }
}

static void case_inject_to_vcpus_delivered(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, vmm, vcpu_num) ||
        (!axv_vmm_implements(axv_vmm_op_inject_interrupt_to_vcpus) &&
         !AXV_CONF_REQUIRE(c, vmm, inject_interrupt)) ||
        !require_observation(c))
        return;
    size_t num;
    if (!delivery_vcpus(c, &num))
        return;
    int rc = axv_vmm_inject_interrupt_to_vcpus(c->run->vm_id, mask_of_first(num), c->run->irq);
    if (axv_conf_expect_status(c, "inject_interrupt_to_vcpus to every vCPU", rc, AXV_OK))
        expect_delivery(c, num, mask_of_first(num), "inject_interrupt_to_vcpus");
}

static const struct axv_conf_case_def vmm_cases[] = {
    {"vcpu_num", case_vcpu_num},
    {"active_vcpus", case_active_vcpus},
    {"inject_interrupt_bad_target", case_inject_interrupt_bad_target},
    {"inject_to_vcpus_bad_target", case_inject_to_vcpus_bad_target},
    {"notify_timer_expired", case_notify_timer_expired},
    {"inject_interrupt_delivered", case_inject_interrupt_delivered},
    {"inject_to_vcpus_delivered", case_inject_to_vcpus_delivered},
};

const struct axv_conf_area_cases axv_conf_vmm_cases = {vmm_cases, AXV_CONF_COUNT(vmm_cases)};
