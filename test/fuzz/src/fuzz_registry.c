/* Fuzz target: registration through the public API of the six built-in areas and of a
 * component-defined one (the "vgic" area of test/custom_area, which has every op kind).
 *
 * Steps decoded from the input: register or validate a table (members NULL, default or one
 * of two stand-ins; headers with a wrong magic, another major, any minor, a nonzero
 * reserved field, sizes smaller, larger or not a whole number of ops, or no table at all),
 * install a platform of several such tables, reset an area, NULL out-pointers, and seal.
 * After every step, for every area, get() returns exactly the model (the old table when
 * the step was refused, the new one when it succeeded, never a mix, and no other area
 * changed), implements() agrees with it, and each return code is the one the contract
 * gives for that header: AXV_EPERM once sealed, then AXV_EINVAL for no table, then
 * AXV_EVERSION for a bad header, in that order, and install reports the first refused area
 * in the order of the list of built-in areas and changes nothing then. Tables are passed in buffers
 * of exactly the size their header claims, so AddressSanitizer catches any read of a member beyond
 * it.
 *
 * Sealing: axv_api_seal() cannot be undone in-process, with any port (the `none` port
 * skips the write protection, not the sealed flag), and libFuzzer runs every input in one
 * process. So a seal step forks: the child seals (with the real posix port, so a stray
 * write into the registry faults), runs the rest of the input, which must then be refused
 * with AXV_EPERM and change nothing while get() keeps working, and exits 0; the parent
 * aborts if the child did not, and ends the input there. Only inputs that reach a seal step
 * pay for a fork (about 1 ms; a seal step seals only when its parameter byte is a multiple
 * of 8, which keeps most inputs fork-free: 1.7 times the inputs per second), and the
 * fuzzer gets no coverage feedback from the child; sealed behaviour is simple (every write
 * path answers AXV_EPERM first), so that costs little. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <axvisor_api/axvisor_api.h>
#include <demo_vgic/vgic_api.h>

#include "fuzz_input.h"

#define AXV_AREA_OPS <axvisor_api/builtin_areas.h>
#include "fuzz_registry_gen.h"
#define AXV_AREA_OPS <demo_vgic/ops.h>
#include "fuzz_registry_gen.h"

#define MAX_STEPS 128u

enum {
#define FZ_EACH(area) FZ_##area,
#include "fz_areas.h"
    FZ_NUM_AREAS
};

/* A table to pass: its buffer (NULL for "no table"), and the code the contract gives. */
struct fz_table {
    void *buf;
    int expect;
};

/* The code a header must get while unsealed: AXV_EVERSION for anything but a header from
 * AXV_OPS_HDR_INIT of this major with a size from the header to the library's table, in
 * whole ops. The minor is not checked: a table's size says which ops it has. */
static int expected_for(const struct axv_ops_hdr *h, size_t ops_size) {
    if (h->magic != AXV_OPS_MAGIC || h->abi_major != AXV_ABI_MAJOR || h->reserved != 0)
        return AXV_EVERSION;
    if (h->size < sizeof(*h) || h->size > ops_size ||
        (h->size - sizeof(*h)) % sizeof(void (*)(void)) != 0)
        return AXV_EVERSION;
    return AXV_OK;
}

/* Breaks (or not) the header of a table of @p ops_size bytes; true when the step passes no
 * table at all instead. Two changes of 5 bytes of input each, so headers can be wrong in
 * several ways at once. */
static bool mutate_header(struct fuzz_input *in, struct axv_ops_hdr *h, size_t ops_size) {
    const size_t op_size = sizeof(void (*)(void));
    size_t num_ops = (ops_size - sizeof(*h)) / op_size;
    for (int i = 0; i < 2; i++) {
        uint8_t v = fuzz_u8(in);
        uint32_t w = fuzz_u32(in);
        switch (v % 16) {
        case 0:
            h->magic = w;
            break;
        case 1:
            h->abi_major = (uint16_t)(AXV_ABI_MAJOR + 1u + w % 2);
            break;
        case 2:
            h->abi_minor = (uint16_t)w; /* older or newer minor */
            break;
        case 3: /* an older minor: fewer ops */
            h->size = (uint32_t)(ops_size - op_size * (w % (num_ops + 1)));
            break;
        case 4: /* a newer minor: more ops than this library knows */
            h->size = (uint32_t)(ops_size + op_size * (1u + w % 4));
            break;
        case 5:
            h->size = w;
            break;
        case 6:
            h->size = (uint32_t)(sizeof(*h) + w % 16); /* not whole ops, or none */
            break;
        case 7:
            h->reserved = w | 1u;
            break;
        case 8:
            memset(h, 0, sizeof(*h)); /* never initialised */
            break;
        case 9:
            return true;
        default:
            break; /* most tables keep a good header */
        }
    }
    return false;
}

/* Copies @p t (@p ops_size bytes) into a buffer of exactly the size its header claims,
 * within [header, ops_size], so reading past the claimed size is caught. */
static void *exact_copy(const void *t, const struct axv_ops_hdr *h, size_t ops_size) {
    size_t bytes = h->size < sizeof(*h) ? sizeof(*h) : h->size > ops_size ? ops_size : h->size;
    void *buf = malloc(bytes);
    FUZZ_CHECK(buf != NULL);
    memcpy(buf, t, bytes);
    return buf;
}

static bool sealed;

/* Per area: start, check, prepare a table, register, reset. */
#define FZ_EACH(area)                                                                  \
    static void fz_##area##_prepare(struct fuzz_input *in, struct axv_##area##_ops *t, \
                                    struct fz_table *out) {                            \
        fz_##area##_fill(t, in);                                                       \
        if (mutate_header(in, &t->hdr, sizeof(*t))) {                                  \
            out->buf = NULL;                                                           \
            out->expect = AXV_EINVAL;                                                  \
        } else {                                                                       \
            out->buf = exact_copy(t, &t->hdr, sizeof(*t));                             \
            out->expect = expected_for(&t->hdr, sizeof(*t));                           \
        }                                                                              \
        if (sealed)                                                                    \
            out->expect = AXV_EPERM;                                                   \
    }                                                                                  \
    static void fz_##area##_register_step(struct fuzz_input *in) {                     \
        struct axv_##area##_ops t;                                                     \
        struct fz_table table;                                                         \
        fz_##area##_prepare(in, &t, &table);                                           \
        FUZZ_CHECK(axv_##area##_validate(table.buf) == table.expect);                  \
        fz_##area##_check();                                                           \
        FUZZ_CHECK(axv_##area##_register(table.buf) == table.expect);                  \
        if (table.expect == AXV_OK)                                                    \
            fz_##area##_apply(&t, t.hdr.size);                                         \
        free(table.buf);                                                               \
    }                                                                                  \
    static void fz_##area##_reset_step(void) {                                         \
        FUZZ_CHECK(axv_##area##_reset() == (sealed ? AXV_EPERM : AXV_OK));             \
        if (!sealed)                                                                   \
            fz_##area##_model = fz_##area##_defaults;                                  \
    }                                                                                  \
    static void fz_##area##_null_step(void) {                                          \
        FUZZ_CHECK(axv_##area##_get(NULL) == AXV_EINVAL);                              \
        FUZZ_CHECK(axv_##area##_validate(NULL) == (sealed ? AXV_EPERM : AXV_EINVAL));  \
        FUZZ_CHECK(axv_##area##_register(NULL) == (sealed ? AXV_EPERM : AXV_EINVAL));  \
    }
#include "fz_areas.h"

static void check_all(void) {
#define FZ_EACH(area) fz_##area##_check();
#include "fz_areas.h"
    /* The built-in areas and vgic (tracked since the first input reset it). */
    FUZZ_CHECK(axv_api_area_count() == FZ_NUM_AREAS);
    FUZZ_CHECK(axv_api_is_sealed() == sealed);
}

/* A platform of a random subset of tables: validate names the first refused area in list
 * order, and install changes every provided area or none. */
static void install_step(struct fuzz_input *in) {
    struct axv_platform p = {.name = "fuzz"};
    int expect = sealed ? AXV_EPERM : AXV_OK;
    const char *expect_area = NULL;
#define AXV_EACH_AREA(area)                                                      \
    struct axv_##area##_ops area##_table;                                        \
    struct fz_table area##_buf = {NULL, AXV_OK};                                 \
    if (fuzz_u8(in) % 2) {                                                       \
        fz_##area##_prepare(in, &area##_table, &area##_buf);                     \
        p.area = area##_buf.buf;                                                 \
        /* A NULL table in a platform means "not provided", not an error. */     \
        if (p.area != NULL && expect == AXV_OK && area##_buf.expect != AXV_OK) { \
            expect = area##_buf.expect;                                          \
            expect_area = #area;                                                 \
        }                                                                        \
    }
#include <axvisor_api/each_area.h>

    const char *failed = "unset";
    FUZZ_CHECK(axv_platform_validate(&p, &failed) == expect);
    FUZZ_CHECK(expect_area == NULL ? failed == NULL
                                   : failed != NULL && strcmp(failed, expect_area) == 0);
    check_all();
    FUZZ_CHECK(axv_platform_install(&p) == expect);
#define AXV_EACH_AREA(area)                                      \
    if (expect == AXV_OK && p.area != NULL)                      \
        fz_##area##_apply(&area##_table, area##_table.hdr.size); \
    free(area##_buf.buf);
#include <axvisor_api/each_area.h>
}

static void register_step(struct fuzz_input *in) {
    switch (fuzz_u8(in) % FZ_NUM_AREAS) {
#define FZ_EACH(area)                  \
    case FZ_##area:                    \
        fz_##area##_register_step(in); \
        break;
#include "fz_areas.h"
    }
}

static void reset_step(struct fuzz_input *in) {
    switch (fuzz_u8(in) % FZ_NUM_AREAS) {
#define FZ_EACH(area)             \
    case FZ_##area:               \
        fz_##area##_reset_step(); \
        break;
#include "fz_areas.h"
    }
}

static void null_step(struct fuzz_input *in) {
    switch (fuzz_u8(in) % FZ_NUM_AREAS) {
#define FZ_EACH(area)            \
    case FZ_##area:              \
        fz_##area##_null_step(); \
        break;
#include "fz_areas.h"
    }
    const char *failed = "unset";
    FUZZ_CHECK(axv_platform_validate(NULL, &failed) == (sealed ? AXV_EPERM : AXV_EINVAL));
    FUZZ_CHECK(failed == NULL);
    FUZZ_CHECK(axv_platform_install(NULL) == (sealed ? AXV_EPERM : AXV_EINVAL));
}

static void run_steps(struct fuzz_input *in);

/* See the top of the file: the sealed rest of the input runs in a child. */
static void seal_step(struct fuzz_input *in) {
    if (sealed) {
        FUZZ_CHECK(axv_api_seal() == AXV_OK); /* idempotent */
        return;
    }
    fflush(stderr);
    pid_t child = fork();
    FUZZ_CHECK(child >= 0);
    if (child == 0) {
        FUZZ_CHECK(axv_api_seal() == AXV_OK); /* the posix port protects */
        sealed = true;
        check_all();
        run_steps(in);
        _exit(0);
    }
    int status = 0;
    pid_t waited;
    do /* libFuzzer's timers interrupt the wait with SIGALRM */
        waited = waitpid(child, &status, 0);
    while (waited < 0 && errno == EINTR);
    FUZZ_CHECK(waited == child);
    FUZZ_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    in->size = 0; /* the child ran the rest */
}

static void run_steps(struct fuzz_input *in) {
    for (unsigned step = 0; step < MAX_STEPS && fuzz_more(in); step++) {
        uint8_t op = fuzz_u8(in);
        switch (op % 16) {
        case 0:
        case 1:
        case 2:
        case 3:
        case 4:
        case 5:
        case 6:
            register_step(in);
            break;
        case 7:
        case 8:
            reset_step(in);
            break;
        case 9:
        case 10:
        case 11:
            install_step(in);
            break;
        case 12:
            null_step(in);
            break;
        case 13:
            /* One seal step in eight seals: each costs a fork (see the top of the file). */
            if (fuzz_u8(in) % 8 == 0)
                seal_step(in);
            break;
        default: /* a no-op step: the checks alone */
            break;
        }
        check_all();
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    /* The slots start out holding the defaults: capture them before anything registers. */
#define FZ_EACH(area) FUZZ_CHECK(axv_##area##_get(&fz_##area##_defaults) == AXV_OK);
#include "fz_areas.h"
    FUZZ_CHECK(axv_api_area_count() == FZ_NUM_AREAS - 1); /* vgic is not tracked yet */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct fuzz_input in = {data, size};
#define FZ_EACH(area)                           \
    FUZZ_CHECK(axv_##area##_reset() == AXV_OK); \
    fz_##area##_model = fz_##area##_defaults;
#include "fz_areas.h"
    check_all();
    run_steps(&in);
    return 0;
}
