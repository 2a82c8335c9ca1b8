/**
 * @file area_define.h
 * @ingroup axv_machinery
 * @brief Generates an API area's registry storage, defaults and registration code.
 *
 * Include it in exactly one C translation unit per area, after the area's header, with
 * `AXV_AREA_OPS` defined as the same op list:
 * @code
 * #include <my_component/vgic_api.h>
 * #define AXV_AREA_OPS <my_component/vgic_ops.h>
 * #include <axvisor_api/area_define.h>
 * @endcode
 * It defines the default stub of every op, the slot (statically initialised with those
 * defaults, in section `axv_registry`), the descriptor `axv_<area>_area`,
 * and `axv_<area>_register/validate/get/reset`. The generic checks (ABI header, sealing)
 * live once in the library (axv_area_check()); what is generated here is only the typed,
 * member-by-member copying, which needs no libc (no memcpy) and no type punning.
 */
#ifndef AXV_AREA_OPS
#error "define AXV_AREA_OPS as the op list's path before including <axvisor_api/area_define.h>"
#endif

#include <stddef.h>
#include <stdint.h>
#include <axvisor_api/oplist.h>
#include <axvisor_api/registry.h>

/* What stands in a slot when no table implements an op. */
#define AXV_PRIV_DEFAULT_FN_STATUS(area, name) axv_priv_##area##_default_##name
#define AXV_PRIV_DEFAULT_FN_VALUE(area, name) axv_priv_##area##_default_##name
#define AXV_PRIV_DEFAULT_FN_VOID(area, name) axv_priv_##area##_default_##name
#define AXV_PRIV_DEFAULT_FN_FALLBACK(area, name) axv_##area##_fallback_##name

#define AXV_PRIV_STUB_STATUS(area, ret, name, params)                 \
    static ret axv_priv_##area##_default_##name(AXV_PARAMS(params)) { \
        AXV_UNUSED_PARAMS(params)                                     \
        return AXV_ENOSYS;                                            \
    }
#define AXV_PRIV_STUB_VALUE(area, ret, name, params)                  \
    static ret axv_priv_##area##_default_##name(AXV_PARAMS(params)) { \
        AXV_UNUSED_PARAMS(params)                                     \
        axv_fatal(#area "." #name " is not implemented");             \
    }
#define AXV_PRIV_STUB_VOID(area, ret, name, params) AXV_PRIV_STUB_VALUE(area, ret, name, params)
#define AXV_PRIV_STUB_FALLBACK(area, ret, name, params)

/* Pass 1: default stubs and op names. */
#define AXV_AREA_BEGIN(area) static const char *const axv_priv_##area##_op_names[] = {
#define AXV_OP(area, kind, ret, name, params) #name,
#define AXV_AREA_END(area) \
    }                      \
    ;                      \
    typedef char axv_priv_##area##_at_most_64_ops[(axv_##area##_num_ops <= 64) ? 1 : -1];
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

#define AXV_AREA_BEGIN(area)
#define AXV_OP(area, kind, ret, name, params) AXV_PRIV_STUB_##kind(area, ret, name, params)
#define AXV_AREA_END(area)
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 2: the slot, statically holding the defaults, and the descriptor. */
#define AXV_AREA_BEGIN(area)                                                 \
    AXV_REGISTRY_SECTION struct axv_##area##_slot axv_priv_##area##_slot = { \
        .ops = {.hdr = AXV_OPS_HDR_INIT(struct axv_##area##_ops),
#define AXV_OP(area, kind, ret, name, params) .name = AXV_PRIV_DEFAULT_FN_##kind(area, name),
#define AXV_AREA_END(area)                           \
    }                                                \
    , .state = {0}                                   \
    }                                                \
    ;                                                \
    const struct axv_area_desc axv_##area##_area = { \
        .name = #area,                               \
        .op_names = axv_priv_##area##_op_names,      \
        .num_ops = axv_##area##_num_ops,             \
        .ops_size = sizeof(struct axv_##area##_ops), \
        .slot = &axv_priv_##area##_slot,             \
        .slot_size = sizeof(axv_priv_##area##_slot), \
        .state = &axv_priv_##area##_slot.state,      \
    };
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 3: copy a validated table in. A member the table is too old to have, a NULL member
 * and a member equal to the default all leave the default and count as not implemented,
 * which makes axv_<area>_get() followed by axv_<area>_register() an exact round trip. */
#define AXV_AREA_BEGIN(area)                                                        \
    static uint64_t axv_priv_##area##_copy_in(const struct axv_##area##_ops *src) { \
        struct axv_##area##_ops *dst = &axv_priv_##area##_slot.ops;                 \
        const size_t size = src->hdr.size;                                          \
        uint64_t implemented = 0;
#define AXV_OP(area, kind, ret, name, params)                                       \
    if (offsetof(struct axv_##area##_ops, name) + sizeof(dst->name) <= size &&      \
        src->name != NULL && src->name != AXV_PRIV_DEFAULT_FN_##kind(area, name)) { \
        dst->name = src->name;                                                      \
        implemented |= (uint64_t)1 << axv_##area##_op_##name;                       \
    } else {                                                                        \
        dst->name = AXV_PRIV_DEFAULT_FN_##kind(area, name);                         \
    }
#define AXV_AREA_END(area) \
    return implemented;    \
    }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 4: copy the table in effect out. */
#define AXV_AREA_BEGIN(area)                                              \
    int axv_##area##_get(struct axv_##area##_ops *out) {                  \
        const struct axv_##area##_ops *src = &axv_priv_##area##_slot.ops; \
        if (out == NULL)                                                  \
            return AXV_EINVAL;                                            \
        out->hdr.magic = AXV_OPS_MAGIC;                                   \
        out->hdr.abi_major = AXV_ABI_MAJOR;                               \
        out->hdr.abi_minor = AXV_ABI_MINOR;                               \
        out->hdr.size = (uint32_t)sizeof(*out);                           \
        out->hdr.reserved = 0;
#define AXV_OP(area, kind, ret, name, params) out->name = src->name;
#define AXV_AREA_END(area) \
    return AXV_OK;         \
    }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 5: put the defaults back. */
#define AXV_AREA_BEGIN(area)                                        \
    int axv_##area##_reset(void) {                                  \
        struct axv_##area##_ops *dst = &axv_priv_##area##_slot.ops; \
        int rc = axv_area_check_writable(&axv_##area##_area);       \
        if (rc != AXV_OK)                                           \
            return rc;
#define AXV_OP(area, kind, ret, name, params) dst->name = AXV_PRIV_DEFAULT_FN_##kind(area, name);
#define AXV_AREA_END(area)                  \
    axv_area_commit(&axv_##area##_area, 0); \
    return AXV_OK;                          \
    }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 6: validate and register. Validation is complete before anything is written, so a
 * refused table leaves the slot exactly as it was. */
#define AXV_AREA_BEGIN(area)                                                       \
    int axv_##area##_validate(const struct axv_##area##_ops *ops) {                \
        return axv_area_check(&axv_##area##_area, ops != NULL ? &ops->hdr : NULL); \
    }                                                                              \
    int axv_##area##_register(const struct axv_##area##_ops *ops) {                \
        int rc = axv_##area##_validate(ops);                                       \
        if (rc != AXV_OK)                                                          \
            return rc;                                                             \
        axv_area_commit(&axv_##area##_area, axv_priv_##area##_copy_in(ops));       \
        return AXV_OK;                                                             \
    }
#define AXV_OP(area, kind, ret, name, params)
#define AXV_AREA_END(area)
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

#undef AXV_PRIV_DEFAULT_FN_STATUS
#undef AXV_PRIV_DEFAULT_FN_VALUE
#undef AXV_PRIV_DEFAULT_FN_VOID
#undef AXV_PRIV_DEFAULT_FN_FALLBACK
#undef AXV_PRIV_STUB_STATUS
#undef AXV_PRIV_STUB_VALUE
#undef AXV_PRIV_STUB_VOID
#undef AXV_PRIV_STUB_FALLBACK
#undef AXV_AREA_OPS
