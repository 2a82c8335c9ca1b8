/*
 * Eva driver for the core library (lib/): every public entry point, with every input it may
 * receive, in every state the registry can reach.
 *
 * - First, one table of any area whose header's size (0 up to past the library's table) is
 *   the exact size of the object passed, so that reading a member beyond the size the
 *   caller declared would be an alarm.
 * - Then k component-defined areas are tracked, as a generated area's reset would: none,
 *   one, as many as fit, and more than fit (refused); one analysis partition each.
 * - Then any sequence, of any length, of any public call: register or validate a table of
 *   any area with any header (magic, major, minor, size, reserved: any bits) and members
 *   NULL, the default or an implementation; NULL tables; get into NULL or a table; reset;
 *   implements() of any op id; every accessor with any arguments (defaults, and a driver
 *   platform whose ops return anything or report a fatal error); validate or install a
 *   platform of any such tables; the header checks of any component area; seal (the port
 *   hook may answer anything); the area list at any index; strerror of any int; setting
 *   any handler; axv_fatal with or without a message.
 */
#include <stdlib.h>

#include <__fc_builtin.h>

#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/port.h>

#include "proof_any.h"

/* The driver's platform: op functions axv_proof_<area>_<op> and their tables. */
#define AXV_IMPL_PREFIX axv_proof
#include <axvisor_api/platform_impl.h>

/* Every op of the driver's platform may return any value or report a fatal error. */
#define PROOF_BODY_STATUS(ret) return PROOF_ANY(ret);
#define PROOF_BODY_VALUE(ret) return PROOF_ANY(ret);
#define PROOF_BODY_FALLBACK(ret) return PROOF_ANY(ret);
#define PROOF_BODY_VOID(ret)
#define AXV_AREA_BEGIN(area)
#define AXV_OP(area, kind, ret, name, params)                          \
    ret axv_proof_##area##_##name(AXV_PARAMS(params)) {                \
        AXV_UNUSED_PARAMS(params)                                      \
        if (Frama_C_nondet(0, 1))                                      \
            axv_fatal("proof: " #area "." #name " reports a failure"); \
        PROOF_BODY_##kind(ret)                                         \
    }
#define AXV_AREA_END(area)
#include <axvisor_api/builtin_areas.h>
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Calls one op of an area, chosen at will, with any arguments. */
#define AXV_AREA_BEGIN(area)              \
    static void proof_call_##area(void) { \
        switch (Frama_C_interval(0, axv_##area##_num_ops - 1)) {
#define AXV_OP(area, kind, ret, name, params)              \
    case axv_##area##_op_##name:                           \
        (void)axv_##area##_##name(PROOF_ANY_ARGS(params)); \
        break;
#define AXV_AREA_END(area) \
    default:               \
        break;             \
        }                  \
        }
#include <axvisor_api/builtin_areas.h>
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* The port: whatever it answers, it is handed whole registry slots. */
int axv_port_protect_readonly(void *start, size_t size) {
    /*@ assert whole_slots: size > 0 && size % AXV_REGISTRY_ALIGN == 0; */
    /*@ assert readable: \valid_read((char *)start + (0 .. size - 1)); */
    return Frama_C_interval(INT32_MIN, AXV_OK);
}

/* Every member after the header is a function pointer (the library relies on it too). */
typedef void (*proof_fn)(void);

static const proof_fn *members_of(const void *table) {
    return (const proof_fn *)(const void *)((const char *)table + sizeof(struct axv_ops_hdr));
}

/* Per area: its defaults (read back with get before anything is registered), a full-size
 * table the steps rewrite, and the driver's implementation. */
#define AXV_EACH_AREA(area)                               \
    static struct axv_##area##_ops proof_defaults_##area; \
    static struct axv_##area##_ops proof_table_##area;
#include <axvisor_api/each_area.h>

/* Any header: every field any bits, except that the size is @p size when that is meant. */
static void any_header(struct axv_ops_hdr *hdr) {
    Frama_C_make_unknown((char *)hdr, sizeof(*hdr));
}

/* Member i of @p table, for the members that fit in @p bytes: NULL, the default or the
 * driver's implementation. */
static void fill_members(void *table, size_t bytes, const void *defaults, const void *impls,
                         size_t num_ops) {
    proof_fn *members = (proof_fn *)(void *)((char *)table + sizeof(struct axv_ops_hdr));
    for (size_t i = 0;
         i < num_ops && sizeof(struct axv_ops_hdr) + (i + 1) * sizeof(proof_fn) <= bytes; i++) {
        switch (Frama_C_interval(0, 2)) {
        case 0:
            members[i] = NULL;
            break;
        case 1:
            members[i] = members_of(defaults)[i];
            break;
        default:
            members[i] = members_of(impls)[i];
            break;
        }
    }
}

/* A full-size table with any header and any members. */
#define AXV_EACH_AREA(area)                                                                   \
    static const struct axv_##area##_ops *any_table_##area(void) {                            \
        any_header(&proof_table_##area.hdr);                                                  \
        fill_members(&proof_table_##area, sizeof(proof_table_##area), &proof_defaults_##area, \
                     &axv_proof_##area##_ops, axv_##area##_num_ops);                          \
        return &proof_table_##area;                                                           \
    }
#include <axvisor_api/each_area.h>

/* A table in an object of exactly the size its header declares (at least a header), any
 * size from 0 to past the library's table. */
static void *exact_table(size_t ops_size, const void *defaults, const void *impls, size_t num_ops) {
    size_t size = Frama_C_size_t_interval(0, ops_size + 2 * sizeof(proof_fn));
    size_t bytes;
    /*@ split size; */
    bytes = size < sizeof(struct axv_ops_hdr) ? sizeof(struct axv_ops_hdr) : size;
    struct axv_ops_hdr *hdr = malloc(bytes);
    if (hdr == NULL)
        return NULL;
    any_header(hdr);
    hdr->size = (uint32_t)size;
    fill_members(hdr, bytes, defaults, impls, num_ops);
    return hdr;
}
#define AXV_EACH_AREA(area)                                                         \
    static const struct axv_##area##_ops *exact_table_##area(void) {                \
        return exact_table(sizeof(struct axv_##area##_ops), &proof_defaults_##area, \
                           &axv_proof_##area##_ops, axv_##area##_num_ops);          \
    }
#include <axvisor_api/each_area.h>

/* What every registration-side call gets as a table: NULL or any table. */
#define PROOF_TABLE_ARG(area) (Frama_C_nondet(0, 1) ? NULL : any_table_##area())

/* One call of the area's own API. */
#define AXV_EACH_AREA(area)                                                      \
    static void step_##area(void) {                                              \
        struct axv_##area##_ops out;                                             \
        switch (Frama_C_interval(0, 5)) {                                        \
        case 0:                                                                  \
            (void)axv_##area##_register(PROOF_TABLE_ARG(area));                  \
            break;                                                               \
        case 1:                                                                  \
            (void)axv_##area##_validate(PROOF_TABLE_ARG(area));                  \
            break;                                                               \
        case 2:                                                                  \
            (void)axv_##area##_get(Frama_C_nondet(0, 1) ? NULL : &out);          \
            break;                                                               \
        case 3:                                                                  \
            (void)axv_##area##_reset();                                          \
            break;                                                               \
        case 4:                                                                  \
            (void)axv_##area##_implements((enum axv_##area##_op)PROOF_ANY(int)); \
            break;                                                               \
        default:                                                                 \
            proof_call_##area();                                                 \
            break;                                                               \
        }                                                                        \
    }
#include <axvisor_api/each_area.h>

/* Component-defined areas, described as a generated area describes itself. */
struct proof_component_slot {
    proof_fn ops[4];
    struct axv_area_state state;
} __attribute__((aligned(AXV_REGISTRY_ALIGN)));
static struct proof_component_slot proof_component_slots[AXV_MAX_AREAS];
static struct axv_area_desc proof_components[AXV_MAX_AREAS];

static void describe_components(void) {
    for (size_t i = 0; i < AXV_MAX_AREAS; i++) {
        proof_components[i].name = "component";
        proof_components[i].op_names = NULL;
        proof_components[i].num_ops = 4;
        proof_components[i].ops_size = sizeof(struct axv_ops_hdr) + 4 * sizeof(proof_fn);
        proof_components[i].slot = &proof_component_slots[i];
        proof_components[i].slot_size = sizeof(proof_component_slots[i]);
        proof_components[i].state = &proof_component_slots[i].state;
    }
}

/* Tracks the first @p count component areas, as their first reset would. */
static void track_components(size_t count) {
    for (size_t i = 0; i < count; i++) {
        if (axv_area_check_writable(&proof_components[i]) == AXV_OK)
            axv_area_commit(&proof_components[i], 0);
    }
}

/* The registry-level checks for a component area (tracked or not). */
static void step_component(void) {
    const struct axv_area_desc *area = &proof_components[Frama_C_interval(0, AXV_MAX_AREAS - 1)];
    struct axv_ops_hdr hdr;
    any_header(&hdr);
    if (Frama_C_nondet(0, 1))
        (void)axv_area_check_writable(area);
    else
        (void)axv_area_check(area, Frama_C_nondet(0, 1) ? NULL : &hdr);
}

static void step_platform(void) {
    struct axv_platform platform = {.name = "proof"};
#define AXV_EACH_AREA(area)   \
    if (Frama_C_nondet(0, 1)) \
        platform.area = any_table_##area();
#include <axvisor_api/each_area.h>
    const char *failed = NULL;
    switch (Frama_C_interval(0, 3)) {
    case 0:
        (void)axv_platform_validate(Frama_C_nondet(0, 1) ? NULL : &platform,
                                    Frama_C_nondet(0, 1) ? NULL : &failed);
        if (failed != NULL)
            proof_read_string(failed);
        break;
    case 1:
        (void)axv_platform_install(&platform);
        break;
    case 2:
        (void)axv_platform_install(NULL);
        break;
    default:
        (void)axv_platform_validate(NULL, NULL);
        break;
    }
}

/* A handler that checks its message is a string, then returns (the library must trap). */
static void proof_fatal_handler(const char *message) {
    proof_read_string(message);
}

static void step_core(void) {
    switch (Frama_C_interval(0, 6)) {
    case 0:
        (void)axv_api_seal();
        break;
    case 1: {
        size_t count = axv_api_area_count();
        const struct axv_area_desc *area = axv_api_area(PROOF_ANY(size_t));
        if (area != NULL) {
            proof_read_string(area->name);
            (void)count;
        }
        break;
    }
    case 2:
        (void)axv_api_is_sealed();
        break;
    case 3:
        proof_read_string(axv_strerror(PROOF_ANY(int)));
        break;
    case 4:
        axv_set_fatal_handler(Frama_C_nondet(0, 1) ? NULL : proof_fatal_handler);
        break;
    case 5:
        axv_fatal(Frama_C_nondet(0, 1) ? NULL : "proof: fatal");
        break;
    default:
        step_component();
        break;
    }
}

static void step(void) {
    switch (Frama_C_interval(0, 3)) {
    case 0: {
        /* One area's API, the area chosen at will. */
        int which = Frama_C_interval(0, axv_num_builtin_areas - 1);
        int i = 0;
#define AXV_EACH_AREA(area) \
    if (which == i++)       \
        step_##area();
#include <axvisor_api/each_area.h>
        break;
    }
    case 1:
        step_platform();
        break;
    default:
        step_core();
        break;
    }
}

/* A table whose object is exactly as large as its header says. */
static void step_exact(void) {
    int which = Frama_C_interval(0, axv_num_builtin_areas - 1);
    int i = 0;
#define AXV_EACH_AREA(area)                                    \
    if (which == i++) {                                        \
        if (Frama_C_nondet(0, 1))                              \
            (void)axv_##area##_register(exact_table_##area()); \
        else                                                   \
            (void)axv_##area##_validate(exact_table_##area()); \
    }
#include <axvisor_api/each_area.h>
}

int main(void) {
#define AXV_EACH_AREA(area) (void)axv_##area##_get(&proof_defaults_##area);
#include <axvisor_api/each_area.h>
    describe_components();

    step_exact();

    /* No component area, one, as many as fit, and more than fit (refused). */
    size_t components;
    switch (Frama_C_interval(0, 3)) {
    case 0:
        components = 0;
        break;
    case 1:
        components = 1;
        break;
    case 2:
        components = AXV_MAX_AREAS - axv_api_area_count();
        break;
    default:
        components = AXV_MAX_AREAS;
        break;
    }
    /*@ split components; */
    track_components(components);

    while (Frama_C_nondet(0, 1))
        step();
    return 0;
}
