/*
 * Helpers for the Eva drivers: a value of any type with any bits, an argument list of any
 * values for an op's parameter tuple, and a read of a whole string.
 */
#ifndef AXV_PROOF_ANY_H
#define AXV_PROOF_ANY_H

#include <stddef.h>

#include <__fc_builtin.h>

/* Room for the largest parameter or return type of an op. */
static unsigned char proof_any_bytes[16] __attribute__((aligned(16)));

/* Storage whose first @p size bytes hold any bits. */
static inline void *proof_any_object(size_t size) {
    Frama_C_make_unknown((char *)proof_any_bytes, size);
    return proof_any_bytes;
}

/* A value of type @p type with any bits. */
#define PROOF_ANY(type) (*(type *)proof_any_object(sizeof(type)))

/* Any argument for each parameter of a tuple (see <axvisor_api/oplist.h>): "(void)" gives
 * nothing, "(t1, a1, t2, a2)" gives "PROOF_ANY(t1), PROOF_ANY(t2)". */
#define PROOF_CAT(a, b) PROOF_CAT_(a, b)
#define PROOF_CAT_(a, b) a##b
#define PROOF_NARGS(...) \
    PROOF_NARGS_(__VA_ARGS__, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define PROOF_NARGS_(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, n, \
                     ...)                                                                      \
    n
#define PROOF_ANY_ARGS(tuple) PROOF_CAT(PROOF_ANY_ARGS_, PROOF_NARGS tuple) tuple
#define PROOF_ANY_ARGS_1(v)
#define PROOF_ANY_ARGS_2(t1, a1) PROOF_ANY(t1)
#define PROOF_ANY_ARGS_4(t1, a1, t2, a2) PROOF_ANY(t1), PROOF_ANY(t2)
#define PROOF_ANY_ARGS_6(t1, a1, t2, a2, t3, a3) PROOF_ANY(t1), PROOF_ANY(t2), PROOF_ANY(t3)
#define PROOF_ANY_ARGS_8(t1, a1, t2, a2, t3, a3, t4, a4) \
    PROOF_ANY(t1), PROOF_ANY(t2), PROOF_ANY(t3), PROOF_ANY(t4)
#define PROOF_ANY_ARGS_10(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) \
    PROOF_ANY(t1), PROOF_ANY(t2), PROOF_ANY(t3), PROOF_ANY(t4), PROOF_ANY(t5)
#define PROOF_ANY_ARGS_12(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
    PROOF_ANY(t1), PROOF_ANY(t2), PROOF_ANY(t3), PROOF_ANY(t4), PROOF_ANY(t5), PROOF_ANY(t6)
#define PROOF_ANY_ARGS_14(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7)             \
    PROOF_ANY(t1), PROOF_ANY(t2), PROOF_ANY(t3), PROOF_ANY(t4), PROOF_ANY(t5), PROOF_ANY(t6), \
        PROOF_ANY(t7)
#define PROOF_ANY_ARGS_16(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7, t8, a8)     \
    PROOF_ANY(t1), PROOF_ANY(t2), PROOF_ANY(t3), PROOF_ANY(t4), PROOF_ANY(t5), PROOF_ANY(t6), \
        PROOF_ANY(t7), PROOF_ANY(t8)

/* Reads @p s up to its terminator: an alarm unless it is a valid string. */
static inline void proof_read_string(const char *s) {
    size_t n = 0;
    while (s[n] != '\0')
        n++;
    Frama_C_show_each_proof_string_length(n);
}

#endif /* AXV_PROOF_ANY_H */
