/* Host scheduling (host_sched.c): the timer service thread runs above the vCPU threads, as a
 * timer interrupt preempts a guest, and the locks it shares with them lend it their holder's
 * priority. A leaf: it calls no other file of the platform. */
#ifndef AXV_POSIX_HOST_SCHED_H
#define AXV_POSIX_HOST_SCHED_H

#include <pthread.h>

/* Raises the calling thread above threads of the default policy: SCHED_FIFO at its lowest
 * priority where the process may (CAP_SYS_NICE or RLIMIT_RTPRIO), else 10 nice levels up,
 * else nothing. Returns what it did, as text for reports. */
const char *axv_posix_sched_raise_self(void);

/* pthread_mutex_init() with priority inheritance, so a raised thread waiting on a lock lends
 * its priority to a preempted holder instead of waiting for all its peers to run; a plain
 * mutex where the host has no such protocol. 0 or the pthread error. */
int axv_posix_sched_mutex_init(pthread_mutex_t *mutex);

#endif /* AXV_POSIX_HOST_SCHED_H */
