/* The timer service's own lateness (see probe.h). */
#include <stdatomic.h>

#include <axvisor_api/axvisor_api.h>

#include "probe.h"

static axv_nanos_t period;
static axv_nanos_t deadline; /* of the armed probe timer; the service's between callbacks */
static atomic_bool stopping;
static atomic_bool done;
static _Atomic int error = AXV_OK;
static struct latency_hist lateness; /* written only by the callback */

static void on_probe(void *arg, axv_nanos_t now_ns) {
    (void)arg;
    latency_add(&lateness, now_ns > deadline ? now_ns - deadline : 0);
    if (atomic_load(&stopping)) {
        atomic_store(&done, true);
        return;
    }
    /* Periodic from the previous deadline; after a late callback, from now, so that one
     * delay is counted once, not again in every period it overran. */
    deadline += period;
    if (deadline <= now_ns)
        deadline = now_ns + period;
    axv_timer_token_t token;
    int rc = axv_time_register_timer(deadline, on_probe, NULL, &token);
    if (rc != AXV_OK) {
        atomic_store(&error, rc);
        atomic_store(&done, true);
    }
}

int probe_start(axv_nanos_t period_ns) {
    period = period_ns;
    deadline = axv_time_current_nanos() + period_ns;
    axv_timer_token_t token;
    int rc = axv_time_register_timer(deadline, on_probe, NULL, &token);
    if (rc != AXV_OK)
        atomic_store(&done, true);
    return rc;
}

void probe_stop(void) {
    atomic_store(&stopping, true);
}

bool probe_done(void) {
    return atomic_load(&done);
}

const struct latency_hist *probe_lateness(void) {
    return &lateness;
}

int probe_error(void) {
    return atomic_load(&error);
}
