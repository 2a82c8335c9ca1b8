/* hosted-vmm's verdict: per-vCPU counts, losses, latencies. */
#ifndef HOSTED_VMM_REPORT_H
#define HOSTED_VMM_REPORT_H

#include <stdbool.h>

/* Prints the per-vCPU table (for runs of at most REPORT_TABLE_MAX vCPUs), a line for every
 * vCPU that lost or got something wrong (always), and the latency summary. Returns true
 * when nothing was lost. Call once every vCPU thread and the timer service are joined. */
bool report_vcpus(void);

#define REPORT_TABLE_MAX 64u

#endif /* HOSTED_VMM_REPORT_H */
