/*
 * Internals shared by the conformance suite's files: the per-case context, the text
 * formatter, op requirements, bounded waiting and the case tables. Not installed.
 */
#ifndef AXV_CONFORMANCE_SUITE_H
#define AXV_CONFORMANCE_SUITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/conformance.h>

/* --- Text: a bounded, always NUL-terminated buffer; output past its end is dropped. ----- */

struct axv_conf_text {
    char *buf;  /* NULL with cap 0 for a sink that keeps nothing */
    size_t cap; /* bytes in buf, the NUL included */
    size_t len; /* characters kept so far */
};

void axv_conf_text_init(struct axv_conf_text *t, char *buf, size_t cap);
void axv_conf_put_char(struct axv_conf_text *t, char ch);
void axv_conf_put_str(struct axv_conf_text *t, const char *s);
void axv_conf_put_dec(struct axv_conf_text *t, uint64_t value);
void axv_conf_put_hex(struct axv_conf_text *t, uint64_t value);
/* A status code by name ("AXV_EINVAL"), or in decimal when it is not one. */
void axv_conf_put_status(struct axv_conf_text *t, int status);

/* Writes all of s[0..len) to the console (if it implements write_bytes), retrying short
 * writes so a faulty console still shows whole lines. */
void axv_conf_console_write(const char *s, size_t len);

/* --- The run and one case ---------------------------------------------------------------- */

/* Options with defaults filled in, and values derived from them. */
struct axv_conf_run {
    uint32_t areas;
    size_t max_frames;
    axv_nanos_t budget_ns; /* how long past its deadline a timer may take to fire */
    axv_nanos_t margin_ns; /* how far ahead a case's first deadline lies, at first */
    axv_vm_id_t vm_id;
    axv_irq_t irq;
    enum axv_conformance_shared_routing shared_routing;
    axv_irq_t shared_irq;
    void *ctx;
    void (*idle)(void *ctx);
    bool (*irq_pending)(void *ctx, axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, axv_irq_t irq);
};

#define AXV_CONF_DETAIL_MAX 200

struct axv_conf_case_def;

struct axv_conf_case {
    const struct axv_conf_run *run;
    const struct axv_area_desc *area;    /* for the case's name in retry lines */
    const struct axv_conf_case_def *def; /* ditto */
    axv_nanos_t stalled_ns;              /* what the latest wait did not count */
    enum axv_conformance_outcome outcome;
    struct axv_conf_text detail; /* why it failed or was skipped */
    struct axv_conf_text sink;   /* where later failures' text goes: only the first counts */
    char detail_buf[AXV_CONF_DETAIL_MAX];
};

/* Marks the case failed and returns where to write why; only the first failure is kept
 * (and a failure overrides a skip decided earlier). */
struct axv_conf_text *axv_conf_fail(struct axv_conf_case *c);
/* Marks the case skipped (unless it already failed or was skipped) and returns where to
 * write why. */
struct axv_conf_text *axv_conf_skip(struct axv_conf_case *c);
bool axv_conf_failed(const struct axv_conf_case *c);
/* Writes the case's full name, "<area>.<case>". */
void axv_conf_put_case_name(struct axv_conf_text *t, const struct axv_conf_case *c);

/* Fails the case with "<what> returned <got>, expected <want>" unless got == want. */
bool axv_conf_expect_status(struct axv_conf_case *c, const char *what, int got, int want);

/* Skips the case, naming the op, unless @p implemented. The reason says when the platform
 * implements nothing of the area at all. */
bool axv_conf_require(struct axv_conf_case *c, const struct axv_area_desc *area, bool implemented,
                      unsigned op);
/* True when op @p op of area @p area is implemented; otherwise skips the case. */
#define AXV_CONF_REQUIRE(c, area, op)                                                        \
    axv_conf_require((c), &axv_##area##_area, axv_##area##_implements(axv_##area##_op_##op), \
                     (unsigned)axv_##area##_op_##op)

/* --- Time -------------------------------------------------------------------------------- */

/* Lets a polled platform make progress (the idle hook), if there is one. */
void axv_conf_idle(const struct axv_conf_run *run);

enum axv_conf_wait_result {
    AXV_CONF_WAIT_DONE,    /* done() became true */
    AXV_CONF_WAIT_TIMEOUT, /* the clock reached the limit first */
    AXV_CONF_WAIT_STUCK    /* the clock stopped advancing; the case has been failed */
};

/* Idles until done(arg) is true (done NULL: never) or the clock reaches limit_ns. A jump of
 * the clock between two polls by more than the run's margin is a host stall (the suite was
 * not running): the excess pushes the limit back, by at most 9 budgets in all, and is kept
 * in c->stalled_ns. Every wait ends: when the clock stands still for too many polls the
 * case fails. Needs the time area's current_ticks and ticks_to_nanos. */
enum axv_conf_wait_result axv_conf_wait(struct axv_conf_case *c, axv_nanos_t limit_ns,
                                        bool (*done)(const void *arg), const void *arg);

/* --- Being late: the suite, not the platform ---------------------------------------------- */

/* Attempts a margin-bound case makes at most: the first and its retries. */
#define AXV_CONF_ATTEMPTS (AXV_CONFORMANCE_TIMER_RETRIES + 1u)

/* The margin of attempt @p attempt (0 for the first): the run's margin, widened per retry. */
axv_nanos_t axv_conf_margin(const struct axv_conf_case *c, unsigned attempt);

/* Attempt @p attempt was late: @p what took @p took_ns, more than the @p allowed_ns its
 * margin allowed, so its verdict would say more about the host than the platform. Prints
 * "# <case>: retry k/N: ..." and returns true when another attempt is left; otherwise skips
 * the case saying so and returns false. */
bool axv_conf_late(struct axv_conf_case *c, unsigned attempt, const char *what, axv_nanos_t took_ns,
                   axv_nanos_t allowed_ns);

/* --- Cases ------------------------------------------------------------------------------- */

typedef void (*axv_conf_case_fn)(struct axv_conf_case *c);

struct axv_conf_case_def {
    const char *name; /* the part after "<area>." */
    axv_conf_case_fn fn;
};

struct axv_conf_area_cases {
    const struct axv_conf_case_def *cases;
    size_t count;
};

/* The cases of one area, found by its descriptor. An area the suite has no cases for (a
 * built-in area just added, say) runs none, so adding an area never breaks the suite. */
struct axv_conf_area_case_table {
    const struct axv_area_desc *area;
    const struct axv_conf_area_cases *cases;
};
extern const struct axv_conf_area_case_table axv_conf_case_tables[];
extern const size_t axv_conf_num_case_tables;

extern const struct axv_conf_area_cases axv_conf_memory_cases;
extern const struct axv_conf_area_cases axv_conf_time_cases;
extern const struct axv_conf_area_cases axv_conf_vmm_cases;
extern const struct axv_conf_area_cases axv_conf_host_cases;
extern const struct axv_conf_area_cases axv_conf_arch_cases;
extern const struct axv_conf_area_cases axv_conf_console_cases;
extern const struct axv_conf_area_cases axv_conf_riscv_cases;

#define AXV_CONF_COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* Timer cases, in timer_cases.c and cancel_cases.c, listed by time_cases.c. */
void axv_conf_case_timer_not_early(struct axv_conf_case *c);
void axv_conf_case_timer_order(struct axv_conf_case *c);
void axv_conf_case_timer_equal_deadlines(struct axv_conf_case *c);
void axv_conf_case_timer_callback_registers(struct axv_conf_case *c);
void axv_conf_case_register_timer_invalid(struct axv_conf_case *c);
void axv_conf_case_cancel_before_expiry(struct axv_conf_case *c);
void axv_conf_case_cancel_after_fire(struct axv_conf_case *c);
void axv_conf_case_cancel_twice(struct axv_conf_case *c);
void axv_conf_case_cancel_unknown(struct axv_conf_case *c);

#endif /* AXV_CONFORMANCE_SUITE_H */
