/* Latency histograms: fixed size, O(1) to add to, mergeable across vCPUs. Buckets are exact
 * below 16 ns and 1/16 of a power of two wide above, so a percentile is within 6.25%. */
#ifndef HOSTED_VMM_STATS_H
#define HOSTED_VMM_STATS_H

#include <stdint.h>

#define LATENCY_SUB_BITS 4u
#define LATENCY_BUCKETS ((64u - LATENCY_SUB_BITS + 1u) << LATENCY_SUB_BITS)

struct latency_hist {
    uint64_t count;
    uint64_t max;
    uint64_t buckets[LATENCY_BUCKETS];
};

void latency_add(struct latency_hist *h, uint64_t ns);
/* Adds every sample of @from to @into. */
void latency_merge(struct latency_hist *into, const struct latency_hist *from);
/* The p-th percentile (nearest rank) in nanoseconds, rounded up to its bucket's upper bound
 * and capped at the largest sample; 0 when there is no sample. */
uint64_t latency_percentile(const struct latency_hist *h, unsigned p);

#endif /* HOSTED_VMM_STATS_H */
