/* The modelled host interrupt lines: see host_irq_model.h. One mutex guards every line; a
 * condition variable (on CLOCK_MONOTONIC, so a wall-clock jump cannot stretch a wait) wakes
 * threads waiting for a line to become deliverable. */
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "host_irq_model.h"

struct line {
    bool high;    /* level input */
    bool latched; /* edge seen, not yet acknowledged */
    bool enabled;
    const void *owner; /* the thread that acknowledged it (its marker), NULL when inactive */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed;
static pthread_once_t changed_once = PTHREAD_ONCE_INIT;
static struct line lines[AXV_POSIX_HOST_IRQ_LINES];

/* Each thread's identity as a "CPU" is the address of its own marker, and its active line is
 * remembered here; a record is believed only when the line names the thread as its owner,
 * so a reset (which clears owners) invalidates every thread's record at once. */
static _Thread_local char thread_marker;
static _Thread_local axv_irq_t thread_active = AXV_HOST_IRQ_NONE;

static void init_changed(void) {
    pthread_condattr_t attr;
    /* Without these the model cannot wait for lines at all: nothing to fall back on. */
    if (pthread_condattr_init(&attr) != 0 ||
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) != 0 ||
        pthread_cond_init(&changed, &attr) != 0)
        axv_fatal("posix host_irq: cannot create the line model's condition variable");
    (void)pthread_condattr_destroy(&attr);
}

static void lock_lines(void) {
    (void)pthread_once(&changed_once, init_changed);
    pthread_mutex_lock(&lock);
}

static bool deliverable(const struct line *l) {
    return l->enabled && l->owner == NULL && (l->high || l->latched);
}

static bool holds_one(void) {
    return thread_active < AXV_POSIX_HOST_IRQ_LINES && lines[thread_active].owner == &thread_marker;
}

/* Called with the lock held after a change that may make a line deliverable. */
static void announce(void) {
    pthread_cond_broadcast(&changed);
}

void axv_posix_hirq_reset(void) {
    lock_lines();
    for (size_t i = 0; i < AXV_POSIX_HOST_IRQ_LINES; i++)
        lines[i] = (struct line){0};
    pthread_mutex_unlock(&lock);
}

void axv_posix_hirq_set_level(axv_irq_t irq, bool high) {
    lock_lines();
    lines[irq].high = high;
    if (high)
        announce();
    pthread_mutex_unlock(&lock);
}

void axv_posix_hirq_latch(axv_irq_t irq) {
    lock_lines();
    lines[irq].latched = true;
    announce();
    pthread_mutex_unlock(&lock);
}

void axv_posix_hirq_set_enabled(axv_irq_t irq, bool enabled) {
    lock_lines();
    lines[irq].enabled = enabled;
    if (enabled)
        announce();
    pthread_mutex_unlock(&lock);
}

axv_irq_t axv_posix_hirq_ack(void) {
    axv_irq_t found = AXV_HOST_IRQ_NONE;
    lock_lines();
    if (!holds_one()) {
        for (axv_irq_t i = 0; i < AXV_POSIX_HOST_IRQ_LINES; i++) {
            if (deliverable(&lines[i])) {
                /* Acknowledging consumes the edge; a level stays until the device lowers it. */
                lines[i].latched = false;
                lines[i].owner = &thread_marker;
                thread_active = i;
                found = i;
                break;
            }
        }
    }
    pthread_mutex_unlock(&lock);
    return found;
}

bool axv_posix_hirq_active_here(axv_irq_t irq) {
    lock_lines();
    bool here = irq < AXV_POSIX_HOST_IRQ_LINES && lines[irq].owner == &thread_marker;
    pthread_mutex_unlock(&lock);
    return here;
}

void axv_posix_hirq_complete(axv_irq_t irq) {
    lock_lines();
    if (lines[irq].owner == &thread_marker) {
        lines[irq].owner = NULL;
        thread_active = AXV_HOST_IRQ_NONE;
        /* A level still high, or an edge latched while active, is deliverable again. */
        if (deliverable(&lines[irq]))
            announce();
    }
    pthread_mutex_unlock(&lock);
}

static bool any_deliverable(void) {
    for (size_t i = 0; i < AXV_POSIX_HOST_IRQ_LINES; i++) {
        if (deliverable(&lines[i]))
            return true;
    }
    return false;
}

int axv_posix_hirq_wait(axv_nanos_t timeout_ns) {
    struct timespec limit;
    (void)clock_gettime(CLOCK_MONOTONIC, &limit);
    axv_nanos_t total = (axv_nanos_t)limit.tv_nsec + timeout_ns % 1000000000u;
    limit.tv_sec += (time_t)(timeout_ns / 1000000000u + total / 1000000000u);
    limit.tv_nsec = (long)(total % 1000000000u);

    lock_lines();
    int rc = 0;
    while (!any_deliverable() && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&changed, &lock, &limit);
    bool found = any_deliverable();
    pthread_mutex_unlock(&lock);
    return found ? AXV_OK : AXV_EBUSY;
}
