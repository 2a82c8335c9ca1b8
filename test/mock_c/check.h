/* A minimal check harness for the plain C tests of the fakes: named cases made of
 * expectations, one "ok"/"FAIL" line per case, details for each failed expectation. */
#ifndef AXV_MOCK_C_CHECK_H
#define AXV_MOCK_C_CHECK_H

#include <stddef.h>

/* Records a failed expectation of the current case (printing the expression and line). */
#define EXPECT(cond) check_expect((cond) != 0, #cond, __FILE__, __LINE__)

/* Runs one case: calls fn and prints "ok   <name>" or "FAIL <name>". */
void check_run(const char *name, void (*fn)(void));

/* Used by EXPECT. */
void check_expect(int ok, const char *expr, const char *file, int line);

/* Prints the totals; returns the process exit status (0 when every case passed). */
int check_summary(const char *program);

/* Fills n bytes with a pattern derived from seed: the first byte is seed itself, so
 * values filled from different seeds in 1..255 differ even for one-byte types, and none
 * of them is zero. */
void check_fill(void *p, size_t n, unsigned seed);

#endif /* AXV_MOCK_C_CHECK_H */
