/* The mock platform: every built-in area's fake table, installed and reset in one call. */
#include <axvisor_api/mock/fakes.h>

const struct axv_platform axv_mock_platform = {
    .name = "mock",
#define AXV_EACH_AREA(area) .area = &axv_fake_##area##_ops,
#include <axvisor_api/each_area.h>
};

void axv_mock_reset_all(void) {
#define AXV_EACH_AREA(area) axv_fake_##area##_reset();
#include <axvisor_api/each_area.h>
}

int axv_mock_install(void) {
    return axv_platform_install(&axv_mock_platform);
}
