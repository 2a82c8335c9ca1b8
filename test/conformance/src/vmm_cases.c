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

static bool pending(const struct axv_conf_run *run, axv_vcpu_id_t vcpu, axv_irq_t irq) {
    return run->irq_pending(run->ctx, run->vm_id, vcpu, irq);
}

/* Consumes whatever of @p irq is already pending, so only new injections count. */
static void drain(const struct axv_conf_run *run, size_t num, axv_irq_t irq) {
    for (axv_vcpu_id_t v = 0; v < num; v++)
        (void)pending(run, v, irq);
}

/* What one injection is waited for on: every vCPU is watched, so one that gets the INTID
 * without being targeted is seen too. */
struct delivery {
    const struct axv_conf_run *run;
    axv_irq_t irq;
    size_t num;     /* vCPUs watched, at most AXV_CONF_MASK_VCPUS */
    uint64_t want;  /* the targets; 0: any one vCPU (routed by the VM's vGIC) */
    uint64_t *seen; /* where it became pending so far */
};

static bool delivered(const void *arg) {
    const struct delivery *d = arg;
    for (axv_vcpu_id_t v = 0; v < d->num; v++)
        if (pending(d->run, v, d->irq))
            *d->seen |= UINT64_C(1) << v;
    return d->want == 0 ? *d->seen != 0 : (*d->seen & d->want) == d->want;
}

static void fail_delivery(struct axv_conf_case *c, const char *what, axv_irq_t irq,
                          axv_vcpu_id_t vcpu) {
    struct axv_conf_text *t = axv_conf_fail(c);
    axv_conf_put_str(t, what);
    axv_conf_put_dec(t, irq);
    axv_conf_put_str(t, " on vCPU ");
    axv_conf_put_dec(t, vcpu);
}

/* Waits, for the timer budget from now (host stalls forgiven as in the timer cases), until
 * @p d is delivered; returns where it showed, or 0 when the clock stood still (the case has
 * then failed). */
static uint64_t wait_delivery(struct axv_conf_case *c, struct delivery *d) {
    uint64_t seen = 0;
    d->seen = &seen;
    axv_nanos_t limit = axv_time_current_nanos() + c->run->budget_ns;
    if (axv_conf_wait(c, limit, delivered, d) == AXV_CONF_WAIT_STUCK)
        return 0;
    return seen;
}

static void fail_not_pending(struct axv_conf_case *c, const char *op, axv_irq_t irq,
                             const char *where, uint64_t vcpu) {
    struct axv_conf_text *t = axv_conf_fail(c);
    axv_conf_put_str(t, op);
    axv_conf_put_str(t, " returned AXV_OK but INTID ");
    axv_conf_put_dec(t, irq);
    axv_conf_put_str(t, where);
    if (vcpu != UINT64_MAX)
        axv_conf_put_dec(t, vcpu);
    axv_conf_put_str(t, " within the timer budget");
}

/* Waits until @p irq is pending on every vCPU in @p want (nonzero), and fails the case for
 * each target it never reached and each other vCPU it reached; @p op names the injecting op. */
static void expect_delivery(struct axv_conf_case *c, axv_irq_t irq, size_t num, uint64_t want,
                            const char *op) {
    struct delivery d = {c->run, irq, num, want, NULL};
    uint64_t seen = wait_delivery(c, &d);
    if (axv_conf_failed(c))
        return;
    for (axv_vcpu_id_t v = 0; v < num; v++) {
        uint64_t bit = UINT64_C(1) << v;
        if ((want & bit) != 0 && (seen & bit) == 0)
            fail_not_pending(c, op, irq, " was not pending on vCPU ", v);
        else if ((want & bit) == 0 && (seen & bit) != 0)
            fail_delivery(c, "an interrupt injected into another vCPU made pending INTID ", irq, v);
    }
}

/* Waits until @p irq is pending on some vCPU, and fails the case unless it is exactly one. */
static void expect_delivery_to_one(struct axv_conf_case *c, axv_irq_t irq, size_t num) {
    struct delivery d = {c->run, irq, num, 0, NULL};
    uint64_t seen = wait_delivery(c, &d);
    if (axv_conf_failed(c))
        return;
    if (seen == 0)
        fail_not_pending(c, "inject_interrupt", irq, " was not pending on any vCPU", UINT64_MAX);
    else if ((seen & (seen - 1u)) != 0) {
        struct axv_conf_text *t = axv_conf_fail(c);
        axv_conf_put_str(t, "one injection of shared INTID ");
        axv_conf_put_dec(t, irq);
        axv_conf_put_str(t, " became pending on several vCPUs: mask ");
        axv_conf_put_hex(t, seen);
    }
}

/* The vCPUs the delivery cases use: the test VM's, at most as many as a mask names. */
static bool delivery_vcpus(struct axv_conf_case *c, size_t *num, axv_irq_t irq) {
    if (!get_vcpu_num(c, num))
        return false;
    if (*num > AXV_CONF_MASK_VCPUS)
        *num = AXV_CONF_MASK_VCPUS;
    drain(c->run, *num, irq);
    return true;
}

/* Injects @p irq into each of the first @p num vCPUs in turn, expecting it there only. */
static void inject_into_each(struct axv_conf_case *c, axv_irq_t irq, size_t num) {
    for (axv_vcpu_id_t target = 0; target < num && !axv_conf_failed(c); target++) {
        int rc = axv_vmm_inject_interrupt(c->run->vm_id, target, irq);
        if (!axv_conf_expect_status(c, "inject_interrupt", rc, AXV_OK))
            break;
        expect_delivery(c, irq, num, UINT64_C(1) << target, "inject_interrupt");
    }
}

static void case_inject_interrupt_delivered(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, vmm, vcpu_num) || !AXV_CONF_REQUIRE(c, vmm, inject_interrupt) ||
        !require_observation(c))
        return;
    size_t num;
    if (delivery_vcpus(c, &num, c->run->irq))
        inject_into_each(c, c->run->irq, num);
}

static void case_inject_to_vcpus_delivered(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, vmm, vcpu_num) ||
        (!axv_vmm_implements(axv_vmm_op_inject_interrupt_to_vcpus) &&
         !AXV_CONF_REQUIRE(c, vmm, inject_interrupt)) ||
        !require_observation(c))
        return;
    size_t num;
    if (!delivery_vcpus(c, &num, c->run->irq))
        return;
    int rc = axv_vmm_inject_interrupt_to_vcpus(c->run->vm_id, mask_of_first(num), c->run->irq);
    if (axv_conf_expect_status(c, "inject_interrupt_to_vcpus to every vCPU", rc, AXV_OK))
        expect_delivery(c, c->run->irq, num, mask_of_first(num), "inject_interrupt_to_vcpus");
}

/* A shared INTID, checked as the options say the platform treats it. */
static void case_inject_shared(struct axv_conf_case *c) {
    enum axv_conformance_shared_routing routing = c->run->shared_routing;
    if (routing == AXV_CONFORMANCE_SHARED_UNTESTED) {
        axv_conf_put_str(axv_conf_skip(c), "the options do not say how the platform treats "
                                           "shared INTIDs (shared_routing)");
        return;
    }
    if (!AXV_CONF_REQUIRE(c, vmm, vcpu_num) || !AXV_CONF_REQUIRE(c, vmm, inject_interrupt))
        return;
    axv_irq_t spi = c->run->shared_irq;
    if (routing == AXV_CONFORMANCE_SHARED_REFUSED) {
        axv_conf_expect_status(c, "inject_interrupt of a shared INTID",
                               axv_vmm_inject_interrupt(c->run->vm_id, 0, spi), AXV_EINVAL);
        return;
    }
    size_t num;
    if (!require_observation(c) || !delivery_vcpus(c, &num, spi))
        return;
    if (routing == AXV_CONFORMANCE_SHARED_TO_VCPU) {
        inject_into_each(c, spi, num);
        return;
    }
    /* Routed by the VM's vGIC: whichever vCPU is named, exactly one gets it. */
    for (axv_vcpu_id_t named = 0; named < num && !axv_conf_failed(c); named++) {
        int rc = axv_vmm_inject_interrupt(c->run->vm_id, named, spi);
        if (!axv_conf_expect_status(c, "inject_interrupt of a shared INTID", rc, AXV_OK))
            break;
        expect_delivery_to_one(c, spi, num);
    }
    /* Each wait ended at the first vCPU that showed it: a copy still on its way to another
     * vCPU shows within one more budget, and every one already counted was consumed. */
    if (!axv_conf_failed(c)) {
        struct delivery d = {c->run, spi, num, mask_of_first(num), NULL};
        uint64_t extra = wait_delivery(c, &d);
        if (extra != 0 && !axv_conf_failed(c)) {
            struct axv_conf_text *t = axv_conf_fail(c);
            axv_conf_put_str(t, "injections of shared INTID ");
            axv_conf_put_dec(t, spi);
            axv_conf_put_str(t, " became pending on more vCPUs than injected: extra on mask ");
            axv_conf_put_hex(t, extra);
        }
    }
}

static const struct axv_conf_case_def vmm_cases[] = {
    {"vcpu_num", case_vcpu_num},
    {"active_vcpus", case_active_vcpus},
    {"inject_interrupt_bad_target", case_inject_interrupt_bad_target},
    {"inject_to_vcpus_bad_target", case_inject_to_vcpus_bad_target},
    {"notify_timer_expired", case_notify_timer_expired},
    {"inject_interrupt_delivered", case_inject_interrupt_delivered},
    {"inject_to_vcpus_delivered", case_inject_to_vcpus_delivered},
    {"inject_shared", case_inject_shared},
};

const struct axv_conf_area_cases axv_conf_vmm_cases = {vmm_cases, AXV_CONF_COUNT(vmm_cases)};
