/* The timer service's own lateness, seen without the vCPUs: a periodic timer that re-arms
 * from its own callback (so it is always armed on time, on the service thread) and records
 * how long after each deadline its callback ran. */
#ifndef HOSTED_VMM_PROBE_H
#define HOSTED_VMM_PROBE_H

#include <stdbool.h>

#include <axvisor_api/types.h>

#include "stats.h"

/* Arms the first period. AXV_OK or register_timer's error. */
int probe_start(axv_nanos_t period_ns);
/* Asks the chain to end: its next callback does not re-arm. */
void probe_stop(void);
/* True once the chain has ended (no probe timer armed). */
bool probe_done(void);
/* The samples, and the first error a re-arm met; read only once the service is joined. */
const struct latency_hist *probe_lateness(void);
int probe_error(void);

#endif /* HOSTED_VMM_PROBE_H */
