/* The device-tree facts the platform needs: the RAM range (QEMU's -m), the harts (QEMU's
 * -smp) with their hart ids in `reg`, the timebase, whether the harts have the H extension,
 * /chosen's bootargs (QEMU's -append), and the supervisor-level interrupt controllers under
 * /soc (the PLIC, or with AIA the APLIC domain without riscv,children and the IMSICs wired to
 * cause 9) for the riscv area. A flattened device tree is big-endian; its
 * structure block is a token stream (BEGIN_NODE name, PROP len nameoff value, END_NODE, NOP,
 * END). */
#include <axvisor_api/axvisor_api.h>
#include "board.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u

/* Byte loads: a property's value need not be aligned. */
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

/* Whether ISA string @p isa ("rv64imafdch_zicsr...") has single-letter extension @p ext:
 * the letters run from after "rv64" to the first '_'. */
static bool isa_has(const char *isa, char ext) {
    if (isa[0] != 'r' || isa[1] != 'v')
        return false;
    for (const char *p = isa + 4; *p != '\0' && *p != '_'; p++)
        if (*p == ext)
            return true;
    return false;
}

static size_t align4(size_t n) {
    return (n + 3u) & ~(size_t)3u;
}

/* The /soc interrupt controllers: what the node being walked says, kept at its end. */
enum soc_node { SOC_OTHER, SOC_PLIC, SOC_APLIC, SOC_IMSIC };

struct fdt_walk {
    uint32_t addr_cells, size_cells; /* the root's */
    uint32_t cpu_addr_cells;         /* /cpus's #address-cells */
    uint32_t soc_addr_cells;         /* /soc's #address-cells */
    int depth;
    bool in_memory, in_cpus, in_cpu, in_chosen, in_soc;
    enum soc_node soc_node;
    uint64_t node_reg;  /* its first reg address */
    bool node_children; /* an APLIC with riscv,children: the machine-level domain */
    bool node_s_level;  /* an IMSIC wired to supervisor external interrupts (cause 9) */
    uint32_t node_guest_bits;
    uint32_t node_sources; /* a PLIC's riscv,ndev or an APLIC's riscv,num-sources */
};

static struct axv_qemu_board board_copy;
static uint64_t dtb_address, dtb_size;

static void begin_node(struct fdt_walk *w, const char *name, struct axv_qemu_board *out) {
    w->depth++;
    w->in_memory = w->depth == 2 && node_is(name, "memory");
    w->in_chosen = w->depth == 2 && node_is(name, "chosen");
    if (w->depth == 2) {
        w->in_cpus = node_is(name, "cpus");
        w->in_soc = node_is(name, "soc");
    }
    w->soc_node = SOC_OTHER;
    if (w->in_soc && w->depth == 3) {
        w->soc_node = node_is(name, "plic")     ? SOC_PLIC
                      : node_is(name, "aplic")  ? SOC_APLIC
                      : node_is(name, "imsics") ? SOC_IMSIC
                                                : SOC_OTHER;
        w->node_reg = 0;
        w->node_children = false;
        w->node_s_level = false;
        w->node_guest_bits = 0;
        w->node_sources = 0;
    }
    w->in_cpu = w->in_cpus && w->depth == 3 && node_is(name, "cpu");
    if (w->in_cpu)
        out->hart_count++;
}

/* Keeps what a /soc interrupt controller node said: the supervisor-level ones only. */
static void end_soc_node(const struct fdt_walk *w, struct axv_qemu_board *out) {
    if (w->soc_node == SOC_PLIC && out->plic_base == 0) {
        out->plic_base = w->node_reg;
        out->plic_ndev = w->node_sources;
    } else if (w->soc_node == SOC_APLIC && !w->node_children && out->aplic_s_base == 0) {
        out->aplic_s_base = w->node_reg;
        out->aplic_s_sources = w->node_sources;
    } else if (w->soc_node == SOC_IMSIC && w->node_s_level && out->imsic_s_base == 0) {
        out->imsic_s_base = w->node_reg;
        out->imsic_guest_bits = w->node_guest_bits;
    }
}

static void end_node(struct fdt_walk *w, struct axv_qemu_board *out) {
    if (w->in_soc && w->depth == 3)
        end_soc_node(w, out);
    w->soc_node = SOC_OTHER;
    w->depth--;
    w->in_memory = false;
    w->in_cpu = false;
    w->in_chosen = false;
    if (w->depth < 2) {
        w->in_cpus = false;
        w->in_soc = false;
    }
}

/* A property of a /soc interrupt controller node. */
static void soc_property(struct fdt_walk *w, const char *name, const uint8_t *value, uint32_t len) {
    if (str_eq(name, "reg") && len >= 4 * (uint64_t)w->soc_addr_cells)
        w->node_reg = read_cells(value, w->soc_addr_cells);
    else if (str_eq(name, "riscv,children"))
        w->node_children = true;
    else if ((str_eq(name, "riscv,ndev") || str_eq(name, "riscv,num-sources")) && len >= 4)
        w->node_sources = be32(value);
    else if (str_eq(name, "riscv,guest-index-bits") && len >= 4)
        w->node_guest_bits = be32(value);
    else if (str_eq(name, "interrupts-extended") && len >= 8)
        /* <hart's interrupt controller, cause> per hart: 9 is the supervisor external
         * interrupt, 11 the machine one. */
        w->node_s_level = be32(value + 4) == 9u;
}

/* Property @p name of @p len bytes at @p value, in the node the walk is in. Lengths are
 * compared in 64 bits: a cell count from the tree must not wrap the bound it is checked by. */
static void property(struct fdt_walk *w, const char *name, const uint8_t *value, uint32_t len,
                     struct axv_qemu_board *out) {
    if (w->depth == 1 && str_eq(name, "#address-cells"))
        w->addr_cells = be32(value);
    else if (w->depth == 1 && str_eq(name, "#size-cells"))
        w->size_cells = be32(value);
    else if (w->in_cpus && w->depth == 2 && str_eq(name, "#address-cells"))
        w->cpu_addr_cells = be32(value);
    else if (w->in_soc && w->depth == 2 && str_eq(name, "#address-cells"))
        w->soc_addr_cells = be32(value);
    else if (w->soc_node != SOC_OTHER)
        soc_property(w, name, value, len);
    else if (w->in_cpus && w->depth == 2 && str_eq(name, "timebase-frequency") && len >= 4)
        out->timebase_hz = read_cells(value, len >= 8 ? 2 : 1);
    else if (w->in_cpu && str_eq(name, "reg") && len >= 4 * (uint64_t)w->cpu_addr_cells &&
             out->hart_count <= AXV_QEMU_MAX_CPUS)
        out->hart_id[out->hart_count - 1] = read_cells(value, w->cpu_addr_cells);
    else if (w->in_cpu && out->hart_count == 1 && str_eq(name, "riscv,isa") && len > 0 &&
             value[len - 1] == '\0')
        out->has_h = isa_has((const char *)value, 'h');
    else if (w->in_chosen && str_eq(name, "bootargs") && len > 0 && value[len - 1] == '\0')
        out->bootargs = (const char *)value;
    else if (w->in_memory && str_eq(name, "reg") && out->ram_size == 0 &&
             len >= 4 * ((uint64_t)w->addr_cells + w->size_cells)) {
        out->ram_base = read_cells(value, w->addr_cells);
        out->ram_size = read_cells(value + (size_t)4 * w->addr_cells, w->size_cells);
    }
}

int axv_qemu_dtb_read(const void *dtb, struct axv_qemu_board *out) {
    const uint8_t *base = dtb;
    if (base == NULL || be32(base) != FDT_MAGIC)
        return AXV_ENOENT;
    const uint8_t *p = base + be32(base + 8);
    const uint8_t *end = p + be32(base + 36);
    const char *strings = (const char *)base + be32(base + 12);

    /* Root defaults from the spec (virt sets 2 and 2); /cpus's is 1 on virt. */
    struct fdt_walk w = {
        .addr_cells = 2, .size_cells = 1, .cpu_addr_cells = 1, .soc_addr_cells = 2};
    *out = (struct axv_qemu_board){.bootargs = ""};

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
            end_node(&w, out);
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
    if (out->ram_size == 0 || out->timebase_hz == 0)
        return AXV_ENOENT;
    if (out->hart_count == 0)
        out->hart_count = 1;
    dtb_address = (uint64_t)(uintptr_t)dtb;
    dtb_size = be32(base + 4);
    return AXV_OK;
}

uint64_t axv_qemu_dtb_address(void) {
    return dtb_address;
}

uint64_t axv_qemu_dtb_size(void) {
    return dtb_size;
}

void axv_qemu_board_set(const struct axv_qemu_board *board) {
    board_copy = *board;
}

const struct axv_qemu_board *axv_qemu_board(void) {
    return &board_copy;
}
