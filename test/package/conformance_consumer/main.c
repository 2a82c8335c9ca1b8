/* Runs the installed suite against an empty registry: every case must be skipped (nothing
 * is implemented), none failed, and the options must be checked. */
#include <stdio.h>

#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/conformance.h>

int main(void) {
    struct axv_conformance_options bad = {0};
    bad.max_frames = 1;
    if (axv_conformance_run(&bad, NULL) != AXV_EINVAL) {
        puts("bad options were not refused");
        return 1;
    }
    struct axv_conformance_result result;
    int failed = axv_conformance_run(NULL, &result);
    printf("%zu passed, %zu failed, %zu skipped\n", result.passed, result.failed, result.skipped);
    return failed == 0 && result.passed == 0 && result.failed == 0 && result.skipped > 0 ? 0 : 1;
}
