/* The check harness: see check.h. */
#include "check.h"

#include <stdio.h>

/* Past this many failed expectations in one case, only the count is reported. */
#define CHECK_DETAILS_PER_CASE 8

static const char *current_case;
static unsigned case_failures;
static unsigned cases_run;
static unsigned cases_failed;

void check_expect(int ok, const char *expr, const char *file, int line) {
    if (ok)
        return;
    if (case_failures++ < CHECK_DETAILS_PER_CASE)
        printf("     %s:%d: expected %s\n", file, line, expr);
    fflush(stdout);
}

void check_run(const char *name, void (*fn)(void)) {
    current_case = name;
    case_failures = 0;
    fn();
    cases_run++;
    if (case_failures == 0) {
        printf("ok   %s\n", current_case);
    } else {
        cases_failed++;
        printf("FAIL %s (%u failed expectations)\n", current_case, case_failures);
    }
    fflush(stdout);
}

int check_summary(const char *program) {
    printf("%s: %u cases, %u failed\n", program, cases_run, cases_failed);
    return cases_failed == 0 && cases_run > 0 ? 0 : 1;
}

void check_fill(void *p, size_t n, unsigned seed) {
    unsigned char *bytes = p;
    for (size_t i = 0; i < n; i++)
        bytes[i] = (unsigned char)(seed + i * 53u);
}
