/**
 * @file fake_define.h
 * @ingroup axv_fakes
 * @brief Generates the definitions of an API area's fakes from its op list.
 *
 * Include it in exactly one C translation unit per area (C99 or later), after the fake
 * declarations of the same list (see <axvisor_api/mock/fake_declare.h>):
 * @code
 * #include <my_vgic/vgic_api.h>
 * #define AXV_AREA_OPS <my_vgic/ops.h>
 * #include <axvisor_api/mock/fake_declare.h>
 * #define AXV_AREA_OPS <my_vgic/ops.h>
 * #include <axvisor_api/mock/fake_define.h>
 * @endcode
 * It defines every fake's state object, the fake functions themselves (static: reach them
 * through `axv_fake_<area>_ops`), the table `axv_fake_<area>_ops` and
 * `axv_fake_<area>_reset()`. The generated code calls axv_fake_lock()/axv_fake_unlock(),
 * so the program links the mock library (`axvisor_api::mock`).
 *
 * A fake call, in order: records the arguments (`last`, `history` or `history_dropped`,
 * `call_count`) and picks its result under the lock; then, outside the lock, returns
 * `custom(args...)` when `custom` is set, else the next element of `return_seq` (the last
 * one again once it is used up) when a sequence is set, else `return_value`.
 * This header has no include guard (it runs once per area); it undefines AXV_AREA_OPS.
 */
#ifndef AXV_AREA_OPS
#error "define AXV_AREA_OPS (the op list's path) before including <axvisor_api/mock/fake_define.h>"
#endif

#include <stddef.h>
#include <axvisor_api/oplist.h>
#include <axvisor_api/mock/fake_common.h>

#define AXV_PRIV_FAKE_FN(area, name) axv_priv_fake_##area##_##name

/* Ops that return something pick a result; VOID ops only forward to custom. */
#define AXV_PRIV_FAKE_SHAPE_STATUS RESULT
#define AXV_PRIV_FAKE_SHAPE_VALUE RESULT
#define AXV_PRIV_FAKE_SHAPE_FALLBACK RESULT
#define AXV_PRIV_FAKE_SHAPE_VOID NORESULT

/* The caller adds the semicolon (a null statement for VOID ops). */
#define AXV_PRIV_FAKE_RESULT_DECL_RESULT(area, name) \
    axv_fake_##area##_##name##_ret_t axv_priv_result
#define AXV_PRIV_FAKE_RESULT_DECL_NORESULT(area, name)

/* Under the lock. A sequence, once used up, keeps answering with its last element. */
#define AXV_PRIV_FAKE_PICK_RESULT                                                           \
    axv_priv_result = axv_priv_fake->return_value;                                          \
    if (axv_priv_custom == NULL && axv_priv_fake->return_seq != NULL &&                     \
        axv_priv_fake->return_seq_len != 0) {                                               \
        if (axv_priv_fake->return_seq_pos < axv_priv_fake->return_seq_len)                  \
            axv_priv_result = axv_priv_fake->return_seq[axv_priv_fake->return_seq_pos++];   \
        else                                                                                \
            axv_priv_result = axv_priv_fake->return_seq[axv_priv_fake->return_seq_len - 1]; \
    }
#define AXV_PRIV_FAKE_PICK_NORESULT

/* After the lock: custom runs unlocked so that it may call other fakes. */
#define AXV_PRIV_FAKE_FINISH_RESULT(params)       \
    if (axv_priv_custom != NULL)                  \
        return axv_priv_custom(AXV_ARGS(params)); \
    return axv_priv_result;
#define AXV_PRIV_FAKE_FINISH_NORESULT(params) \
    if (axv_priv_custom != NULL)              \
        axv_priv_custom(AXV_ARGS(params));

/* Pass 1: each fake's state and function. */
#define AXV_AREA_BEGIN(area)
#define AXV_OP(area, kind, ret, name, params)                                             \
    struct axv_fake_##area##_##name axv_fake_##area##_##name;                             \
    static ret AXV_PRIV_FAKE_FN(area, name)(AXV_PARAMS(params)) {                         \
        struct axv_fake_##area##_##name *const axv_priv_fake = &axv_fake_##area##_##name; \
        const axv_fake_##area##_##name##_args_t axv_priv_args = AXV_ARGS_INIT(params);    \
        axv_fake_##area##_##name##_fn_t *axv_priv_custom;                                 \
        AXV_PRIV_CAT(AXV_PRIV_FAKE_RESULT_DECL_, AXV_PRIV_FAKE_SHAPE_##kind)(area, name); \
        axv_fake_lock();                                                                  \
        if (axv_priv_fake->call_count < AXV_FAKE_HISTORY)                                 \
            axv_priv_fake->history[axv_priv_fake->call_count] = axv_priv_args;            \
        else                                                                              \
            axv_priv_fake->history_dropped++;                                             \
        axv_priv_fake->call_count++;                                                      \
        axv_priv_fake->last = axv_priv_args;                                              \
        axv_priv_custom = axv_priv_fake->custom;                                          \
        AXV_PRIV_CAT(AXV_PRIV_FAKE_PICK_, AXV_PRIV_FAKE_SHAPE_##kind)                     \
        axv_fake_unlock();                                                                \
        AXV_PRIV_CAT(AXV_PRIV_FAKE_FINISH_, AXV_PRIV_FAKE_SHAPE_##kind)(params)           \
    }
#define AXV_AREA_END(area)
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 2: the registered-ready table. */
#define AXV_AREA_BEGIN(area)                                \
    const struct axv_##area##_ops axv_fake_##area##_ops = { \
        .hdr = AXV_OPS_HDR_INIT(struct axv_##area##_ops),
#define AXV_OP(area, kind, ret, name, params) .name = AXV_PRIV_FAKE_FN(area, name),
#define AXV_AREA_END(area) \
    }                      \
    ;
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 3: reset, by copying a zero-initialised object (no reliance on all-bits-zero
 * pointers, no libc). */
#define AXV_AREA_BEGIN(area)             \
    void axv_fake_##area##_reset(void) { \
        axv_fake_lock();
#define AXV_OP(area, kind, ret, name, params)                       \
    {                                                               \
        static const struct axv_fake_##area##_##name axv_priv_zero; \
        axv_fake_##area##_##name = axv_priv_zero;                   \
    }
#define AXV_AREA_END(area) \
    axv_fake_unlock();     \
    }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

#undef AXV_PRIV_FAKE_FN
#undef AXV_PRIV_FAKE_SHAPE_STATUS
#undef AXV_PRIV_FAKE_SHAPE_VALUE
#undef AXV_PRIV_FAKE_SHAPE_FALLBACK
#undef AXV_PRIV_FAKE_SHAPE_VOID
#undef AXV_PRIV_FAKE_RESULT_DECL_RESULT
#undef AXV_PRIV_FAKE_RESULT_DECL_NORESULT
#undef AXV_PRIV_FAKE_PICK_RESULT
#undef AXV_PRIV_FAKE_PICK_NORESULT
#undef AXV_PRIV_FAKE_FINISH_RESULT
#undef AXV_PRIV_FAKE_FINISH_NORESULT
#undef AXV_AREA_OPS
