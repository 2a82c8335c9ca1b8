/* Timer latency samples of one vCPU and their percentiles. */
#ifndef HOSTED_VMM_STATS_H
#define HOSTED_VMM_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct latency_samples {
    uint64_t *ns;
    size_t count;
    size_t capacity;
    uint64_t dropped; /* samples beyond capacity: counted, so percentiles never lie quietly */
};

bool latency_init(struct latency_samples *s, size_t capacity);
void latency_add(struct latency_samples *s, uint64_t ns);
/* The p-th percentile (nearest rank) in nanoseconds; 0 when there is no sample. */
double latency_percentile(struct latency_samples *s, unsigned p);
void latency_free(struct latency_samples *s);

#endif /* HOSTED_VMM_STATS_H */
