/* The lock that makes recording a fake call atomic: a yielding spinlock, which needs no
 * thread library and is uncontended in the usual single-threaded test. */
#define _POSIX_C_SOURCE 200809L
#include <sched.h>
#include <stdatomic.h>

#include <axvisor_api/mock/fake_common.h>

static atomic_flag fake_lock = ATOMIC_FLAG_INIT;

void axv_fake_lock(void) {
    while (atomic_flag_test_and_set_explicit(&fake_lock, memory_order_acquire))
        sched_yield();
}

void axv_fake_unlock(void) {
    atomic_flag_clear_explicit(&fake_lock, memory_order_release);
}
