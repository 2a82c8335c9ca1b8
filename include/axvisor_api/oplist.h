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
#define AXV_PRIV_UNPAREN(...) __VA_ARGS__
/* `macro args` is rescanned as one argument, so the call expands even in preprocessors that
 * do not rescan a macro name taken from a parameter (cppcheck's, test/analysis). */
#define AXV_PRIV_CALL(macro, args) AXV_PRIV_EXPAND(macro args)
#define AXV_PRIV_EXPAND(x) x

/* One step per (type, name) pair; a tuple of one element is (void) and gives `none`. The
 * argument list is built first and applied through AXV_PRIV_CALL, so the step macros see
 * the tuple's elements as separate arguments. */
#define AXV_PRIV_MAP_1(f, sep, none, v) none
#define AXV_PRIV_MAP_2(f, sep, none, t, a) f(t, a)
#define AXV_PRIV_MAP_4(f, sep, none, t, a, ...) \
    f(t, a) sep() AXV_PRIV_MAP_2(f, sep, none, __VA_ARGS__)
#define AXV_PRIV_MAP_6(f, sep, none, t, a, ...) \
    f(t, a) sep() AXV_PRIV_MAP_4(f, sep, none, __VA_ARGS__)
#define AXV_PRIV_MAP_8(f, sep, none, t, a, ...) \
    f(t, a) sep() AXV_PRIV_MAP_6(f, sep, none, __VA_ARGS__)
#define AXV_PRIV_MAP_10(f, sep, none, t, a, ...) \
    f(t, a) sep() AXV_PRIV_MAP_8(f, sep, none, __VA_ARGS__)
#define AXV_PRIV_MAP_12(f, sep, none, t, a, ...) \
    f(t, a) sep() AXV_PRIV_MAP_10(f, sep, none, __VA_ARGS__)
#define AXV_PRIV_MAP_14(f, sep, none, t, a, ...) \
    f(t, a) sep() AXV_PRIV_MAP_12(f, sep, none, __VA_ARGS__)
#define AXV_PRIV_MAP_16(f, sep, none, t, a, ...) \
    f(t, a) sep() AXV_PRIV_MAP_14(f, sep, none, __VA_ARGS__)

#define AXV_PRIV_PARAM(t, a) t a
#define AXV_PRIV_ARG(t, a) a
#define AXV_PRIV_UNUSED(t, a) (void)(a);
#define AXV_PRIV_FIELD(t, a) t a;
/** @endcond */

/** @brief Separator for AXV_MAP_PARAMS(): a comma between two expansions. */
#define AXV_SEP_COMMA() ,
/** @brief Separator for AXV_MAP_PARAMS(): nothing between two expansions. */
#define AXV_SEP_NONE()

/**
 * @brief Applies `f(type, name)` to each pair of a parameter tuple.
 *
 * `AXV_MAP_PARAMS(F, AXV_SEP_COMMA, none, (int, a, char, b))` gives
 * `F(int, a) , F(char, b)`; the tuple `(void)` gives `none`.
 * @param f A macro taking a parameter's type and name.
 * @param sep A function-like macro called as `sep()` between two expansions (AXV_SEP_COMMA or
 *        AXV_SEP_NONE).
 * @param none What `(void)` expands to (may be empty).
 * @param tuple The op's parameter tuple, at most 8 pairs.
 */
#define AXV_MAP_PARAMS(f, sep, none, tuple)                          \
    AXV_PRIV_CALL(AXV_PRIV_CAT(AXV_PRIV_MAP_, AXV_PRIV_NARGS tuple), \
                  (f, sep, none, AXV_PRIV_UNPAREN tuple))

/**
 * @brief Expands a parameter tuple to a prototype's parameter list.
 *
 * `AXV_PARAMS((size_t, n, axv_paddr_t *, out))` gives `size_t n, axv_paddr_t * out`;
 * `AXV_PARAMS((void))` gives `void`.
 */
#define AXV_PARAMS(tuple) AXV_MAP_PARAMS(AXV_PRIV_PARAM, AXV_SEP_COMMA, void, tuple)
/** @brief Expands a parameter tuple to the argument list of a forwarding call: `n, out`. */
#define AXV_ARGS(tuple) AXV_MAP_PARAMS(AXV_PRIV_ARG, AXV_SEP_COMMA, , tuple)
/** @brief Expands a parameter tuple to `(void)` casts of every parameter (for stubs). */
#define AXV_UNUSED_PARAMS(tuple) AXV_MAP_PARAMS(AXV_PRIV_UNUSED, AXV_SEP_NONE, , tuple)
/**
 * @brief Like AXV_PARAMS(), but empty for `(void)`: for C++ signatures such as gMock's
 * MOCK_METHOD, which refuses `(void)`.
 */
#define AXV_PARAMS_OR_EMPTY(tuple) AXV_MAP_PARAMS(AXV_PRIV_PARAM, AXV_SEP_COMMA, , tuple)
/**
 * @brief Expands a parameter tuple to struct members, one per parameter, named as the
 * parameters: `size_t n; axv_paddr_t * out;`.
 *
 * `(void)` gives a single `char no_args;`, because C forbids empty structs. Use it to record
 * a call's arguments (the fakes do). A parameter type must be assignable (no top-level
 * `const`), which a parameter never needs.
 */
#define AXV_FIELDS(tuple) AXV_MAP_PARAMS(AXV_PRIV_FIELD, AXV_SEP_NONE, char no_args;, tuple)
/**
 * @brief Expands a parameter tuple to an initialiser of the struct AXV_FIELDS() declares,
 * from the parameters in scope: `{n, out}`, or `{0}` for `(void)`.
 */
#define AXV_ARGS_INIT(tuple) \
    { AXV_MAP_PARAMS(AXV_PRIV_ARG, AXV_SEP_COMMA, 0, tuple) }

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
