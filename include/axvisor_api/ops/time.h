/*
 * Op list of the time area: the monotonic clock and one-shot timers.
 * An op list is data for the generators; include <axvisor_api/axvisor_api.h> instead.
 * No include guard: it is expanded once per generated piece.
 */
#ifndef AXV_OP
#error "an op list is expanded by the generators; include <axvisor_api/axvisor_api.h>"
#endif

/** @brief The monotonic clock and one-shot timers. */
AXV_AREA_BEGIN(time)

/**
 * @brief Reads the monotonic tick counter.
 * @return Ticks since the clock's origin; never decreases. Fatal when not implemented.
 * @note Any context, including IRQ handlers and timer callbacks; thread-safe.
 */
AXV_OP(time, VALUE, axv_ticks_t, current_ticks, (void))

/**
 * @brief Converts ticks to nanoseconds.
 * @param ticks A tick count.
 * @return The same duration in nanoseconds (rounded down). Fatal when not implemented.
 * @note Any context; thread-safe.
 */
AXV_OP(time, VALUE, axv_nanos_t, ticks_to_nanos, (axv_ticks_t, ticks))

/**
 * @brief Converts nanoseconds to ticks.
 * @param nanos A duration in nanoseconds.
 * @return The same duration in ticks (rounded down). Fatal when not implemented.
 * @note Any context; thread-safe.
 */
AXV_OP(time, VALUE, axv_ticks_t, nanos_to_ticks, (axv_nanos_t, nanos))

/**
 * @brief Arms a one-shot timer.
 * @param deadline_ns Absolute monotonic deadline in nanoseconds (the clock of
 *        axv_time_current_nanos()); a deadline in the past fires as soon as possible.
 * @param fn Called once, at or after the deadline, with @p arg and the time it ran.
 *        Where it runs (IRQ handler, service thread) is the platform's to document; it may
 *        register new timers.
 * @param arg Passed to @p fn unchanged.
 * @param token Receives a token for axv_time_cancel_timer(); never 0.
 * @return AXV_OK; AXV_EINVAL for a NULL @p fn or @p token; AXV_ENOMEM when no timer
 *         can be queued; AXV_ENOSYS when not implemented.
 * @note Any context, including timer callbacks (a callback may re-arm); thread-safe;
 *       never sleeps (the reference platforms hold a short lock).
 */
AXV_OP(time, STATUS, int, register_timer,
       (axv_nanos_t, deadline_ns, axv_timer_fn, fn, void *, arg, axv_timer_token_t *, token))

/**
 * @brief Cancels a timer armed by axv_time_register_timer().
 * @param token The timer's token.
 * @return AXV_OK when the callback is guaranteed never to run; AXV_ENOENT when it already
 *         ran (or is running), was cancelled, or never existed; AXV_ENOSYS when not
 *         implemented.
 * @note Any context, including timer callbacks (also the timer's own); thread-safe, from
 *       any CPU or thread. Never waits for a running callback, so a callback cannot
 *       deadlock on its own cancel.
 */
AXV_OP(time, STATUS, int, cancel_timer, (axv_timer_token_t, token))

AXV_AREA_END(time)
