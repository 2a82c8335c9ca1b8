/**
 * @file time.h
 * @brief Time area: the monotonic clock and one-shot timers.
 *
 * Accessors, the ops table `struct axv_time_ops` and its registration functions are
 * generated from the op list <axvisor_api/ops/time.h>, where each op is documented.
 */
#ifndef AXVISOR_API_TIME_H
#define AXVISOR_API_TIME_H

/**
 * @defgroup axv_area_time Time area
 * @ingroup axv_areas
 * @brief The monotonic clock and one-shot timers.
 *
 * Everything here except the hand-written helpers is generated from the op list
 * <axvisor_api/ops/time.h>; each op's contract is written there once.
 * @{
 */

#include <axvisor_api/areas.h>

AXV_EXTERN_C_BEGIN
/**
 * @brief Reads the monotonic clock in nanoseconds.
 * @return axv_time_ticks_to_nanos(axv_time_current_ticks()).
 * @note Any context; thread-safe. Fatal when the platform lacks either op.
 */
static inline axv_nanos_t axv_time_current_nanos(void) {
    return axv_time_ticks_to_nanos(axv_time_current_ticks());
}
AXV_EXTERN_C_END

/** @} */

#endif /* AXVISOR_API_TIME_H */
