/* The host_irq ops over the modelled lines (host_irq_model.c): the handler table, handling
 * with end of interrupt, and the test hooks that drive the lines (<axvisor_api/posix.h>).
 *
 * Ordering argument for unregister_handler() against a handler about to run:
 * 1. handle() reads the handler and increments its `running` count in one critical section
 *    of `table_lock`; unregister clears the handler in another. So either handle saw NULL
 *    (it completes the interrupt with AXV_ENOENT and never calls the handler), or `running`
 *    was already counted when unregister cleared it.
 * 2. unregister then waits under `table_lock` until `running` is 0; handle decrements it
 *    under the same lock after the handler returned and signals. So once unregister returns,
 *    no thread is in the handler or will enter it, and its argument may be freed. */
#include <pthread.h>
#include <stdatomic.h>

#include "host_irq_model.h"
#include "posix_internal.h"
#include "posix_parts.h"

struct handler {
    axv_host_irq_fn fn;
    void *arg;
    unsigned running; /* threads inside fn */
};

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t table_idle = PTHREAD_COND_INITIALIZER; /* some `running` reached 0 */
static struct handler table[AXV_POSIX_HOST_IRQ_LINES];
static atomic_bool started;
/* The INTID whose handler the calling thread is running (AXV_HOST_IRQ_NONE: none). */
static _Thread_local axv_irq_t running_here = AXV_HOST_IRQ_NONE;

void axv_posix_host_irq_start(void) {
    axv_posix_hirq_reset();
    pthread_mutex_lock(&table_lock);
    for (size_t i = 0; i < AXV_POSIX_HOST_IRQ_LINES; i++)
        table[i] = (struct handler){0};
    pthread_mutex_unlock(&table_lock);
    atomic_store_explicit(&started, true, memory_order_release);
}

void axv_posix_host_irq_stop(void) {
    atomic_store_explicit(&started, false, memory_order_release);
    axv_posix_hirq_reset();
}

static bool is_started(void) {
    return atomic_load_explicit(&started, memory_order_acquire);
}

/* AXV_OK for a line the ops may take, else the status every op answers for it. */
static int check_line(axv_irq_t irq) {
    if (!is_started())
        return AXV_EPERM;
    return irq < AXV_POSIX_HOST_IRQ_LINES ? AXV_OK : AXV_EINVAL;
}

axv_irq_t axv_posix_host_irq_fetch(void) {
    if (!is_started())
        axv_fatal("host_irq.fetch: the posix platform is not started");
    return axv_posix_hirq_ack();
}

int axv_posix_host_irq_handle(axv_irq_t irq) {
    int rc = check_line(irq);
    if (rc != AXV_OK)
        return rc;
    if (!axv_posix_hirq_active_here(irq))
        return AXV_EINVAL;

    pthread_mutex_lock(&table_lock);
    struct handler h = table[irq];
    if (h.fn != NULL)
        table[irq].running++;
    pthread_mutex_unlock(&table_lock);

    if (h.fn == NULL) {
        /* Nobody owns the line: keep a level that stays high from storming. */
        axv_posix_hirq_set_enabled(irq, false);
        axv_posix_hirq_complete(irq);
        return AXV_ENOENT;
    }
    running_here = irq;
    h.fn(h.arg, irq);
    running_here = AXV_HOST_IRQ_NONE;

    pthread_mutex_lock(&table_lock);
    if (--table[irq].running == 0)
        pthread_cond_broadcast(&table_idle);
    pthread_mutex_unlock(&table_lock);
    axv_posix_hirq_complete(irq);
    return AXV_OK;
}

int axv_posix_host_irq_register_handler(axv_irq_t irq, axv_host_irq_fn fn, void *arg) {
    int rc = check_line(irq);
    if (rc != AXV_OK)
        return rc;
    if (fn == NULL)
        return AXV_EINVAL;
    pthread_mutex_lock(&table_lock);
    /* A handler still running after its unregister began counts as taken. */
    if (table[irq].fn != NULL || table[irq].running != 0) {
        rc = AXV_EBUSY;
    } else {
        table[irq].fn = fn;
        table[irq].arg = arg;
    }
    pthread_mutex_unlock(&table_lock);
    return rc;
}

int axv_posix_host_irq_unregister_handler(axv_irq_t irq) {
    int rc = check_line(irq);
    if (rc != AXV_OK)
        return rc;
    if (running_here == irq)
        return AXV_EBUSY;
    pthread_mutex_lock(&table_lock);
    if (table[irq].fn == NULL) {
        rc = AXV_ENOENT;
    } else {
        axv_posix_hirq_set_enabled(irq, false);
        table[irq].fn = NULL;
        table[irq].arg = NULL;
        while (table[irq].running != 0)
            pthread_cond_wait(&table_idle, &table_lock);
    }
    pthread_mutex_unlock(&table_lock);
    return rc;
}

int axv_posix_host_irq_enable(axv_irq_t irq) {
    int rc = check_line(irq);
    if (rc == AXV_OK)
        axv_posix_hirq_set_enabled(irq, true);
    return rc;
}

int axv_posix_host_irq_disable(axv_irq_t irq) {
    int rc = check_line(irq);
    if (rc == AXV_OK)
        axv_posix_hirq_set_enabled(irq, false);
    return rc;
}

int axv_posix_host_irq_raise(axv_irq_t irq) {
    int rc = check_line(irq);
    if (rc == AXV_OK)
        axv_posix_hirq_set_level(irq, true);
    return rc;
}

int axv_posix_host_irq_lower(axv_irq_t irq) {
    int rc = check_line(irq);
    if (rc == AXV_OK)
        axv_posix_hirq_set_level(irq, false);
    return rc;
}

int axv_posix_host_irq_pulse(axv_irq_t irq) {
    int rc = check_line(irq);
    if (rc == AXV_OK)
        axv_posix_hirq_latch(irq);
    return rc;
}

int axv_posix_host_irq_wait(axv_nanos_t timeout_ns) {
    if (!is_started())
        return AXV_EPERM;
    return axv_posix_hirq_wait(timeout_ns);
}

size_t axv_posix_host_irq_deliver(void) {
    size_t handled = 0;
    if (!is_started())
        return 0;
    for (axv_irq_t irq = axv_posix_hirq_ack(); irq != AXV_HOST_IRQ_NONE;
         irq = axv_posix_hirq_ack()) {
        (void)axv_posix_host_irq_handle(irq);
        handled++;
    }
    return handled;
}

int axv_posix_conformance_host_irq_raise(void *ctx, axv_irq_t irq) {
    (void)ctx;
    int rc = axv_posix_host_irq_pulse(irq);
    /* The calling thread is the CPU the edge arrives at, and it takes it at once. */
    if (rc == AXV_OK)
        (void)axv_posix_host_irq_deliver();
    return rc;
}
