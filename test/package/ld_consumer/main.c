/* The image: registers a host table, calls through the accessor, seals. Its port (AXV_PORT
 * external) checks what a bare-metal port relies on: every object sealing hands it lies in
 * the linker script's page-aligned axv_registry section, which fits one page. */
#include <stdint.h>

#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/port.h>

#define SYS_WRITE0 0x04u
#define SYS_EXIT 0x18u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u /* with it, the exit block carries a status */

extern char axv_registry_start[], axv_registry_end[];

void semihosting_exit(int status);
int main(void);

static uint64_t semihosting(uint64_t op, const volatile void *arg) {
    register uint64_t x0 __asm__("x0") = op;
    register const volatile void *x1 __asm__("x1") = arg;
    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    return x0;
}

static void puts_host(const char *s) {
    (void)semihosting(SYS_WRITE0, s);
}

void semihosting_exit(int status) {
    static volatile uint64_t block[2];
    block[0] = ADP_STOPPED_APPLICATION_EXIT;
    block[1] = (uint64_t)(int64_t)status;
    (void)semihosting(SYS_EXIT, block);
}

static unsigned protect_calls, protect_outside;

int axv_port_protect_readonly(void *start, size_t size) {
    uintptr_t begin = (uintptr_t)start;
    protect_calls++;
    if (begin < (uintptr_t)axv_registry_start || begin + size > (uintptr_t)axv_registry_end)
        protect_outside++;
    return AXV_OK; /* no MMU here: a real port maps the section's pages read-only */
}

static size_t four_cpus(void) {
    return 4;
}

static const struct axv_host_ops host = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_host_ops),
    .cpu_num = four_cpus,
};

int main(void) {
    uintptr_t size = (uintptr_t)axv_registry_end - (uintptr_t)axv_registry_start;
    if (axv_host_register(&host) != AXV_OK || axv_host_cpu_num() != 4) {
        puts_host("ld-consumer: FAILED: the host table is not called\n");
        return 1;
    }
    if (axv_api_seal() != AXV_OK || protect_calls == 0 || protect_outside != 0) {
        puts_host("ld-consumer: FAILED: sealing handed the port memory outside axv_registry\n");
        return 1;
    }
    if (size == 0 || size > 4096 || axv_host_register(&host) != AXV_EPERM) {
        puts_host("ld-consumer: FAILED: registry not one page, or not sealed\n");
        return 1;
    }
    puts_host("ld-consumer: PASS: linked by ld, registry in one page, sealed\n");
    return 0;
}
