/**
 * @file time.h
 * @brief Time area: the monotonic clock and one-shot timers.
 *
 * The area itself is declared by <axvisor_api/areas.h>, generated from its op list
 * <axvisor_api/ops/time.h>; this header adds the hand-written helpers.
 */
#ifndef AXVISOR_API_TIME_H
#define AXVISOR_API_TIME_H

#include <axvisor_api/areas.h>

/**
 * @addtogroup axv_area_time
 * @{
 */

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
