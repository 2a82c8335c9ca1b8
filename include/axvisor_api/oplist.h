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

/**
 * @defgroup axv_machinery Defining API areas
 * @brief Op lists and the generators that expand them: how the built-in areas are made,
 * and how a component defines (<axvisor_api/area_declare.h>, <axvisor_api/area_define.h>)
 * or implements (<axvisor_api/area_impl.h>) an area of its own.
 * @{
 */

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

/* Member form: "type name;" per parameter. C forbids empty structs, so (void) gives one
 * placeholder member; no parameter can be named like it because (void) has none. */
#define AXV_PRIV_FIELDS_1(v) char no_args;
#define AXV_PRIV_FIELDS_2(t1, a1) t1 a1;
#define AXV_PRIV_FIELDS_4(t1, a1, t2, a2) \
    t1 a1;                                \
    t2 a2;
#define AXV_PRIV_FIELDS_6(t1, a1, t2, a2, t3, a3) \
    t1 a1;                                        \
    t2 a2;                                        \
    t3 a3;
#define AXV_PRIV_FIELDS_8(t1, a1, t2, a2, t3, a3, t4, a4) \
    t1 a1;                                                \
    t2 a2;                                                \
    t3 a3;                                                \
    t4 a4;
#define AXV_PRIV_FIELDS_10(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) \
    t1 a1;                                                         \
    t2 a2;                                                         \
    t3 a3;                                                         \
    t4 a4;                                                         \
    t5 a5;
#define AXV_PRIV_FIELDS_12(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
    t1 a1;                                                                 \
    t2 a2;                                                                 \
    t3 a3;                                                                 \
    t4 a4;                                                                 \
    t5 a5;                                                                 \
    t6 a6;
#define AXV_PRIV_FIELDS_14(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7) \
    t1 a1;                                                                         \
    t2 a2;                                                                         \
    t3 a3;                                                                         \
    t4 a4;                                                                         \
    t5 a5;                                                                         \
    t6 a6;                                                                         \
    t7 a7;
#define AXV_PRIV_FIELDS_16(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7, t8, a8) \
    t1 a1;                                                                                 \
    t2 a2;                                                                                 \
    t3 a3;                                                                                 \
    t4 a4;                                                                                 \
    t5 a5;                                                                                 \
    t6 a6;                                                                                 \
    t7 a7;                                                                                 \
    t8 a8;

/* Initialiser form: "{name, name}" in parameter order; (void) fills the placeholder. */
#define AXV_PRIV_ARGS_INIT_1(v) \
    { 0 }
#define AXV_PRIV_ARGS_INIT_2(t1, a1) \
    { a1 }
#define AXV_PRIV_ARGS_INIT_4(t1, a1, t2, a2) \
    { a1, a2 }
#define AXV_PRIV_ARGS_INIT_6(t1, a1, t2, a2, t3, a3) \
    { a1, a2, a3 }
#define AXV_PRIV_ARGS_INIT_8(t1, a1, t2, a2, t3, a3, t4, a4) \
    { a1, a2, a3, a4 }
#define AXV_PRIV_ARGS_INIT_10(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) \
    { a1, a2, a3, a4, a5 }
#define AXV_PRIV_ARGS_INIT_12(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
    { a1, a2, a3, a4, a5, a6 }
#define AXV_PRIV_ARGS_INIT_14(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7) \
    { a1, a2, a3, a4, a5, a6, a7 }
#define AXV_PRIV_ARGS_INIT_16(t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7, t8, a8) \
    { a1, a2, a3, a4, a5, a6, a7, a8 }

/* Prototype form without "void": empty for (void), for C++ (and gMock) signatures. */
#define AXV_PRIV_PARAMS_OR_EMPTY_1(v)
#define AXV_PRIV_PARAMS_OR_EMPTY_2(...) AXV_PRIV_PARAMS_2(__VA_ARGS__)
#define AXV_PRIV_PARAMS_OR_EMPTY_4(...) AXV_PRIV_PARAMS_4(__VA_ARGS__)
#define AXV_PRIV_PARAMS_OR_EMPTY_6(...) AXV_PRIV_PARAMS_6(__VA_ARGS__)
#define AXV_PRIV_PARAMS_OR_EMPTY_8(...) AXV_PRIV_PARAMS_8(__VA_ARGS__)
#define AXV_PRIV_PARAMS_OR_EMPTY_10(...) AXV_PRIV_PARAMS_10(__VA_ARGS__)
#define AXV_PRIV_PARAMS_OR_EMPTY_12(...) AXV_PRIV_PARAMS_12(__VA_ARGS__)
#define AXV_PRIV_PARAMS_OR_EMPTY_14(...) AXV_PRIV_PARAMS_14(__VA_ARGS__)
#define AXV_PRIV_PARAMS_OR_EMPTY_16(...) AXV_PRIV_PARAMS_16(__VA_ARGS__)
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
 * @brief Like AXV_PARAMS(), but empty for `(void)`: for C++ signatures such as gMock's
 * MOCK_METHOD, which refuses `(void)`.
 */
#define AXV_PARAMS_OR_EMPTY(tuple) \
    AXV_PRIV_CAT(AXV_PRIV_PARAMS_OR_EMPTY_, AXV_PRIV_NARGS tuple) tuple
/**
 * @brief Expands a parameter tuple to struct members, one per parameter, named as the
 * parameters: `size_t n; axv_paddr_t * out;`.
 *
 * `(void)` gives a single `char no_args;`, because C forbids empty structs. Use it to record
 * a call's arguments (the fakes do). A parameter type must be assignable (no top-level
 * `const`), which a parameter never needs.
 */
#define AXV_FIELDS(tuple) AXV_PRIV_CAT(AXV_PRIV_FIELDS_, AXV_PRIV_NARGS tuple) tuple
/**
 * @brief Expands a parameter tuple to an initialiser of the struct AXV_FIELDS() declares,
 * from the parameters in scope: `{n, out}`, or `{0}` for `(void)`.
 */
#define AXV_ARGS_INIT(tuple) AXV_PRIV_CAT(AXV_PRIV_ARGS_INIT_, AXV_PRIV_NARGS tuple) tuple

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

/** @} */

#endif /* AXVISOR_API_OPLIST_H */
