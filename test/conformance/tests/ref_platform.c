/* Reference host, arch and console, and installing the whole reference platform (the riscv
 * area is in ref_riscv.c). */
#include "ref_internal.h"

struct ref_config ref_cfg;

#define CONSOLE_CAP 65536u
#define SHORT_WRITE 16u

static char console_buf[CONSOLE_CAP];
static size_t console_len;

size_t ref_cpu_num(void) {
    return 4;
}

/* The reference host boots without a device tree. */
/* cppcheck-suppress constParameter ; the op's signature: an out-parameter, unwritten here */
static int fdt_address(axv_paddr_t *addr) {
    return addr == NULL ? AXV_EINVAL : AXV_ENOENT;
}

static uint32_t read_vgicd_typer(void) {
    return 0x0078040fu;
}

static uint32_t read_vgicd_iidr(void) {
    return 0x0200043bu;
}

static axv_paddr_t host_gicd_base(void) {
    return 0x08000000u;
}

static axv_paddr_t host_gicr_base(void) {
    return 0x080a0000u;
}

static size_t write_bytes(const void *buf, size_t len) {
    if (ref_cfg.fault == REF_FAULT_CONSOLE_WRITES_SHORT && len > SHORT_WRITE)
        len = SHORT_WRITE;
    const char *bytes = buf;
    for (size_t i = 0; i < len; i++)
        if (console_len + 1 < CONSOLE_CAP)
            console_buf[console_len++] = bytes[i];
    console_buf[console_len] = '\0';
    return len;
}

static size_t read_bytes(void *buf, size_t len) {
    (void)buf;
    (void)len;
    return 0;
}

void ref_idle(void *ctx) {
    (void)ctx;
    ref_time_step();
    ref_vmm_step();
}

void ref_platform_stop(void) {
    ref_time_stop();
}

const char *ref_console_output(void) {
    return console_buf;
}

int ref_platform_install(const struct ref_config *config) {
    static const struct axv_host_ops host = {
        .hdr = AXV_OPS_HDR_INIT(struct axv_host_ops),
        .cpu_num = ref_cpu_num,
        .fdt_address = fdt_address,
    };
    static const struct axv_arch_ops arch = {
        .hdr = AXV_OPS_HDR_INIT(struct axv_arch_ops),
        .read_vgicd_typer = read_vgicd_typer,
        .read_vgicd_iidr = read_vgicd_iidr,
        .host_gicd_base = host_gicd_base,
        .host_gicr_base = host_gicr_base,
    };
    static const struct axv_console_ops console = {
        .hdr = AXV_OPS_HDR_INIT(struct axv_console_ops),
        .write_bytes = write_bytes,
        .read_bytes = read_bytes,
    };
    ref_time_stop(); /* before the configuration it runs under changes */
    ref_cfg = *config;
    console_len = 0;
    console_buf[0] = '\0';
    ref_memory_reset();
    ref_time_reset();
    ref_vmm_reset();

    int rc;
#define AXV_EACH_AREA(area)                    \
    if ((rc = axv_##area##_reset()) != AXV_OK) \
        return rc;
#include <axvisor_api/each_area.h>
    struct axv_platform platform = {
        .name = "conformance-reference",
        .memory = &ref_memory_ops,
        .time = &ref_time_ops,
        .vmm = config->without_vmm ? NULL : ref_vmm_table(!config->fallback_to_vcpus),
        .host = &host,
        .arch = &arch,
        .console = &console,
        .riscv = &ref_riscv_ops,
    };
    return axv_platform_install(&platform);
}
