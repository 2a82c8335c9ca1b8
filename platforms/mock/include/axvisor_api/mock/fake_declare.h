/**
 * @file fake_declare.h
 * @ingroup axv_fakes
 * @brief Generates the declarations of an API area's fakes from its op list.
 *
 * Include it after the area's header, with `AXV_AREA_OPS` defined as the area's op list:
 * @code
 * #include <my_vgic/vgic_api.h>
 * #define AXV_AREA_OPS <my_vgic/ops.h>
 * #include <axvisor_api/mock/fake_declare.h>
 * @endcode
 * One C translation unit does the same with <axvisor_api/mock/fake_define.h> to define them.
 * Works for the built-in areas (<axvisor_api/mock/fakes.h> does it for all of them) and for
 * any component-defined area. For every op `O` of area `A` it declares:
 *
 * - `axv_fake_A_O_args_t`: a struct with one member per parameter, named and typed as the
 *   parameters (`char no_args` for an op without parameters);
 * - `axv_fake_A_O_ret_t`: the op's return type; `axv_fake_A_O_fn_t`: the op's function type;
 * - `struct axv_fake_A_O` and the global object `axv_fake_A_O` of that type:
 *   - `unsigned call_count`: calls since the last reset;
 *   - `axv_fake_A_O_args_t last`: the arguments of the latest call;
 *   - `axv_fake_A_O_args_t history[AXV_FAKE_HISTORY]`: the arguments of the first
 *     AXV_FAKE_HISTORY calls, in order; `unsigned history_dropped`: calls after those, whose
 *     arguments only reached `last`;
 *   - except for `VOID` ops, the result: `return_value`, returned when no sequence is set;
 *     `const axv_fake_A_O_ret_t *return_seq` with `size_t return_seq_len`: when both are
 *     nonzero, call k (from 0) returns `return_seq[k]` and, once the sequence is used up,
 *     every later call returns its last element again; `size_t return_seq_pos` counts the
 *     elements handed out so far (it stops at `return_seq_len`; set it back to 0 to replay);
 *   - `axv_fake_A_O_fn_t *custom`: when set, the fake records the call and then returns
 *     whatever `custom` returns for the same arguments; `return_value` and `return_seq`
 *     are then ignored (and the sequence does not advance).
 * - per area, `const struct axv_A_ops axv_fake_A_ops`: a table, ready for axv_A_register(),
 *   whose every op is the area's fake;
 * - per area, `void axv_fake_A_reset(void)`: zeroes every fake of the area (counts,
 *   history, return values, sequences, custom functions).
 *
 * Fakes start out reset: they record calls and return 0 (AXV_OK for a status op). Program
 * a fake by writing its members, e.g. `axv_fake_host_cpu_num.return_value = 4;`. Recording
 * is atomic (see axv_fake_lock()); programming is plain writes, done while no other thread
 * calls the fake.
 *
 * Names taken per area besides the ops: `axv_fake_A_ops` and `axv_fake_A_reset`, so an
 * area with fakes has no op named `ops` (nor `reset`, which area_declare.h already bars).
 * This header has no include guard (it runs once per area); it undefines AXV_AREA_OPS.
 */
#ifndef AXV_AREA_OPS
#error "define AXV_AREA_OPS (the op list's path) before including <axvisor_api/mock/fake_declare.h>"
#endif

#include <stddef.h>
#include <axvisor_api/oplist.h>
#include <axvisor_api/mock/fake_common.h>

AXV_EXTERN_C_BEGIN

/* What a fake can be told to return: nothing for a VOID op. */
#define AXV_PRIV_FAKE_RESULT_FIELDS_STATUS(area, name) AXV_PRIV_FAKE_RESULT_FIELDS(area, name)
#define AXV_PRIV_FAKE_RESULT_FIELDS_VALUE(area, name) AXV_PRIV_FAKE_RESULT_FIELDS(area, name)
#define AXV_PRIV_FAKE_RESULT_FIELDS_FALLBACK(area, name) AXV_PRIV_FAKE_RESULT_FIELDS(area, name)
#define AXV_PRIV_FAKE_RESULT_FIELDS_VOID(area, name)
/* The typedef keeps `const` at the right level when the return type is itself a pointer. */
#define AXV_PRIV_FAKE_RESULT_FIELDS(area, name)         \
    axv_fake_##area##_##name##_ret_t return_value;      \
    const axv_fake_##area##_##name##_ret_t *return_seq; \
    size_t return_seq_len;                              \
    size_t return_seq_pos;

#define AXV_AREA_BEGIN(area)
#define AXV_OP(area, kind, ret, name, params)                        \
    typedef struct {                                                 \
        AXV_FIELDS(params)                                           \
    } axv_fake_##area##_##name##_args_t;                             \
    typedef ret axv_fake_##area##_##name##_ret_t;                    \
    typedef ret axv_fake_##area##_##name##_fn_t(AXV_PARAMS(params)); \
    struct axv_fake_##area##_##name {                                \
        unsigned call_count;                                         \
        axv_fake_##area##_##name##_args_t last;                      \
        axv_fake_##area##_##name##_args_t history[AXV_FAKE_HISTORY]; \
        unsigned history_dropped;                                    \
        axv_fake_##area##_##name##_fn_t *custom;                     \
        AXV_PRIV_FAKE_RESULT_FIELDS_##kind(area, name)               \
    };                                                               \
    extern struct axv_fake_##area##_##name axv_fake_##area##_##name;
#define AXV_AREA_END(area)                                      \
    extern const struct axv_##area##_ops axv_fake_##area##_ops; \
    void axv_fake_##area##_reset(void);
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

#undef AXV_PRIV_FAKE_RESULT_FIELDS_STATUS
#undef AXV_PRIV_FAKE_RESULT_FIELDS_VALUE
#undef AXV_PRIV_FAKE_RESULT_FIELDS_FALLBACK
#undef AXV_PRIV_FAKE_RESULT_FIELDS_VOID
#undef AXV_PRIV_FAKE_RESULT_FIELDS

AXV_EXTERN_C_END

#undef AXV_AREA_OPS
