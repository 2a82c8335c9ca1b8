/*
 * Generates generic checks of one area's fakes from its op list, so every op of every area
 * is covered without writing any op by hand. Include it, with AXV_AREA_OPS defined as the
 * op list, after the area's fake declarations. For area A it defines (all static):
 *   run_A_fake_checks()      per op, through axv_fake_A_ops: records count, last arguments
 *                            and history; history bound and dropped count; delegation to
 *                            custom; for ops that return something, return_value and
 *                            return sequences (exhaustion, rewinding, empty); reset
 *   run_A_accessor_checks()  per op: the accessor reaches the registered fake (register
 *                            axv_fake_A_ops first)
 *   A_fake_total_calls()     the sum of call_count over the area's fakes
 *   call_every_A_fake()      calls every fake of the area once, with zeroed arguments
 * Arguments and results are filled with check_fill() patterns: distinct per call, never 0.
 * No include guard (it runs once per area); it undefines AXV_AREA_OPS.
 */
#ifndef AXV_AREA_OPS
#error "define AXV_AREA_OPS as the op list's path before including fake_checks.h"
#endif

#include <stddef.h>
#include <axvisor_api/compiler.h>
#include <axvisor_api/mock/fake_common.h>

#include "check.h"
#include "tuple_check.h"

/* Ops that return something get the result checks; VOID ops do not. */
#define FC_SHAPE_STATUS RESULT
#define FC_SHAPE_VALUE RESULT
#define FC_SHAPE_FALLBACK RESULT
#define FC_SHAPE_VOID NORESULT
#define FC_SHAPED(prefix, kind) AXV_PRIV_CAT(prefix, FC_SHAPE_##kind)

#define FC_ARGS_T(area, name) axv_fake_##area##_##name##_args_t
#define FC_RET_T(area, name) axv_fake_##area##_##name##_ret_t
#define FC_CALL(area, name, s, params) axv_fake_##area##_ops.name(TC_ARGS_OF(s, params))

/* Pass 1: per-area helpers. */
#define AXV_AREA_BEGIN(area)                                         \
    AXV_MAYBE_UNUSED static unsigned area##_fake_total_calls(void) { \
        return 0
#define AXV_OP(area, kind, ret, name, params) +axv_fake_##area##_##name.call_count
#define AXV_AREA_END(area) \
    ;                      \
    }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

#define AXV_AREA_BEGIN(area) AXV_MAYBE_UNUSED static void call_every_##area##_fake(void) {
#define AXV_OP(area, kind, ret, name, params)                     \
    {                                                             \
        static const FC_ARGS_T(area, name) fc_zero;               \
        (void)fc_zero; /* unused when the op has no parameters */ \
        (void)FC_CALL(area, name, fc_zero, params);               \
    }
#define AXV_AREA_END(area) }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 2: a custom function per op that counts its calls and keeps its arguments. */
#define FC_CUSTOM_RESULT(area, ret, name, params)                              \
    static unsigned area##_##name##_custom_calls;                              \
    AXV_MAYBE_UNUSED static FC_ARGS_T(area, name) area##_##name##_custom_seen; \
    static FC_RET_T(area, name) area##_##name##_custom_result;                 \
    static ret area##_##name##_custom(AXV_PARAMS(params)) {                    \
        area##_##name##_custom_calls++;                                        \
        TC_STORE(area##_##name##_custom_seen, params)                          \
        return area##_##name##_custom_result;                                  \
    }
#define FC_CUSTOM_NORESULT(area, ret, name, params)                            \
    static unsigned area##_##name##_custom_calls;                              \
    AXV_MAYBE_UNUSED static FC_ARGS_T(area, name) area##_##name##_custom_seen; \
    static ret area##_##name##_custom(AXV_PARAMS(params)) {                    \
        area##_##name##_custom_calls++;                                        \
        TC_STORE(area##_##name##_custom_seen, params)                          \
    }
#define AXV_AREA_BEGIN(area)
#define AXV_OP(area, kind, ret, name, params) FC_SHAPED(FC_CUSTOM_, kind)(area, ret, name, params)
#define AXV_AREA_END(area)
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 3: the checks of every op. clang-format would glue the composed macro calls below
 * (FC_SHAPED(...)(...)) to their neighbours, so these passes keep a hand layout. */
/* clang-format off */

/* Three calls: count, last and history hold exactly them, and no other fake counted. */
#define FC_RECORDS(area, name, params)                                              \
    static void fc_##area##_##name##_records(void) {                                \
        FC_ARGS_T(area, name) in[3];                                                \
        unsigned i;                                                                 \
        axv_fake_##area##_reset();                                                  \
        for (i = 0; i < 3; i++) {                                                   \
            check_fill(&in[i], sizeof in[i], i + 1);                                \
            (void)FC_CALL(area, name, in[i], params);                               \
        }                                                                           \
        EXPECT(axv_fake_##area##_##name.call_count == 3);                           \
        EXPECT(TC_ARGS_EQ(axv_fake_##area##_##name.last, in[2], params));           \
        for (i = 0; i < 3; i++)                                                     \
            EXPECT(TC_ARGS_EQ(axv_fake_##area##_##name.history[i], in[i], params)); \
        EXPECT(axv_fake_##area##_##name.history_dropped == 0);                      \
        EXPECT(area##_fake_total_calls() == 3);                                     \
    }

/* AXV_FAKE_HISTORY + 5 calls: the first AXV_FAKE_HISTORY are kept in order, 5 dropped. */
#define FC_HISTORY(area, name, params)                                           \
    static void fc_##area##_##name##_history(void) {                             \
        FC_ARGS_T(area, name) in;                                                \
        unsigned i;                                                              \
        axv_fake_##area##_reset();                                               \
        for (i = 0; i < AXV_FAKE_HISTORY + 5; i++) {                             \
            check_fill(&in, sizeof in, i + 1);                                   \
            (void)FC_CALL(area, name, in, params);                               \
        }                                                                        \
        EXPECT(axv_fake_##area##_##name.call_count == AXV_FAKE_HISTORY + 5);     \
        EXPECT(axv_fake_##area##_##name.history_dropped == 5);                   \
        EXPECT(TC_ARGS_EQ(axv_fake_##area##_##name.last, in, params));           \
        for (i = 0; i < AXV_FAKE_HISTORY; i++) {                                 \
            check_fill(&in, sizeof in, i + 1);                                   \
            EXPECT(TC_ARGS_EQ(axv_fake_##area##_##name.history[i], in, params)); \
        }                                                                        \
    }

/* custom gets the call's arguments after it was recorded, and its result wins over
 * return_value and return_seq (which does not advance). */
#define FC_CUSTOM_CHECK_RESULT(area, name, params)                                       \
    static void fc_##area##_##name##_custom(void) {                                      \
        FC_ARGS_T(area, name) in;                                                        \
        FC_RET_T(area, name) seq[1];                                                     \
        FC_RET_T(area, name) got;                                                        \
        axv_fake_##area##_reset();                                                       \
        area##_##name##_custom_calls = 0;                                                \
        check_fill(&in, sizeof in, 7);                                                   \
        check_fill(&axv_fake_##area##_##name.return_value,                               \
                   sizeof axv_fake_##area##_##name.return_value, 11);                    \
        check_fill(&seq[0], sizeof seq[0], 12);                                          \
        axv_fake_##area##_##name.return_seq = seq;                                       \
        axv_fake_##area##_##name.return_seq_len = 1;                                     \
        check_fill(&area##_##name##_custom_result, sizeof area##_##name##_custom_result, \
                   13);                                                                  \
        axv_fake_##area##_##name.custom = area##_##name##_custom;                        \
        got = FC_CALL(area, name, in, params);                                           \
        EXPECT(area##_##name##_custom_calls == 1);                                       \
        EXPECT(TC_ARGS_EQ(area##_##name##_custom_seen, in, params));                     \
        EXPECT(got == area##_##name##_custom_result);                                    \
        EXPECT(axv_fake_##area##_##name.call_count == 1);                                \
        EXPECT(TC_ARGS_EQ(axv_fake_##area##_##name.last, in, params));                   \
        EXPECT(axv_fake_##area##_##name.return_seq_pos == 0);                            \
        axv_fake_##area##_reset(); /* drop the pointer to the local sequence */          \
    }
#define FC_CUSTOM_CHECK_NORESULT(area, name, params)                   \
    static void fc_##area##_##name##_custom(void) {                    \
        FC_ARGS_T(area, name) in;                                      \
        axv_fake_##area##_reset();                                     \
        area##_##name##_custom_calls = 0;                              \
        check_fill(&in, sizeof in, 7);                                 \
        axv_fake_##area##_##name.custom = area##_##name##_custom;      \
        FC_CALL(area, name, in, params);                               \
        EXPECT(area##_##name##_custom_calls == 1);                     \
        EXPECT(TC_ARGS_EQ(area##_##name##_custom_seen, in, params));   \
        EXPECT(axv_fake_##area##_##name.call_count == 1);              \
        EXPECT(TC_ARGS_EQ(axv_fake_##area##_##name.last, in, params)); \
        axv_fake_##area##_reset();                                     \
    }

/* A fresh fake returns 0; then whatever return_value says, every time. */
#define FC_RETURN_VALUE_RESULT(area, name, params)        \
    static void fc_##area##_##name##_return_value(void) { \
        static const FC_RET_T(area, name) zero;           \
        FC_ARGS_T(area, name) in;                         \
        FC_RET_T(area, name) want;                        \
        axv_fake_##area##_reset();                        \
        check_fill(&in, sizeof in, 21);                   \
        EXPECT(FC_CALL(area, name, in, params) == zero);  \
        check_fill(&want, sizeof want, 22);               \
        axv_fake_##area##_##name.return_value = want;     \
        EXPECT(FC_CALL(area, name, in, params) == want);  \
        EXPECT(FC_CALL(area, name, in, params) == want);  \
        EXPECT(axv_fake_##area##_##name.call_count == 3); \
    }

/* A sequence is handed out in order, then its last element forever; rewinding replays it;
 * an empty or NULL sequence leaves return_value in charge. */
#define FC_RETURN_SEQ_RESULT(area, name, params)              \
    static void fc_##area##_##name##_return_seq(void) {       \
        FC_ARGS_T(area, name) in;                             \
        FC_RET_T(area, name) seq[3];                          \
        FC_RET_T(area, name) other;                           \
        unsigned i;                                           \
        axv_fake_##area##_reset();                            \
        check_fill(&in, sizeof in, 31);                       \
        for (i = 0; i < 3; i++)                               \
            check_fill(&seq[i], sizeof seq[i], 32 + i);       \
        check_fill(&other, sizeof other, 40);                 \
        axv_fake_##area##_##name.return_value = other;        \
        axv_fake_##area##_##name.return_seq = seq;            \
        axv_fake_##area##_##name.return_seq_len = 3;          \
        EXPECT(FC_CALL(area, name, in, params) == seq[0]);    \
        EXPECT(FC_CALL(area, name, in, params) == seq[1]);    \
        EXPECT(axv_fake_##area##_##name.return_seq_pos == 2); \
        EXPECT(FC_CALL(area, name, in, params) == seq[2]);    \
        EXPECT(FC_CALL(area, name, in, params) == seq[2]);    \
        EXPECT(FC_CALL(area, name, in, params) == seq[2]);    \
        EXPECT(axv_fake_##area##_##name.return_seq_pos == 3); \
        axv_fake_##area##_##name.return_seq_pos = 0;          \
        EXPECT(FC_CALL(area, name, in, params) == seq[0]);    \
        axv_fake_##area##_##name.return_seq_len = 0;          \
        EXPECT(FC_CALL(area, name, in, params) == other);     \
        axv_fake_##area##_##name.return_seq_len = 3;          \
        axv_fake_##area##_##name.return_seq = NULL;           \
        EXPECT(FC_CALL(area, name, in, params) == other);     \
        EXPECT(axv_fake_##area##_##name.call_count == 8);     \
        axv_fake_##area##_reset();                            \
    }
#define FC_RETURN_VALUE_NORESULT(area, name, params)
#define FC_RETURN_SEQ_NORESULT(area, name, params)

/* Reset after calls (history full, some dropped) and programming clears everything; the
 * next call starts the history again and does not reach the old custom function. */
#define FC_RESET_DECLS_RESULT(area, name)       \
    static const FC_RET_T(area, name) zero_ret; \
    FC_RET_T(area, name) seq[1];
#define FC_RESET_DECLS_NORESULT(area, name)
#define FC_RESET_PROGRAM_RESULT(area, name)                       \
    check_fill(&axv_fake_##area##_##name.return_value,            \
               sizeof axv_fake_##area##_##name.return_value, 52); \
    check_fill(&seq[0], sizeof seq[0], 53);                       \
    axv_fake_##area##_##name.return_seq = seq;                    \
    axv_fake_##area##_##name.return_seq_len = 1;                  \
    axv_fake_##area##_##name.return_seq_pos = 1;
#define FC_RESET_PROGRAM_NORESULT(area, name)
#define FC_RESET_CLEARED_RESULT(area, name)                    \
    EXPECT(axv_fake_##area##_##name.return_value == zero_ret); \
    EXPECT(axv_fake_##area##_##name.return_seq == NULL);       \
    EXPECT(axv_fake_##area##_##name.return_seq_len == 0);      \
    EXPECT(axv_fake_##area##_##name.return_seq_pos == 0);
#define FC_RESET_CLEARED_NORESULT(area, name)
#define FC_RESET_CALL_RESULT(area, name, params) \
    EXPECT(FC_CALL(area, name, in, params) == zero_ret);
#define FC_RESET_CALL_NORESULT(area, name, params) FC_CALL(area, name, in, params);
#define FC_RESET(area, kind, name, params)                                              \
    static void fc_##area##_##name##_reset(void) {                                      \
        static const FC_ARGS_T(area, name) zero_args;                                   \
        FC_ARGS_T(area, name) in;                                                       \
        unsigned i;                                                                     \
        FC_SHAPED(FC_RESET_DECLS_, kind)(area, name)                                    \
        (void)zero_args; /* unused when the op has no parameters */                     \
        axv_fake_##area##_reset();                                                      \
        area##_##name##_custom_calls = 0;                                               \
        check_fill(&in, sizeof in, 51);                                                 \
        for (i = 0; i < AXV_FAKE_HISTORY + 2; i++)                                      \
            (void)FC_CALL(area, name, in, params);                                      \
        FC_SHAPED(FC_RESET_PROGRAM_, kind)(area, name)                                  \
        axv_fake_##area##_##name.custom = area##_##name##_custom;                       \
        axv_fake_##area##_reset();                                                      \
        EXPECT(axv_fake_##area##_##name.call_count == 0);                               \
        EXPECT(axv_fake_##area##_##name.history_dropped == 0);                          \
        EXPECT(axv_fake_##area##_##name.custom == NULL);                                \
        EXPECT(TC_ARGS_EQ(axv_fake_##area##_##name.last, zero_args, params));           \
        for (i = 0; i < AXV_FAKE_HISTORY; i++)                                          \
            EXPECT(TC_ARGS_EQ(axv_fake_##area##_##name.history[i], zero_args, params)); \
        FC_SHAPED(FC_RESET_CLEARED_, kind)(area, name)                                  \
        FC_SHAPED(FC_RESET_CALL_, kind)(area, name, params)                             \
        EXPECT(area##_##name##_custom_calls == 0);                                      \
        EXPECT(axv_fake_##area##_##name.call_count == 1);                               \
        EXPECT(TC_ARGS_EQ(axv_fake_##area##_##name.history[0], in, params));            \
    }

/* The accessor goes to the registered fake: implemented, same function, arguments and
 * result passed through. */
#define FC_ACCESSOR_CALL_RESULT(area, name, params)                  \
    {                                                                \
        FC_RET_T(area, name) want;                                   \
        check_fill(&want, sizeof want, 62);                          \
        axv_fake_##area##_##name.return_value = want;                \
        EXPECT(axv_##area##_##name(TC_ARGS_OF(in, params)) == want); \
    }
#define FC_ACCESSOR_CALL_NORESULT(area, name, params) axv_##area##_##name(TC_ARGS_OF(in, params));
#define FC_ACCESSOR(area, kind, name, params)                          \
    static void fc_##area##_##name##_accessor(void) {                  \
        FC_ARGS_T(area, name) in;                                      \
        struct axv_##area##_ops table;                                 \
        axv_fake_##area##_reset();                                     \
        check_fill(&in, sizeof in, 61);                                \
        EXPECT(axv_##area##_implements(axv_##area##_op_##name));       \
        EXPECT(axv_##area##_get(&table) == AXV_OK);                    \
        EXPECT(table.name == axv_fake_##area##_ops.name);              \
        FC_SHAPED(FC_ACCESSOR_CALL_, kind)(area, name, params)         \
        EXPECT(axv_fake_##area##_##name.call_count == 1);              \
        EXPECT(TC_ARGS_EQ(axv_fake_##area##_##name.last, in, params)); \
        EXPECT(area##_fake_total_calls() == 1);                        \
    }

#define AXV_AREA_BEGIN(area)
#define AXV_OP(area, kind, ret, name, params)             \
    FC_RECORDS(area, name, params)                        \
    FC_HISTORY(area, name, params)                        \
    FC_SHAPED(FC_CUSTOM_CHECK_, kind)(area, name, params) \
    FC_SHAPED(FC_RETURN_VALUE_, kind)(area, name, params) \
    FC_SHAPED(FC_RETURN_SEQ_, kind)(area, name, params)   \
    FC_RESET(area, kind, name, params)                    \
    FC_ACCESSOR(area, kind, name, params)
#define AXV_AREA_END(area)
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 4: the runners, one named case per check. */
#define FC_RUN_RESULT_CHECKS_RESULT(area, name)                                     \
    check_run(#area "." #name ": return_value answers every call",                  \
              fc_##area##_##name##_return_value);                                   \
    check_run(#area "." #name ": return_seq in order, then its last element again", \
              fc_##area##_##name##_return_seq);
#define FC_RUN_RESULT_CHECKS_NORESULT(area, name)

#define AXV_AREA_BEGIN(area) AXV_MAYBE_UNUSED static void run_##area##_fake_checks(void) {
#define AXV_OP(area, kind, ret, name, params)                                             \
    check_run(#area "." #name ": records count, last arguments and history",              \
              fc_##area##_##name##_records);                                              \
    check_run(#area "." #name ": history keeps the first calls, counts the dropped ones", \
              fc_##area##_##name##_history);                                              \
    check_run(#area "." #name ": records, then delegates to custom",                      \
              fc_##area##_##name##_custom);                                               \
    FC_SHAPED(FC_RUN_RESULT_CHECKS_, kind)(area, name)                                    \
    check_run(#area "." #name ": reset clears calls, history and programming",            \
              fc_##area##_##name##_reset);
#define AXV_AREA_END(area) }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

#define AXV_AREA_BEGIN(area) \
    AXV_MAYBE_UNUSED static void run_##area##_accessor_checks(void) {
#define AXV_OP(area, kind, ret, name, params)                          \
    check_run("axv_" #area "_" #name "() reaches the registered fake", \
              fc_##area##_##name##_accessor);
#define AXV_AREA_END(area) }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* clang-format on */

#undef FC_SHAPE_STATUS
#undef FC_SHAPE_VALUE
#undef FC_SHAPE_FALLBACK
#undef FC_SHAPE_VOID
#undef FC_SHAPED
#undef FC_ARGS_T
#undef FC_RET_T
#undef FC_CALL
#undef FC_CUSTOM_RESULT
#undef FC_CUSTOM_NORESULT
#undef FC_RECORDS
#undef FC_HISTORY
#undef FC_CUSTOM_CHECK_RESULT
#undef FC_CUSTOM_CHECK_NORESULT
#undef FC_RETURN_VALUE_RESULT
#undef FC_RETURN_SEQ_RESULT
#undef FC_RETURN_VALUE_NORESULT
#undef FC_RETURN_SEQ_NORESULT
#undef FC_RESET_DECLS_RESULT
#undef FC_RESET_DECLS_NORESULT
#undef FC_RESET_PROGRAM_RESULT
#undef FC_RESET_PROGRAM_NORESULT
#undef FC_RESET_CLEARED_RESULT
#undef FC_RESET_CLEARED_NORESULT
#undef FC_RESET_CALL_RESULT
#undef FC_RESET_CALL_NORESULT
#undef FC_RESET
#undef FC_ACCESSOR_CALL_RESULT
#undef FC_ACCESSOR_CALL_NORESULT
#undef FC_ACCESSOR
#undef FC_RUN_RESULT_CHECKS_RESULT
#undef FC_RUN_RESULT_CHECKS_NORESULT
#undef AXV_AREA_OPS
