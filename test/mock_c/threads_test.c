/* Recording is atomic: several threads calling one fake at once lose no call, tear no
 * record, and share a return sequence without handing any element out twice. Threads only
 * overlap when the machine gives them CPUs at the same time, so the experiment is repeated
 * over several rounds, each a fresh chance for an unsynchronised fake to be caught. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include <axvisor_api/mock/fakes.h>

#include "check.h"

#define ROUNDS 8
#define THREADS 4
#define CALLS_PER_THREAD 100000
#define TOTAL_CALLS (THREADS * CALLS_PER_THREAD)

/* Each call's irq is derived from its other two arguments, so a record mixing two calls
 * shows. */
static axv_irq_t irq_for(size_t vm, size_t vcpu) {
    return (axv_irq_t)(vm * 7919u + vcpu * 31u + 1u);
}

static int results[TOTAL_CALLS];
static int returned[THREADS][CALLS_PER_THREAD];
static unsigned char seen[TOTAL_CALLS];
/* Threads wait for each other before calling, so their calls overlap. */
static atomic_int ready;

static void *caller(void *arg) {
    size_t t = (size_t)(uintptr_t)arg;
    atomic_fetch_add(&ready, 1);
    while (atomic_load(&ready) < THREADS)
        ;
    for (size_t i = 0; i < CALLS_PER_THREAD; i++)
        returned[t][i] = axv_fake_vmm_ops.inject_interrupt(t, i, irq_for(t, i));
    return NULL;
}

static void one_round(void) {
    pthread_t threads[THREADS];
    size_t bad_records = 0, bad_results = 0;

    axv_fake_vmm_reset();
    atomic_store(&ready, 0);
    axv_fake_vmm_inject_interrupt.return_seq = results;
    axv_fake_vmm_inject_interrupt.return_seq_len = TOTAL_CALLS;
    for (size_t t = 0; t < THREADS; t++)
        EXPECT(pthread_create(&threads[t], NULL, caller, (void *)(uintptr_t)t) == 0);
    for (size_t t = 0; t < THREADS; t++)
        EXPECT(pthread_join(threads[t], NULL) == 0);

    const struct axv_fake_vmm_inject_interrupt *fake = &axv_fake_vmm_inject_interrupt;
    EXPECT(fake->call_count == TOTAL_CALLS);
    EXPECT(fake->history_dropped == TOTAL_CALLS - AXV_FAKE_HISTORY);
    EXPECT(fake->return_seq_pos == TOTAL_CALLS);
    EXPECT(fake->last.irq == irq_for(fake->last.vm_id, fake->last.vcpu_id));
    for (size_t k = 0; k < AXV_FAKE_HISTORY; k++) {
        const axv_fake_vmm_inject_interrupt_args_t *h = &fake->history[k];
        if (h->vm_id >= THREADS || h->irq != irq_for(h->vm_id, h->vcpu_id))
            bad_records++;
    }
    EXPECT(bad_records == 0);
    /* Every element of the sequence went to exactly one call. */
    memset(seen, 0, sizeof seen);
    for (size_t t = 0; t < THREADS; t++) {
        for (size_t i = 0; i < CALLS_PER_THREAD; i++) {
            int r = returned[t][i];
            if (r < 0 || r >= TOTAL_CALLS || seen[r]++ != 0)
                bad_results++;
        }
    }
    EXPECT(bad_results == 0);
    axv_fake_vmm_reset();
}

static void concurrent_calls(void) {
    for (int k = 0; k < TOTAL_CALLS; k++)
        results[k] = k;
    for (int round = 0; round < ROUNDS; round++)
        one_round();
}

int main(void) {
    check_run("vmm.inject_interrupt: 8 rounds of 4 threads x 100000 concurrent calls, each "
              "recorded whole, once",
              concurrent_calls);
    return check_summary("threads_test");
}
