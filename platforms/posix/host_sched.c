/* Host scheduling for the platform's threads (see host_sched.h). */
#include <errno.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "host_sched.h"

/* How far the fallback raises a thread: enough that a waking service thread preempts a busy
 * vCPU thread at once under CFS/EEVDF, within the range an RLIMIT_NICE grant usually covers. */
#define RAISED_NICE_STEPS 10

const char *axv_posix_sched_raise_self(void) {
    struct sched_param param = {.sched_priority = sched_get_priority_min(SCHED_FIFO)};
    if (param.sched_priority >= 0 && pthread_setschedparam(pthread_self(), SCHED_FIFO, &param) == 0)
        return "SCHED_FIFO";
    /* On Linux the nice value belongs to the thread, named by its id. */
    id_t self = (id_t)syscall(SYS_gettid);
    errno = 0;
    int nice = getpriority(PRIO_PROCESS, self);
    if (errno == 0) {
        int raised = nice - RAISED_NICE_STEPS < -20 ? -20 : nice - RAISED_NICE_STEPS;
        if (raised < nice && setpriority(PRIO_PROCESS, self, raised) == 0)
            return "nice raised";
    }
    return "not raised (no permission)";
}

int axv_posix_sched_mutex_init(pthread_mutex_t *mutex) {
    pthread_mutexattr_t attr;
    int rc = pthread_mutexattr_init(&attr);
    if (rc != 0)
        return rc;
    rc = pthread_mutexattr_setprotocol(&attr, PTHREAD_PRIO_INHERIT);
    rc = pthread_mutex_init(mutex, rc == 0 ? &attr : NULL);
    (void)pthread_mutexattr_destroy(&attr);
    return rc;
}
