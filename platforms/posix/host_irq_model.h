/* The modelled host interrupt lines (host_irq_model.c): what a GIC's distributor and CPU
 * interface would do for the host's own interrupts. A leaf: it calls nothing of the
 * platform; the host_irq ops and the test hooks (host_irq_ops.c) drive it.
 *
 * Each line is pending when latched (an edge: axv_posix_host_irq_pulse()) or held high (a
 * level: axv_posix_host_irq_raise() until axv_posix_host_irq_lower()). A "CPU" is a thread:
 * acknowledging makes the line active on the calling thread, and only that thread completes
 * it. A thread holds at most one active line (every line has one priority, so none preempts
 * another). Lines are not banked per CPU: every INTID is one line any thread may take. */
#ifndef AXV_POSIX_HOST_IRQ_MODEL_H
#define AXV_POSIX_HOST_IRQ_MODEL_H

#include <stdbool.h>

#include <axvisor_api/posix.h>

/* Every line low, not latched, disabled and inactive; the calling thread's record of its
 * active line is not touched (reset only while no thread holds one). */
void axv_posix_hirq_reset(void);
/* A line's input: a level held high or low, or an edge latched. */
void axv_posix_hirq_set_level(axv_irq_t irq, bool high);
void axv_posix_hirq_latch(axv_irq_t irq);
void axv_posix_hirq_set_enabled(axv_irq_t irq, bool enabled);
/* The lowest pending, enabled, inactive line, made active on the calling thread; the latch
 * is consumed. AXV_HOST_IRQ_NONE when there is none, or while the thread holds one. */
axv_irq_t axv_posix_hirq_ack(void);
/* True when @p irq is the line active on the calling thread. */
bool axv_posix_hirq_active_here(axv_irq_t irq);
/* Ends the calling thread's active line @p irq (which must be active here): a level still
 * high makes it pending again. */
void axv_posix_hirq_complete(axv_irq_t irq);
/* Waits until some line is pending, enabled and inactive, at most @p timeout_ns: AXV_OK, or
 * AXV_EBUSY on timeout. */
int axv_posix_hirq_wait(axv_nanos_t timeout_ns);

#endif /* AXV_POSIX_HOST_IRQ_MODEL_H */
