/**
 * @file platform.h
 * @brief A whole platform: one ops table per built-in area, installed in one step.
 */
#ifndef AXVISOR_API_PLATFORM_H
#define AXVISOR_API_PLATFORM_H

#include <axvisor_api/areas.h>

AXV_EXTERN_C_BEGIN

/**
 * @defgroup axv_platform Platforms
 * @brief Installing every area's ops table at boot.
 * @{
 */

/**
 * @brief A platform's ops tables: `name`, then one member per built-in area, named as the
 * area and in the order of <axvisor_api/builtin_areas.h> (`.memory`, `.time`, ...).
 *
 * A NULL table means "this platform does not provide the area": installing leaves that
 * area's slot as it is.
 */
struct axv_platform {
    const char *name; /**< Human-readable platform name. */
#define AXV_EACH_AREA(area) const struct axv_##area##_ops *area;
#include <axvisor_api/each_area.h>
};

/**
 * @brief Checks every table of @p platform without installing anything.
 * @param platform The platform.
 * @param failed_area If not NULL, receives the name of the first refused area ("memory",
 *        ...), or NULL when nothing was refused.
 * @return AXV_OK; AXV_EINVAL for a NULL @p platform; otherwise the first refused table's
 *         error, as axv_<area>_validate() gives it (AXV_EPERM after sealing,
 *         AXV_EVERSION for a bad header, ...).
 * @note Boot-time; not thread-safe against concurrent registration.
 */
int axv_platform_validate(const struct axv_platform *platform, const char **failed_area);

/**
 * @brief Installs every non-NULL table of @p platform, all or nothing.
 *
 * All tables are validated first; if any is refused nothing changes. Use
 * axv_platform_validate() to learn which area was refused.
 * @param platform The platform.
 * @return AXV_OK, or the error axv_platform_validate() reports.
 * @note Boot-time, before axv_api_seal() and before other CPUs use the API.
 */
int axv_platform_install(const struct axv_platform *platform);

/** @} */

AXV_EXTERN_C_END

#endif /* AXVISOR_API_PLATFORM_H */
