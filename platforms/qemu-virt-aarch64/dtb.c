/* The few device-tree facts the platform needs: the RAM range (from QEMU's -m) and the
 * CPUs (QEMU's -smp), each with the MPIDR affinity in its `reg` that PSCI CPU_ON takes. A flattened
 * device tree is big-endian; its structure block is a token stream (BEGIN_NODE name, PROP len
 * nameoff value, END_NODE, NOP, END). */
#include <stdbool.h>
#include <axvisor_api/axvisor_api.h>
#include "board.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u

/* Byte loads: words need not be aligned where a property's value starts, and the image
 * is built with -mstrict-align (code also runs with the MMU off, where memory is Device). */
static uint32_t be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t read_cells(const uint8_t *p, uint32_t cells) {
    uint64_t v = 0;
    for (uint32_t i = 0; i < cells; i++)
        v = v << 32 | be32(p + (size_t)4 * i);
    return v;
}

static bool str_eq(const char *a, const char *b) {
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* Whether node name @p name is @p base or @p base@unit-address. */
static bool node_is(const char *name, const char *base) {
    while (*base != '\0' && *name == *base) {
        name++;
        base++;
    }
    return *base == '\0' && (*name == '\0' || *name == '@');
}

static size_t align4(size_t n) {
    return (n + 3u) & ~(size_t)3u;
}

/* Where the walk is in the tree, and the cell counts it has read so far. */
struct fdt_walk {
    uint32_t addr_cells, size_cells; /* the root's */
    uint32_t cpu_addr_cells;         /* /cpus's #address-cells */
    int depth;
    bool in_memory, in_cpus, in_cpu;
};

static void begin_node(struct fdt_walk *w, const char *name, struct axv_qemu_board *out) {
    w->depth++;
    w->in_memory = w->depth == 2 && node_is(name, "memory");
    if (w->depth == 2)
        w->in_cpus = node_is(name, "cpus");
    w->in_cpu = w->in_cpus && w->depth == 3 && node_is(name, "cpu");
    if (w->in_cpu)
        out->cpu_count++;
}

static void end_node(struct fdt_walk *w) {
    w->depth--;
    w->in_memory = false;
    w->in_cpu = false;
    if (w->depth < 2)
        w->in_cpus = false;
}

/* Property @p name of @p len bytes at @p value, in the node the walk is in. The lengths are
 * compared in 64 bits: a cell count from the tree must not wrap the bound it is checked by. */
static void property(struct fdt_walk *w, const char *name, const uint8_t *value, uint32_t len,
                     struct axv_qemu_board *out) {
    if (w->depth == 1 && str_eq(name, "#address-cells"))
        w->addr_cells = be32(value);
    else if (w->depth == 1 && str_eq(name, "#size-cells"))
        w->size_cells = be32(value);
    else if (w->in_cpus && w->depth == 2 && str_eq(name, "#address-cells"))
        w->cpu_addr_cells = be32(value);
    else if (w->in_cpu && str_eq(name, "reg") && len >= 4 * (uint64_t)w->cpu_addr_cells &&
             out->cpu_count <= AXV_QEMU_MAX_CPUS)
        out->cpu_mpidr[out->cpu_count - 1] = read_cells(value, w->cpu_addr_cells);
    else if (w->in_memory && str_eq(name, "reg") && out->ram_size == 0 &&
             len >= 4 * ((uint64_t)w->addr_cells + w->size_cells)) {
        out->ram_base = read_cells(value, w->addr_cells);
        out->ram_size = read_cells(value + (size_t)4 * w->addr_cells, w->size_cells);
    }
}

/* Written by the boot CPU before the tables are installed, read only after (host.c). */
static axv_paddr_t accepted_dtb;

axv_paddr_t axv_qemu_dtb_address(void) {
    return accepted_dtb;
}

int axv_qemu_dtb_read(const void *dtb, struct axv_qemu_board *out) {
    const uint8_t *base = dtb;
    if (be32(base) != FDT_MAGIC)
        return AXV_ENOENT;
    const uint8_t *p = base + be32(base + 8);
    const uint8_t *end = p + be32(base + 36);
    const char *strings = (const char *)base + be32(base + 12);

    /* Root defaults from the spec (virt sets 2 and 2); /cpus's is 1 on virt up to 2^32
     * affinities. */
    struct fdt_walk w = {.addr_cells = 2, .size_cells = 1, .cpu_addr_cells = 1};
    *out = (struct axv_qemu_board){0};

    while (p < end) {
        uint32_t token = be32(p);
        p += 4;
        if (token == FDT_BEGIN_NODE) {
            const char *name = (const char *)p;
            size_t len = 0;
            while (name[len] != '\0')
                len++;
            p += align4(len + 1);
            begin_node(&w, name, out);
        } else if (token == FDT_END_NODE) {
            end_node(&w);
        } else if (token == FDT_PROP) {
            uint32_t len = be32(p);
            property(&w, strings + be32(p + 4), p + 8, len, out);
            p += 8 + align4(len);
        } else if (token == FDT_END) {
            break;
        } else if (token != FDT_NOP) {
            return AXV_EINVAL;
        }
    }
    if (out->ram_size == 0)
        return AXV_ENOENT;
    if (out->cpu_count == 0)
        out->cpu_count = 1;
    accepted_dtb = (axv_paddr_t)(uintptr_t)dtb;
    return AXV_OK;
}
