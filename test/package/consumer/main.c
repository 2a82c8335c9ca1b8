/* A consumer of axvisor_api, built against an installed or embedded copy: it registers a host
 * ops table and reads it back through the accessor. Exits non-zero on any mismatch. */
#include <stdio.h>
#include <string.h>

#include <axvisor_api/axvisor_api.h>

#define CONSUMER_CPUS 7u

#define CONSUMER_STR_(x) #x
#define CONSUMER_STR(x) CONSUMER_STR_(x)

static size_t my_cpu_num(void) {
    return CONSUMER_CPUS;
}

static const struct axv_host_ops ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_host_ops),
    .cpu_num = my_cpu_num,
};

static int fail(const char *what) {
    fprintf(stderr, "consumer: FAIL: %s\n", what);
    return 1;
}

int main(void) {
    const char *version = CONSUMER_STR(AXV_VERSION_MAJOR) "." CONSUMER_STR(
        AXV_VERSION_MINOR) "." CONSUMER_STR(AXV_VERSION_PATCH);

    /* Before registration the slot holds the library's default: proves the defaults and the
     * registry storage were linked in, not just the accessors inlined from the headers. */
    if (axv_host_implements(axv_host_op_cpu_num))
        return fail("host.cpu_num reported as implemented before registration");
    axv_paddr_t frame = 0;
    if (axv_memory_alloc_frame(&frame) != AXV_ENOSYS)
        return fail("memory.alloc_frame default did not return AXV_ENOSYS");

    int rc = axv_host_register(&ops);
    if (rc != AXV_OK) {
        fprintf(stderr, "consumer: FAIL: axv_host_register: %s\n", axv_strerror(rc));
        return 1;
    }
    if (!axv_host_implements(axv_host_op_cpu_num))
        return fail("host.cpu_num not reported as implemented after registration");
    size_t cpus = axv_host_cpu_num();
    if (cpus != CONSUMER_CPUS)
        return fail("axv_host_cpu_num() did not return the registered op's value");

#ifdef AXV_EXPECTED_VERSION
    /* The build system's idea of the version must match the installed config.h. */
    if (strcmp(version, AXV_EXPECTED_VERSION) != 0) {
        fprintf(stderr, "consumer: FAIL: config.h says %s, the package says %s\n", version,
                AXV_EXPECTED_VERSION);
        return 1;
    }
#endif

    printf("consumer: host.cpu_num = %zu through axvisor_api %s\n", cpus, version);
    return 0;
}
