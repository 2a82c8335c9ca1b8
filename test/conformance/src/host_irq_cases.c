/* host_irq cases: what a platform can check on itself. Registration and its refusals (of the
 * INTID the platform keeps too, when the options name one), handle() of an interrupt never
 * acknowledged, and, where the options give a way to raise one, a real delivery through a
 * registered handler, including an interrupt raised while its line is disabled, which must
 * wait for the enable. */
#include "suite.h"

/* What the case's handler saw; it runs in interrupt context, so only atomics. */
struct seen {
    uint32_t calls;
    axv_irq_t last_irq;
    const void *last_arg;
};

static struct seen seen;

static void count_call(void *arg, axv_irq_t irq) {
    __atomic_store_n(&seen.last_irq, irq, __ATOMIC_RELAXED);
    __atomic_store_n(&seen.last_arg, arg, __ATOMIC_RELAXED);
    __atomic_add_fetch(&seen.calls, 1u, __ATOMIC_RELEASE);
}

static uint32_t calls(void) {
    return __atomic_load_n(&seen.calls, __ATOMIC_ACQUIRE);
}

static bool reached(const void *arg) {
    return calls() >= *(const uint32_t *)arg;
}

/* The INTID the options name as kept by the platform, if any, is refused by every op. */
static void check_kept_refused(struct axv_conf_case *c, axv_irq_t kept) {
    (void)(axv_conf_expect_status(c, "register_handler(kept)",
                                  axv_host_irq_register_handler(kept, count_call, NULL),
                                  AXV_EBUSY) &&
           axv_conf_expect_status(c, "unregister_handler(kept)",
                                  axv_host_irq_unregister_handler(kept), AXV_EPERM) &&
           axv_conf_expect_status(c, "disable(kept)", axv_host_irq_disable(kept), AXV_EPERM) &&
           axv_conf_expect_status(c, "enable(kept)", axv_host_irq_enable(kept), AXV_EPERM));
}

static void case_register_refusals(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, host_irq, register_handler) ||
        !AXV_CONF_REQUIRE(c, host_irq, unregister_handler) ||
        !AXV_CONF_REQUIRE(c, host_irq, enable) || !AXV_CONF_REQUIRE(c, host_irq, disable))
        return;
    axv_irq_t irq = c->run->host_irq;
    /* 1023 is the GIC's "nothing pending": no interrupt controller has such a line. */
    axv_irq_t none = AXV_HOST_IRQ_NONE;
    (void)(axv_conf_expect_status(c, "register_handler(irq, NULL)",
                                  axv_host_irq_register_handler(irq, NULL, NULL), AXV_EINVAL) &&
           axv_conf_expect_status(c, "register_handler(1023)",
                                  axv_host_irq_register_handler(none, count_call, NULL),
                                  AXV_EINVAL) &&
           axv_conf_expect_status(c, "unregister_handler(1023)",
                                  axv_host_irq_unregister_handler(none), AXV_EINVAL) &&
           axv_conf_expect_status(c, "enable(1023)", axv_host_irq_enable(none), AXV_EINVAL) &&
           axv_conf_expect_status(c, "disable(1023)", axv_host_irq_disable(none), AXV_EINVAL) &&
           axv_conf_expect_status(c, "unregister_handler(never registered)",
                                  axv_host_irq_unregister_handler(irq), AXV_ENOENT));
    if (c->run->host_irq_kept != 0 && !axv_conf_failed(c))
        check_kept_refused(c, c->run->host_irq_kept);
    if (axv_conf_failed(c))
        return;
    if (!axv_conf_expect_status(c, "register_handler",
                                axv_host_irq_register_handler(irq, count_call, &seen), AXV_OK))
        return;
    (void)(axv_conf_expect_status(c, "register_handler(taken)",
                                  axv_host_irq_register_handler(irq, count_call, NULL),
                                  AXV_EBUSY) &&
           axv_conf_expect_status(c, "enable", axv_host_irq_enable(irq), AXV_OK) &&
           axv_conf_expect_status(c, "enable(again)", axv_host_irq_enable(irq), AXV_OK) &&
           axv_conf_expect_status(c, "disable", axv_host_irq_disable(irq), AXV_OK) &&
           axv_conf_expect_status(c, "disable(again)", axv_host_irq_disable(irq), AXV_OK));
    (void)(axv_conf_expect_status(c, "unregister_handler", axv_host_irq_unregister_handler(irq),
                                  AXV_OK) &&
           axv_conf_expect_status(c, "unregister_handler(again)",
                                  axv_host_irq_unregister_handler(irq), AXV_ENOENT) &&
           axv_conf_expect_status(c, "register_handler(after unregister)",
                                  axv_host_irq_register_handler(irq, count_call, NULL), AXV_OK) &&
           axv_conf_expect_status(c, "unregister_handler(the new one)",
                                  axv_host_irq_unregister_handler(irq), AXV_OK));
}

/* Thread context has acknowledged nothing, so there is nothing to handle. */
static void case_handle_not_acknowledged(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, host_irq, handle))
        return;
    (void)(axv_conf_expect_status(c, "handle(irq never fetched)",
                                  axv_host_irq_handle(c->run->host_irq), AXV_EINVAL) &&
           axv_conf_expect_status(c, "handle(1023)", axv_host_irq_handle(AXV_HOST_IRQ_NONE),
                                  AXV_EINVAL));
}

/* Raises the case's INTID and checks that the handler ran @p want times in all within the
 * timer budget (false: the case has failed). */
static bool raise_and_wait(struct axv_conf_case *c, uint32_t want) {
    int rc = c->run->host_irq_raise(c->run->ctx, c->run->host_irq);
    if (!axv_conf_expect_status(c, "the host_irq_raise hook", rc, AXV_OK))
        return false;
    axv_nanos_t limit = axv_time_current_nanos() + c->run->budget_ns;
    if (axv_conf_wait(c, limit, reached, &want) == AXV_CONF_WAIT_STUCK)
        return false;
    if (calls() != want) {
        struct axv_conf_text *t = axv_conf_fail(c);
        axv_conf_put_str(t, "raised while enabled, the handler ran ");
        axv_conf_put_dec(t, calls());
        axv_conf_put_str(t, " times in all within the timer budget, expected ");
        axv_conf_put_dec(t, want);
        return false;
    }
    return true;
}

static void delivery_steps(struct axv_conf_case *c) {
    axv_irq_t irq = c->run->host_irq;
    if (!axv_conf_expect_status(c, "enable", axv_host_irq_enable(irq), AXV_OK) ||
        !raise_and_wait(c, 1))
        return;
    if (__atomic_load_n(&seen.last_irq, __ATOMIC_RELAXED) != irq ||
        __atomic_load_n(&seen.last_arg, __ATOMIC_RELAXED) != &seen) {
        struct axv_conf_text *t = axv_conf_fail(c);
        axv_conf_put_str(t, "the handler got INTID ");
        axv_conf_put_dec(t, __atomic_load_n(&seen.last_irq, __ATOMIC_RELAXED));
        axv_conf_put_str(t, " or another argument than registered, expected INTID ");
        axv_conf_put_dec(t, irq);
        return;
    }
    /* Raised while disabled: it must stay pending, not run, until the line is enabled. A
     * platform that ran it would do so as soon as for an enabled line, so a margin's wait
     * shows it; a stalled suite only sees less, never a false failure. */
    uint32_t want = 2;
    if (!axv_conf_expect_status(c, "disable", axv_host_irq_disable(irq), AXV_OK) ||
        !axv_conf_expect_status(c, "the host_irq_raise hook",
                                c->run->host_irq_raise(c->run->ctx, irq), AXV_OK))
        return;
    axv_nanos_t limit = axv_time_current_nanos() + axv_conf_margin(c, 0);
    if (axv_conf_wait(c, limit, reached, &want) == AXV_CONF_WAIT_STUCK)
        return;
    if (calls() != 1) {
        axv_conf_put_str(axv_conf_fail(c),
                         "an interrupt raised while its line was disabled ran its handler");
        return;
    }
    if (!axv_conf_expect_status(c, "enable", axv_host_irq_enable(irq), AXV_OK))
        return;
    limit = axv_time_current_nanos() + c->run->budget_ns;
    if (axv_conf_wait(c, limit, reached, &want) == AXV_CONF_WAIT_STUCK)
        return;
    if (calls() != want) {
        struct axv_conf_text *t = axv_conf_fail(c);
        axv_conf_put_str(t, "an interrupt raised while disabled ran its handler ");
        axv_conf_put_dec(t, calls() - 1u);
        axv_conf_put_str(t, " times within the timer budget after enable, expected 1");
    }
}

static void case_delivery(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, host_irq, register_handler) ||
        !AXV_CONF_REQUIRE(c, host_irq, unregister_handler) ||
        !AXV_CONF_REQUIRE(c, host_irq, enable) || !AXV_CONF_REQUIRE(c, host_irq, disable) ||
        !AXV_CONF_REQUIRE(c, time, current_ticks) || !AXV_CONF_REQUIRE(c, time, ticks_to_nanos))
        return;
    if (c->run->host_irq_raise == NULL) {
        axv_conf_put_str(axv_conf_skip(c), "no host_irq_raise hook in the options");
        return;
    }
    __atomic_store_n(&seen.calls, 0u, __ATOMIC_RELAXED);
    __atomic_store_n(&seen.last_irq, AXV_HOST_IRQ_NONE, __ATOMIC_RELAXED);
    __atomic_store_n(&seen.last_arg, NULL, __ATOMIC_RELAXED);
    if (!axv_conf_expect_status(c, "register_handler",
                                axv_host_irq_register_handler(c->run->host_irq, count_call, &seen),
                                AXV_OK))
        return;
    delivery_steps(c);
    /* Disables the line too; it returns once no CPU runs the handler any more. */
    (void)axv_conf_expect_status(c, "unregister_handler",
                                 axv_host_irq_unregister_handler(c->run->host_irq), AXV_OK);
}

static const struct axv_conf_case_def host_irq_cases[] = {
    {"register_refusals", case_register_refusals},
    {"handle_not_acknowledged", case_handle_not_acknowledged},
    {"delivery", case_delivery},
};

const struct axv_conf_area_cases axv_conf_host_irq_cases = {host_irq_cases,
                                                            AXV_CONF_COUNT(host_irq_cases)};
