/**
 * @file oplist.h
 * @brief Preprocessor helpers that turn an op's parameter tuple into code.
 *
 * An op list entry writes its parameters once, as a flat tuple of (type, name) pairs:
 * `(axv_paddr_t *, frame)`, `(size_t, num, axv_paddr_t *, first)`, or `(void)` for none.
 * From that single tuple the generators derive the prototype, the argument list of a
 * forwarding call and the "unused" casts of a default stub, so a name or an order can
 * never drift between them. Types containing commas (function pointer types) must be
 * given through a typedef. At most 8 parameters.
 */
#ifndef AXVISOR_API_OPLIST_H
#define AXVISOR_API_OPLIST_H

/** @cond AXV_PRIVATE */
#define AXV_PRIV_CAT(a, b) AXV_PRIV_CAT_(a, b)
#define AXV_PRIV_CAT_(a, b) a##b
#define AXV_PRIV_NARGS(...) \
    AXV_PRIV_NARGS_(__VA_ARGS__, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define AXV_PRIV_NARGS_(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, n, \
                        ...)                                                                      \
    n

/* Prototype form: "type name, type name". One element means the tuple is (void). */
#define AXV_PRIV_PARAMS_1(v) v
#define AXV_PRIV_PARAMS_2(t1, a1) t1 a1
#define AXV_PRIV_PARAMS_4(t1, a1, t2, a2) t1 a1, t2 a2
#define AXV_PRIV_PARAMS_6(t1, a1, t2, a2, t3, a3) t1 a1, t2 a2, t3 a3
#define AXV_PRIV_PARAMS_8(t1, a1, t2, a2, t3, a3, t4, a4) t1 a1, t2 a2, t3 a3, t4 a4
#define AXV_PRIV_PARAMS_10(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) t1 a1, t2 a2, t3 a3, t4 a4, t5 a5
#define AXV_PRIV_PARAMS_12(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
    t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6
#define AXV_PRIV_PARAMS_14(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7) \
    t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6, t7 a7
#define AXV_PRIV_PARAMS_16(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7, t8, a8) \
    t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6, t7 a7, t8 a8

/* Call form: "name, name". */
#define AXV_PRIV_ARGS_1(v)
#define AXV_PRIV_ARGS_2(t1, a1) a1
#define AXV_PRIV_ARGS_4(t1, a1, t2, a2) a1, a2
#define AXV_PRIV_ARGS_6(t1, a1, t2, a2, t3, a3) a1, a2, a3
#define AXV_PRIV_ARGS_8(t1, a1, t2, a2, t3, a3, t4, a4) a1, a2, a3, a4
#define AXV_PRIV_ARGS_10(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) a1, a2, a3, a4, a5
#define AXV_PRIV_ARGS_12(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) a1, a2, a3, a4, a5, a6
#define AXV_PRIV_ARGS_14(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7) \
    a1, a2, a3, a4, a5, a6, a7
#define AXV_PRIV_ARGS_16(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7, t8, a8) \
    a1, a2, a3, a4, a5, a6, a7, a8

/* Statement form: "(void)name;" for each parameter, for stubs that ignore them. */
#define AXV_PRIV_UNUSED_1(v)
#define AXV_PRIV_UNUSED_2(t1, a1) (void)a1;
#define AXV_PRIV_UNUSED_4(t1, a1, t2, a2) (void)a1, (void)a2;
#define AXV_PRIV_UNUSED_6(t1, a1, t2, a2, t3, a3) (void)a1, (void)a2, (void)a3;
#define AXV_PRIV_UNUSED_8(t1, a1, t2, a2, t3, a3, t4, a4) (void)a1, (void)a2, (void)a3, (void)a4;
#define AXV_PRIV_UNUSED_10(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) \
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
#define AXV_PRIV_UNUSED_12(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5, (void)a6;
#define AXV_PRIV_UNUSED_14(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7) \
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5, (void)a6, (void)a7;
#define AXV_PRIV_UNUSED_16(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7, t8, a8) \
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5, (void)a6, (void)a7, (void)a8;
/** @endcond */

/**
 * @brief Expands a parameter tuple to a prototype's parameter list.
 *
 * `AXV_PARAMS((size_t, n, axv_paddr_t *, out))` gives `size_t n, axv_paddr_t * out`;
 * `AXV_PARAMS((void))` gives `void`.
 */
#define AXV_PARAMS(tuple) AXV_PRIV_CAT(AXV_PRIV_PARAMS_, AXV_PRIV_NARGS tuple) tuple
/** @brief Expands a parameter tuple to the argument list of a forwarding call: `n, out`. */
#define AXV_ARGS(tuple) AXV_PRIV_CAT(AXV_PRIV_ARGS_, AXV_PRIV_NARGS tuple) tuple
/** @brief Expands a parameter tuple to `(void)` casts of every parameter (for stubs). */
#define AXV_UNUSED_PARAMS(tuple) AXV_PRIV_CAT(AXV_PRIV_UNUSED_, AXV_PRIV_NARGS tuple) tuple

/**
 * @name Op kinds
 * The second field of every `AXV_OP(area, kind, ret, name, params)` entry decides what an
 * op does when no registered table implements it:
 * - `STATUS`: returns `int` status; the default returns AXV_ENOSYS.
 * - `VALUE`: returns a value and cannot fail; the default calls axv_fatal() with
 *   "<area>.<op> is not implemented".
 * - `VOID`: returns nothing; the default is fatal like `VALUE`.
 * - `FALLBACK`: has a documented fallback, `axv_<area>_fallback_<op>()`, which the area's
 *   author defines (usually in terms of the area's other ops).
 * @{
 */
/** @cond AXV_PRIVATE */
#define AXV_PRIV_RETURN_STATUS return
#define AXV_PRIV_RETURN_VALUE return
#define AXV_PRIV_RETURN_VOID
#define AXV_PRIV_RETURN_FALLBACK return
/** @endcond */
/** @} */

#endif /* AXVISOR_API_OPLIST_H */
