/* The entry point: options, the case loop, one output line per case and the final count. */
#include "suite.h"

/* INT_MAX without <limits.h>, which some cross toolchains route to their libc's. */
#define AXV_CONF_INT_MAX ((int)(~0u >> 1))

/* In the order of the list of built-in areas, so index i is selected by bit i of the areas
 * mask. */
static const struct axv_area_desc *const conf_areas[] = {
#define AXV_EACH_AREA(area) &axv_##area##_area,
#include <axvisor_api/each_area.h>
};

static const struct axv_conf_area_cases *cases_of(const struct axv_area_desc *area) {
    for (size_t i = 0; i < axv_conf_num_case_tables; i++) {
        if (axv_conf_case_tables[i].area == area)
            return axv_conf_case_tables[i].cases;
    }
    return NULL;
}

const char *axv_conformance_outcome_name(enum axv_conformance_outcome outcome) {
    switch (outcome) {
    case AXV_CONFORMANCE_PASS:
        return "PASS";
    case AXV_CONFORMANCE_FAIL:
        return "FAIL";
    case AXV_CONFORMANCE_SKIP:
        return "SKIP";
    }
    return "?";
}

static int resolve_options(const struct axv_conformance_options *opts, struct axv_conf_run *run) {
    run->areas = AXV_CONFORMANCE_ALL_AREAS;
    run->max_frames = AXV_CONFORMANCE_DEFAULT_MAX_FRAMES;
    run->budget_ns = AXV_CONFORMANCE_DEFAULT_TIMER_BUDGET_NS;
    run->margin_ns = AXV_CONFORMANCE_DEFAULT_TIMER_MARGIN_NS;
    run->vm_id = 0;
    run->irq = AXV_CONFORMANCE_DEFAULT_IRQ;
    run->shared_routing = AXV_CONFORMANCE_SHARED_UNTESTED;
    run->shared_irq = AXV_CONFORMANCE_DEFAULT_SHARED_IRQ;
    run->ctx = NULL;
    run->idle = NULL;
    run->irq_pending = NULL;
    run->host_irq_raise = NULL;
    run->host_irq = AXV_CONFORMANCE_DEFAULT_HOST_IRQ;
    run->host_irq_kept = 0;
    if (opts != NULL) {
        if ((opts->areas & ~AXV_CONFORMANCE_ALL_AREAS) != 0)
            return AXV_EINVAL;
        if (opts->areas != 0)
            run->areas = opts->areas;
        if (opts->max_frames != 0) {
            if (opts->max_frames < AXV_CONFORMANCE_MIN_FRAMES)
                return AXV_EINVAL;
            run->max_frames = opts->max_frames;
        }
        if (opts->timer_budget_ns != 0) {
            if (opts->timer_budget_ns < AXV_CONFORMANCE_MIN_TIMER_BUDGET_NS ||
                opts->timer_budget_ns > AXV_CONFORMANCE_MAX_TIMER_BUDGET_NS)
                return AXV_EINVAL;
            run->budget_ns = opts->timer_budget_ns;
        }
        if (opts->timer_margin_ns != 0) {
            if (opts->timer_margin_ns < AXV_CONFORMANCE_MIN_TIMER_MARGIN_NS ||
                opts->timer_margin_ns > AXV_CONFORMANCE_MAX_TIMER_MARGIN_NS)
                return AXV_EINVAL;
            run->margin_ns = opts->timer_margin_ns;
        }
        /* The vmm cases use (axv_vm_id_t)-1 as the VM that does not exist. */
        if (opts->vm_id == (axv_vm_id_t)-1)
            return AXV_EINVAL;
        run->vm_id = opts->vm_id;
        if (opts->irq != 0)
            run->irq = opts->irq;
        if ((unsigned)opts->shared_routing > (unsigned)AXV_CONFORMANCE_SHARED_REFUSED)
            return AXV_EINVAL;
        run->shared_routing = opts->shared_routing;
        if (opts->shared_irq != 0)
            run->shared_irq = opts->shared_irq;
        run->ctx = opts->ctx;
        run->idle = opts->idle;
        run->irq_pending = opts->irq_pending;
        run->host_irq_raise = opts->host_irq_raise;
        if (opts->host_irq != 0)
            run->host_irq = opts->host_irq;
        run->host_irq_kept = opts->host_irq_kept;
    }
    return AXV_OK;
}

struct axv_conf_text *axv_conf_fail(struct axv_conf_case *c) {
    if (c->outcome == AXV_CONFORMANCE_FAIL)
        return &c->sink;
    c->outcome = AXV_CONFORMANCE_FAIL;
    axv_conf_text_init(&c->detail, c->detail_buf, sizeof(c->detail_buf));
    return &c->detail;
}

struct axv_conf_text *axv_conf_skip(struct axv_conf_case *c) {
    if (c->outcome != AXV_CONFORMANCE_PASS)
        return &c->sink;
    c->outcome = AXV_CONFORMANCE_SKIP;
    axv_conf_text_init(&c->detail, c->detail_buf, sizeof(c->detail_buf));
    return &c->detail;
}

bool axv_conf_failed(const struct axv_conf_case *c) {
    return c->outcome == AXV_CONFORMANCE_FAIL;
}

bool axv_conf_expect_status(struct axv_conf_case *c, const char *what, int got, int want) {
    if (got == want)
        return true;
    struct axv_conf_text *t = axv_conf_fail(c);
    axv_conf_put_str(t, what);
    axv_conf_put_str(t, " returned ");
    axv_conf_put_status(t, got);
    axv_conf_put_str(t, ", expected ");
    axv_conf_put_status(t, want);
    return false;
}

bool axv_conf_require(struct axv_conf_case *c, const struct axv_area_desc *area, bool implemented,
                      unsigned op) {
    if (implemented)
        return true;
    struct axv_conf_text *t = axv_conf_skip(c);
    if (area->state->implemented == 0) {
        axv_conf_put_str(t, "the platform implements no ");
        axv_conf_put_str(t, area->name);
        axv_conf_put_str(t, " op");
    } else {
        axv_conf_put_str(t, area->name);
        axv_conf_put_char(t, '.');
        axv_conf_put_str(t, area->op_names[op]);
        axv_conf_put_str(t, " is not implemented");
    }
    return false;
}

void axv_conf_put_case_name(struct axv_conf_text *t, const struct axv_conf_case *c) {
    axv_conf_put_str(t, c->area->name);
    axv_conf_put_char(t, '.');
    axv_conf_put_str(t, c->def->name);
}

/* Prints "<OUTCOME> <area>.<case>[: <detail>]" and hands the same to the report hook. */
static void emit(const struct axv_conformance_options *opts, const struct axv_conf_case *c) {
    char name_buf[80];
    struct axv_conf_text name;
    axv_conf_text_init(&name, name_buf, sizeof(name_buf));
    axv_conf_put_case_name(&name, c);

    char line_buf[sizeof(name_buf) + AXV_CONF_DETAIL_MAX + 16];
    struct axv_conf_text line;
    axv_conf_text_init(&line, line_buf, sizeof(line_buf));
    axv_conf_put_str(&line, axv_conformance_outcome_name(c->outcome));
    axv_conf_put_char(&line, ' ');
    axv_conf_put_str(&line, name_buf);
    const char *detail = c->outcome == AXV_CONFORMANCE_PASS ? "" : c->detail_buf;
    if (c->outcome != AXV_CONFORMANCE_PASS) {
        axv_conf_put_str(&line, ": ");
        axv_conf_put_str(&line, detail[0] != '\0' ? detail : "(no detail)");
    }
    axv_conf_put_char(&line, '\n');
    axv_conf_console_write(line_buf, line.len);

    if (opts != NULL && opts->report != NULL)
        opts->report(opts->ctx, name_buf, c->outcome, detail);
}

static void run_case(const struct axv_conformance_options *opts, const struct axv_conf_run *run,
                     size_t area_index, const struct axv_conf_case_def *def,
                     struct axv_conformance_result *counts) {
    const struct axv_area_desc *area = conf_areas[area_index];
    /* Field by field: a freestanding build has no memset for an initialiser to call. */
    struct axv_conf_case c;
    c.run = run;
    c.area = area;
    c.def = def;
    c.stalled_ns = 0;
    c.outcome = AXV_CONFORMANCE_PASS;
    axv_conf_text_init(&c.detail, c.detail_buf, sizeof(c.detail_buf));
    axv_conf_text_init(&c.sink, NULL, 0);

    if ((run->areas & (UINT32_C(1) << area_index)) == 0)
        axv_conf_put_str(axv_conf_skip(&c), "area not selected by the options");
    else
        def->fn(&c);

    emit(opts, &c);
    if (c.outcome == AXV_CONFORMANCE_PASS)
        counts->passed++;
    else if (c.outcome == AXV_CONFORMANCE_FAIL)
        counts->failed++;
    else
        counts->skipped++;
}

static void print_summary(const struct axv_conformance_result *counts) {
    char buf[96];
    struct axv_conf_text t;
    axv_conf_text_init(&t, buf, sizeof(buf));
    axv_conf_put_dec(&t, counts->passed);
    axv_conf_put_str(&t, " passed, ");
    axv_conf_put_dec(&t, counts->failed);
    axv_conf_put_str(&t, " failed");
    if (counts->skipped != 0) {
        axv_conf_put_str(&t, ", ");
        axv_conf_put_dec(&t, counts->skipped);
        axv_conf_put_str(&t, " skipped");
    }
    axv_conf_put_char(&t, '\n');
    axv_conf_console_write(buf, t.len);
}

int axv_conformance_run(const struct axv_conformance_options *opts,
                        struct axv_conformance_result *result) {
    struct axv_conformance_result counts;
    counts.passed = 0;
    counts.failed = 0;
    counts.skipped = 0;
    if (result != NULL) {
        result->passed = 0;
        result->failed = 0;
        result->skipped = 0;
    }
    struct axv_conf_run run;
    int rc = resolve_options(opts, &run);
    if (rc != AXV_OK)
        return rc;

    for (size_t a = 0; a < AXV_CONF_COUNT(conf_areas); a++) {
        const struct axv_conf_area_cases *cases = cases_of(conf_areas[a]);
        for (size_t i = 0; cases != NULL && i < cases->count; i++)
            run_case(opts, &run, a, &cases->cases[i], &counts);
    }
    print_summary(&counts);

    if (result != NULL) {
        result->passed = counts.passed;
        result->failed = counts.failed;
        result->skipped = counts.skipped;
    }
    return counts.failed > (size_t)AXV_CONF_INT_MAX ? AXV_CONF_INT_MAX : (int)counts.failed;
}
