/* Each hart's queue of one-shot timers (timer_queue.c), above the Sstc timer (sstc.c). */
#ifndef AXV_QEMU_TIMER_QUEUE_H
#define AXV_QEMU_TIMER_QUEUE_H

#include <axvisor_api/time.h>

/* The calling hart's empty queue, before the hart is online. */
void axv_qemu_timer_queue_cpu_start(void);
/* Queues fn(arg) on the calling hart for @p deadline_ns: the contract of
 * axv_time_register_timer(). */
int axv_qemu_timer_queue_add(axv_nanos_t deadline_ns, axv_timer_fn fn, void *arg,
                             axv_timer_token_t *token);
/* The contract of axv_time_cancel_timer(), from any hart. */
int axv_qemu_timer_queue_cancel(axv_timer_token_t token);
/* The calling hart's timer interrupt (STIP) came: runs every callback that is due and re-arms. */
void axv_qemu_timer_queue_irq(void);

#endif /* AXV_QEMU_TIMER_QUEUE_H */
