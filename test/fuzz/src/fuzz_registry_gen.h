/* Generates, for the area whose op list is AXV_AREA_OPS, what fuzz_registry.c needs to
 * fuzz it: two distinct stand-in functions per op, a table builder driven by the input,
 * the table the registry must hold after a successful registration (its model), and the
 * comparison of the registry's answer (get, implements) with the model.
 *
 * No include guard: included once per area, after the area's header. */
#ifndef AXV_AREA_OPS
#error "define AXV_AREA_OPS as the op list's path before including fuzz_registry_gen.h"
#endif

#include <stddef.h>
#include <axvisor_api/oplist.h>

/* Pass 1: stand-ins. Never called (the fuzzer only stores and compares them); their
 * messages differ so that no toolchain can fold the two into one address. */
#define AXV_AREA_BEGIN(area)
#define AXV_OP(area, kind, ret, name, params)                       \
    static ret fz_##area##_##name##_one(AXV_PARAMS(params)) {       \
        AXV_UNUSED_PARAMS(params)                                   \
        axv_fatal("fuzz stand-in one for " #area "." #name " ran"); \
    }                                                               \
    static ret fz_##area##_##name##_two(AXV_PARAMS(params)) {       \
        AXV_UNUSED_PARAMS(params)                                   \
        axv_fatal("fuzz stand-in two for " #area "." #name " ran"); \
    }
#define AXV_AREA_END(area)
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 2: the area's defaults (captured by get before anything registers), its model, and the
 * table builder: each member NULL, the default, or one of the two stand-ins. */
#define AXV_AREA_BEGIN(area)                                                          \
    static struct axv_##area##_ops fz_##area##_defaults;                              \
    static struct axv_##area##_ops fz_##area##_model;                                 \
    static void fz_##area##_fill(struct axv_##area##_ops *t, struct fuzz_input *in) { \
        t->hdr = (struct axv_ops_hdr)AXV_OPS_HDR_INIT(struct axv_##area##_ops);
#define AXV_OP(area, kind, ret, name, params) \
    switch (fuzz_u8(in) % 4) {                \
    case 0:                                   \
        t->name = NULL;                       \
        break;                                \
    case 1:                                   \
        t->name = fz_##area##_defaults.name;  \
        break;                                \
    case 2:                                   \
        t->name = fz_##area##_##name##_one;   \
        break;                                \
    default:                                  \
        t->name = fz_##area##_##name##_two;   \
        break;                                \
    }
#define AXV_AREA_END(area) }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 3: the model after registering @p t whose header says @p size bytes: a member the
 * table is too small to have, a NULL member and the default all mean the default. */
#define AXV_AREA_BEGIN(area)                                                       \
    static void fz_##area##_apply(const struct axv_##area##_ops *t, size_t size) { \
        struct axv_##area##_ops *m = &fz_##area##_model;
#define AXV_OP(area, kind, ret, name, params)                                                      \
    m->name = offsetof(struct axv_##area##_ops, name) + sizeof(t->name) <= size && t->name != NULL \
                  ? t->name                                                                        \
                  : fz_##area##_defaults.name;
#define AXV_AREA_END(area) }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 4: the registry agrees with the model: get() copies out exactly the model with a
 * current header, and implements() is true exactly for the members that are not defaults. */
#define AXV_AREA_BEGIN(area)                                                      \
    static void fz_##area##_check(void) {                                         \
        struct axv_##area##_ops got;                                              \
        const struct axv_##area##_ops *m = &fz_##area##_model;                    \
        const struct axv_ops_hdr hdr = AXV_OPS_HDR_INIT(struct axv_##area##_ops); \
        memset(&got, 0xa5, sizeof(got));                                          \
        FUZZ_CHECK(axv_##area##_get(&got) == AXV_OK);                             \
        FUZZ_CHECK(memcmp(&got.hdr, &hdr, sizeof(hdr)) == 0);
#define AXV_OP(area, kind, ret, name, params)                     \
    FUZZ_CHECK(got.name == m->name);                              \
    FUZZ_CHECK(axv_##area##_implements(axv_##area##_op_##name) == \
               (m->name != fz_##area##_defaults.name));
#define AXV_AREA_END(area)                                      \
    FUZZ_CHECK(!axv_##area##_implements(axv_##area##_num_ops)); \
    }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

#undef AXV_AREA_OPS
