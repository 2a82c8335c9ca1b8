/* Installing a whole platform: validate every table, then copy every table. */
#include <axvisor_api/platform.h>

int axv_platform_validate(const struct axv_platform *platform, const char **failed_area) {
    if (failed_area != NULL)
        *failed_area = NULL;
    if (axv_api_is_sealed())
        return AXV_EPERM;
    if (platform == NULL)
        return AXV_EINVAL;
#define AXV_VALIDATE_AREA(area)                         \
    if (platform->area != NULL) {                       \
        int rc = axv_##area##_validate(platform->area); \
        if (rc != AXV_OK) {                             \
            if (failed_area != NULL)                    \
                *failed_area = #area;                   \
            return rc;                                  \
        }                                               \
    }
    AXV_BUILTIN_AREAS(AXV_VALIDATE_AREA)
#undef AXV_VALIDATE_AREA
    return AXV_OK;
}

int axv_platform_install(const struct axv_platform *platform) {
    int rc = axv_platform_validate(platform, NULL);
    if (rc != AXV_OK)
        return rc;
        /* Every table passed the same checks register() makes, so a refusal here is a bug. */
#define AXV_INSTALL_AREA(area)                                                     \
    if (platform->area != NULL && axv_##area##_register(platform->area) != AXV_OK) \
        axv_fatal("platform install: " #area " table refused after validation");
    AXV_BUILTIN_AREAS(AXV_INSTALL_AREA)
#undef AXV_INSTALL_AREA
    return AXV_OK;
}
