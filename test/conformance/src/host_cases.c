/* host cases: the CPU count, and the device tree's address. */
#include "suite.h"

static void case_cpu_num(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, host, cpu_num))
        return;
    size_t first = axv_host_cpu_num();
    if (first == 0) {
        axv_conf_put_str(axv_conf_fail(c), "cpu_num is 0");
        return;
    }
    size_t again = axv_host_cpu_num();
    if (again != first) {
        struct axv_conf_text *t = axv_conf_fail(c);
        axv_conf_put_str(t, "cpu_num changed between calls: ");
        axv_conf_put_dec(t, first);
        axv_conf_put_str(t, " then ");
        axv_conf_put_dec(t, again);
    }
}

/* A DTB the host has begins with the FDT magic 0xd00dfeed (big-endian), readable through
 * phys_to_virt; a host without one says AXV_ENOENT. */
static void case_fdt_address(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, host, fdt_address))
        return;
    if (!axv_conf_expect_status(c, "fdt_address(NULL)", axv_host_fdt_address(NULL), AXV_EINVAL))
        return;
    axv_paddr_t fdt = 0, again = 0;
    int rc = axv_host_fdt_address(&fdt);
    if (rc == AXV_ENOENT || !axv_conf_expect_status(c, "fdt_address", rc, AXV_OK) ||
        !axv_conf_expect_status(c, "fdt_address", axv_host_fdt_address(&again), AXV_OK))
        return;
    if (again != fdt || fdt % 8u != 0) {
        struct axv_conf_text *t = axv_conf_fail(c);
        axv_conf_put_str(t, "fdt_address gave ");
        axv_conf_put_hex(t, fdt);
        axv_conf_put_str(t, " then ");
        axv_conf_put_hex(t, again);
        axv_conf_put_str(t, " (a DTB is 8-byte aligned)");
        return;
    }
    if (!AXV_CONF_REQUIRE(c, memory, phys_to_virt))
        return;
    const volatile uint8_t *header = (const volatile uint8_t *)axv_memory_phys_to_virt(fdt);
    uint32_t magic = (uint32_t)header[0] << 24 | (uint32_t)header[1] << 16 |
                     (uint32_t)header[2] << 8 | header[3];
    if (magic != UINT32_C(0xd00dfeed)) {
        struct axv_conf_text *t = axv_conf_fail(c);
        axv_conf_put_str(t, "no FDT magic at the DTB's address: read ");
        axv_conf_put_hex(t, magic);
    }
}

static const struct axv_conf_case_def host_cases[] = {
    {"cpu_num", case_cpu_num},
    {"fdt_address", case_fdt_address},
};

const struct axv_conf_area_cases axv_conf_host_cases = {host_cases, AXV_CONF_COUNT(host_cases)};
