/* Installing a whole platform: validate every table, then copy every table. */
#include <axvisor_api/platform.h>

int axv_platform_validate(const struct axv_platform *platform, const char **failed_area) {
    if (failed_area != NULL)
        *failed_area = NULL;
    if (axv_api_is_sealed())
        return AXV_EPERM;
    if (platform == NULL)
        return AXV_EINVAL;
#define AXV_EACH_AREA(area)                             \
    if (platform->area != NULL) {                       \
        int rc = axv_##area##_validate(platform->area); \
        if (rc != AXV_OK) {                             \
            if (failed_area != NULL)                    \
                *failed_area = #area;                   \
            return rc;                                  \
        }                                               \
    }
#include <axvisor_api/each_area.h>
    return AXV_OK;
}

int axv_platform_install(const struct axv_platform *platform) {
    int rc = axv_platform_validate(platform, NULL);
    if (rc != AXV_OK)
        return rc;
        /* Every table passed the same checks register() makes, so a refusal here is a bug. */
#define AXV_EACH_AREA(area)                                                        \
    if (platform->area != NULL && axv_##area##_register(platform->area) != AXV_OK) \
        axv_fatal("platform install: " #area " table refused after validation");
#include <axvisor_api/each_area.h>
    return AXV_OK;
}
