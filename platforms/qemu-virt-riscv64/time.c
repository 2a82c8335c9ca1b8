/* Time area: the clock is the time CSR (sstc.c), timers go to the calling hart's queue
 * (timer_queue.c). */
#include "ops.h"
#include "sstc.h"
#include "timer_queue.h"

axv_ticks_t axv_qemu_time_current_ticks(void) {
    return axv_qemu_sstc_ticks();
}

axv_nanos_t axv_qemu_time_ticks_to_nanos(axv_ticks_t ticks) {
    return axv_qemu_sstc_to_nanos(ticks);
}

axv_ticks_t axv_qemu_time_nanos_to_ticks(axv_nanos_t nanos) {
    return axv_qemu_sstc_to_ticks(nanos);
}

int axv_qemu_time_register_timer(axv_nanos_t deadline_ns, axv_timer_fn fn, void *arg,
                                 axv_timer_token_t *token) {
    return axv_qemu_timer_queue_add(deadline_ns, fn, arg, token);
}

int axv_qemu_time_cancel_timer(axv_timer_token_t token) {
    return axv_qemu_timer_queue_cancel(token);
}
