/* Latency histograms (see stats.h). */
#include "stats.h"

static unsigned bucket_of(uint64_t ns) {
    if (ns < (UINT64_C(1) << LATENCY_SUB_BITS))
        return (unsigned)ns;
    unsigned e = 63u - (unsigned)__builtin_clzll(ns);
    unsigned sub = (unsigned)(ns >> (e - LATENCY_SUB_BITS)) & ((1u << LATENCY_SUB_BITS) - 1u);
    return ((e - LATENCY_SUB_BITS + 1u) << LATENCY_SUB_BITS) | sub;
}

static uint64_t upper_bound(unsigned bucket) {
    if (bucket < (1u << LATENCY_SUB_BITS))
        return bucket;
    unsigned e = (bucket >> LATENCY_SUB_BITS) + LATENCY_SUB_BITS - 1u;
    uint64_t sub = bucket & ((1u << LATENCY_SUB_BITS) - 1u);
    uint64_t width = UINT64_C(1) << (e - LATENCY_SUB_BITS);
    return (((UINT64_C(1) << LATENCY_SUB_BITS) + sub) << (e - LATENCY_SUB_BITS)) + (width - 1u);
}

void latency_add(struct latency_hist *h, uint64_t ns) {
    h->buckets[bucket_of(ns)]++;
    h->count++;
    if (ns > h->max)
        h->max = ns;
}

void latency_merge(struct latency_hist *into, const struct latency_hist *from) {
    for (unsigned i = 0; i < LATENCY_BUCKETS; i++)
        into->buckets[i] += from->buckets[i];
    into->count += from->count;
    if (from->max > into->max)
        into->max = from->max;
}

uint64_t latency_percentile(const struct latency_hist *h, unsigned p) {
    if (h->count == 0)
        return 0;
    uint64_t rank = (h->count * p + 99u) / 100u; /* nearest rank, 1-based */
    if (rank == 0)
        rank = 1;
    uint64_t seen = 0;
    for (unsigned i = 0; i < LATENCY_BUCKETS; i++) {
        seen += h->buckets[i];
        if (seen >= rank) {
            uint64_t bound = upper_bound(i);
            return bound < h->max ? bound : h->max;
        }
    }
    return h->max;
}
