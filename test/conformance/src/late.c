/* Being late: a case whose verdict needs the suite to be on time (arming before the deadlines
 * it compares, cancelling before a deadline) measures it, and when the host stalled the suite
 * retries with a wider margin rather than blame the platform. */
#include "suite.h"

axv_nanos_t axv_conf_margin(const struct axv_conf_case *c, unsigned attempt) {
    axv_nanos_t margin = c->run->margin_ns;
    for (unsigned i = 0; i < attempt; i++)
        margin *= AXV_CONFORMANCE_TIMER_MARGIN_GROWTH;
    return margin;
}

/* "<what> took X ns > Y ns allowed at margin Z ns" */
static void put_lateness(struct axv_conf_text *t, const char *what, axv_nanos_t took_ns,
                         axv_nanos_t allowed_ns, axv_nanos_t margin_ns) {
    axv_conf_put_str(t, what);
    axv_conf_put_str(t, " took ");
    axv_conf_put_dec(t, took_ns);
    axv_conf_put_str(t, " ns > ");
    axv_conf_put_dec(t, allowed_ns);
    axv_conf_put_str(t, " ns allowed at margin ");
    axv_conf_put_dec(t, margin_ns);
    axv_conf_put_str(t, " ns");
}

bool axv_conf_late(struct axv_conf_case *c, unsigned attempt, const char *what, axv_nanos_t took_ns,
                   axv_nanos_t allowed_ns) {
    axv_nanos_t margin = axv_conf_margin(c, attempt);
    if (attempt + 1u >= AXV_CONF_ATTEMPTS) {
        struct axv_conf_text *t = axv_conf_skip(c);
        axv_conf_put_str(t, "the suite was late at every attempt (a host stall, nothing judged): ");
        put_lateness(t, what, took_ns, allowed_ns, margin);
        return false;
    }
    char buf[256]; /* the longest line, three 20-digit numbers included, fits */
    struct axv_conf_text line;
    axv_conf_text_init(&line, buf, sizeof(buf));
    axv_conf_put_str(&line, "# ");
    axv_conf_put_case_name(&line, c);
    axv_conf_put_str(&line, ": retry ");
    axv_conf_put_dec(&line, attempt + 1u);
    axv_conf_put_char(&line, '/');
    axv_conf_put_dec(&line, AXV_CONFORMANCE_TIMER_RETRIES);
    axv_conf_put_str(&line, ": ");
    put_lateness(&line, what, took_ns, allowed_ns, margin);
    axv_conf_put_char(&line, '\n');
    axv_conf_console_write(buf, line.len);
    return true;
}
