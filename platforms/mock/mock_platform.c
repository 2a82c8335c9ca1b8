/* The mock platform: every built-in area's fake table, installed and reset in one call.
 * Built from AXV_BUILTIN_AREAS, so a new built-in area without fakes fails to compile. */
#include <axvisor_api/mock/fakes.h>

#define AXV_MOCK_TABLE(area) .area = &axv_fake_##area##_ops,
const struct axv_platform axv_mock_platform = {.name = "mock", AXV_BUILTIN_AREAS(AXV_MOCK_TABLE)};
#undef AXV_MOCK_TABLE

void axv_mock_reset_all(void) {
#define AXV_MOCK_RESET(area) axv_fake_##area##_reset();
    AXV_BUILTIN_AREAS(AXV_MOCK_RESET)
#undef AXV_MOCK_RESET
}

int axv_mock_install(void) {
    return axv_platform_install(&axv_mock_platform);
}
