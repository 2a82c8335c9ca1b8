/* A vCPU's pending interrupts: one atomic bit per INTID, set by injectors on any thread,
 * taken by the guest's ack (lowest first) or by the observation hook; and the halt (WFI)
 * that sleeps until a bit is set, a stop is requested or a deadline passes.
 *
 * No wake-up is lost. The injector does   (I1) fetch-or the bit, (I2) load `sleeping`,
 * and, if it was true, (I3) lock, signal, unlock.
 * The halting vCPU does, holding `lock`:  (H1) store `sleeping` = true, then over and over
 * (H2) load the bits and the stop flag, and if nothing is there (H3) cond_timedwait, which
 * releases `lock` and sleeps atomically.
 * I1, I2, H1 and H2 are seq_cst, so they fall in one total order, with I1 before I2 and H1
 * before H2. Take one injection and one halt:
 * - I2 after H1: I2 reads true, unless the vCPU stored false in between, which it does only
 *   on its way out of this halt (then it is not asleep in it). Reading true, the injector
 *   locks; it gets the lock only while the vCPU sleeps in H3 or after it has left halt, as
 *   the vCPU holds the lock everywhere else in halt; so the signal wakes it, or is not
 *   needed.
 * - I2 before H1: then I1 precedes every H2 of this halt, so H2 sees the bit (unless it was
 *   taken meanwhile, and then there is nothing to wake for) and the vCPU does not sleep.
 * Either way the vCPU never sleeps with the bit set and no signal to come.
 * Stop requests need no such care: the stopper stores the flag and then locks, signals and
 * unlocks unconditionally (axv_posix_pending_kick), and H2 reads the flag under the lock.
 *
 * The flag spares injectors the mutex while the target is running; only sleeping targets
 * cost a lock and a signal. */
#include <errno.h>
#include <time.h>

#include "pending.h"
#include "host_sched.h"

#define NS_PER_S 1000000000u

int axv_posix_pending_init(struct axv_posix_vcpu *vcpu) {
    for (size_t w = 0; w < AXV_POSIX_PENDING_WORDS; w++)
        atomic_init(&vcpu->pending[w], 0);
    atomic_init(&vcpu->sleeping, false);
    vcpu->launch = AXV_POSIX_LAUNCH_WAIT;
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0)
        return AXV_ENOMEM;
    /* Halt's deadline is on the monotonic clock: setting the wall clock must not stretch
     * or cut a halt. */
    int rc = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    if (rc == 0)
        rc = pthread_cond_init(&vcpu->wake, &attr);
    (void)pthread_condattr_destroy(&attr);
    if (rc != 0)
        return AXV_ENOMEM;
    /* The timer service, raised above vCPU threads, takes this lock to wake a halted vCPU. */
    if (axv_posix_sched_mutex_init(&vcpu->lock) != 0) {
        (void)pthread_cond_destroy(&vcpu->wake);
        return AXV_ENOMEM;
    }
    return AXV_OK;
}

void axv_posix_pending_fini(struct axv_posix_vcpu *vcpu) {
    (void)pthread_cond_destroy(&vcpu->wake);
    (void)pthread_mutex_destroy(&vcpu->lock);
}

static uint64_t bit_of(axv_irq_t irq) {
    return UINT64_C(1) << (irq % 64u);
}

void axv_posix_pending_raise(struct axv_posix_vcpu *vcpu, axv_irq_t irq) {
    atomic_fetch_or(&vcpu->pending[irq / 64u], bit_of(irq)); /* I1 */
    if (atomic_load(&vcpu->sleeping)) {                      /* I2 */
        pthread_mutex_lock(&vcpu->lock);                     /* I3 */
        pthread_cond_signal(&vcpu->wake);
        pthread_mutex_unlock(&vcpu->lock);
    }
}

bool axv_posix_pending_take(struct axv_posix_vcpu *vcpu, axv_irq_t irq) {
    uint64_t bit = bit_of(irq);
    return (atomic_fetch_and(&vcpu->pending[irq / 64u], ~bit) & bit) != 0;
}

axv_irq_t axv_posix_pending_ack(struct axv_posix_vcpu *vcpu) {
    for (unsigned w = 0; w < AXV_POSIX_PENDING_WORDS; w++) {
        uint64_t bits = atomic_load(&vcpu->pending[w]);
        while (bits != 0) {
            uint64_t lowest = bits & (~bits + 1u);
            uint64_t before = atomic_fetch_and(&vcpu->pending[w], ~lowest);
            if ((before & lowest) != 0)
                return (axv_irq_t)(w * 64u + (unsigned)__builtin_ctzll(lowest));
            /* The observation hook took it first: try the next one of this word. */
            bits = before & ~lowest;
        }
    }
    return AXV_POSIX_SPURIOUS_IRQ;
}

static bool any_pending(struct axv_posix_vcpu *vcpu) {
    for (unsigned w = 0; w < AXV_POSIX_PENDING_WORDS; w++)
        if (atomic_load(&vcpu->pending[w]) != 0)
            return true;
    return false;
}

/* now + timeout on CLOCK_MONOTONIC. time_t is 64-bit here, so even a timeout of 2^64 ns
 * (584 years) added to the uptime cannot overflow tv_sec. */
static struct timespec deadline_after(axv_nanos_t timeout_ns) {
    struct timespec t;
    (void)clock_gettime(CLOCK_MONOTONIC, &t);
    t.tv_sec += (time_t)(timeout_ns / NS_PER_S);
    t.tv_nsec += (long)(timeout_ns % NS_PER_S);
    if (t.tv_nsec >= (long)NS_PER_S) {
        t.tv_sec++;
        t.tv_nsec -= (long)NS_PER_S;
    }
    return t;
}

int axv_posix_pending_wait(struct axv_posix_vcpu *vcpu, const atomic_bool *stop,
                           axv_nanos_t timeout_ns) {
    /* The common cases need no lock: a stop or an interrupt is already there, or the guest
     * only polls. A stop wins over a pending interrupt so that stopping guests end soon. */
    if (atomic_load(stop))
        return AXV_EPERM;
    if (any_pending(vcpu))
        return AXV_OK;
    if (timeout_ns == 0)
        return AXV_EBUSY;
    const struct timespec deadline = deadline_after(timeout_ns);
    int rc;
    bool timed_out = false;
    pthread_mutex_lock(&vcpu->lock);
    atomic_store(&vcpu->sleeping, true); /* H1 */
    for (;;) {
        if (atomic_load(stop)) { /* H2 */
            rc = AXV_EPERM;
            break;
        }
        if (any_pending(vcpu)) {
            rc = AXV_OK;
            break;
        }
        if (timed_out) {
            rc = AXV_EBUSY;
            break;
        }
        /* H3. Spurious wake-ups and signals for bits taken meanwhile just loop. */
        timed_out = pthread_cond_timedwait(&vcpu->wake, &vcpu->lock, &deadline) == ETIMEDOUT;
    }
    atomic_store(&vcpu->sleeping, false);
    pthread_mutex_unlock(&vcpu->lock);
    return rc;
}

void axv_posix_pending_kick(struct axv_posix_vcpu *vcpu) {
    pthread_mutex_lock(&vcpu->lock);
    pthread_cond_signal(&vcpu->wake);
    pthread_mutex_unlock(&vcpu->lock);
}
