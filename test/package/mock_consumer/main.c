/* A test built against an installed axvisor_api::mock: installs the mock platform,
 * programs fakes and reads them back through the accessors. Exits non-zero on any
 * mismatch. */
#include <stdio.h>

#include <axvisor_api/mock/fakes.h>

static int fail(const char *what) {
    fprintf(stderr, "mock consumer: FAIL: %s\n", what);
    return 1;
}

int main(void) {
    static const int alloc_results[] = {AXV_ENOMEM, AXV_OK};
    axv_paddr_t frame = 0;

    axv_mock_reset_all();
    int rc = axv_mock_install();
    if (rc != AXV_OK) {
        fprintf(stderr, "mock consumer: FAIL: axv_mock_install: %s\n", axv_strerror(rc));
        return 1;
    }

    axv_fake_host_cpu_num.return_value = 6;
    if (axv_host_cpu_num() != 6)
        return fail("axv_host_cpu_num() did not return the fake's return_value");
    if (axv_fake_host_cpu_num.call_count != 1)
        return fail("the host.cpu_num fake did not count exactly one call");

    axv_fake_memory_alloc_frame.return_seq = alloc_results;
    axv_fake_memory_alloc_frame.return_seq_len = 2;
    if (axv_memory_alloc_frame(&frame) != AXV_ENOMEM || axv_memory_alloc_frame(&frame) != AXV_OK)
        return fail("axv_memory_alloc_frame() did not follow the fake's return_seq");
    if (axv_fake_memory_alloc_frame.call_count != 2 ||
        axv_fake_memory_alloc_frame.last.frame != &frame)
        return fail("the memory.alloc_frame fake did not record its calls");

    printf("mock consumer: platform \"%s\" installed; host.cpu_num fake answered 6 once\n",
           axv_mock_platform.name);
    return 0;
}
