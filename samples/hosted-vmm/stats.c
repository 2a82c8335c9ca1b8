/* Timer latency samples: a preallocated array per vCPU (no allocation on the vCPU's hot
 * path), sorted once at the end. */
#include <stdlib.h>

#include "stats.h"

bool latency_init(struct latency_samples *s, size_t capacity) {
    s->ns = calloc(capacity, sizeof(*s->ns));
    s->count = 0;
    s->capacity = s->ns != NULL ? capacity : 0;
    s->dropped = 0;
    return s->ns != NULL;
}

void latency_add(struct latency_samples *s, uint64_t ns) {
    if (s->count < s->capacity)
        s->ns[s->count++] = ns;
    else
        s->dropped++;
}

static int compare(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

double latency_percentile(struct latency_samples *s, unsigned p) {
    if (s->count == 0)
        return 0;
    qsort(s->ns, s->count, sizeof(*s->ns), compare);
    size_t rank = (s->count * p + 99) / 100; /* nearest rank, 1-based */
    return (double)s->ns[rank == 0 ? 0 : rank - 1];
}

void latency_free(struct latency_samples *s) {
    free(s->ns);
    s->ns = NULL;
    s->count = s->capacity = 0;
}
