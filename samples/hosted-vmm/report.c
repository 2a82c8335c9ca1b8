/* hosted-vmm's verdict (see report.h). */
#include <stdio.h>
#include <stdlib.h>

#include "probe.h"
#include "report.h"
#include "vcpu.h"

static double us(uint64_t ns) {
    return (double)ns / 1e3;
}

static void print_latency(const char *what, const struct latency_hist *h) {
    printf("%-32s %10llu samples, p50 %10.1f us, p99 %10.1f us, max %10.1f us\n", what,
           (unsigned long long)h->count, us(latency_percentile(h, 50)),
           us(latency_percentile(h, 99)), us(h->max));
}

bool report_vcpus(void) {
    const size_t n = opts.vms * opts.vcpus;
    const bool table = n <= REPORT_TABLE_MAX;
    struct latency_hist *lateness = calloc(1, sizeof(*lateness));
    struct latency_hist *ack = calloc(1, sizeof(*ack));
    if (lateness == NULL || ack == NULL) {
        free(lateness);
        free(ack);
        printf("hosted-vmm: no memory for the latency summary\n");
        return false;
    }
    if (table)
        printf("\n%-3s %-4s %10s %10s %10s %10s %12s %12s %12s\n", "VM", "vCPU", "timer irq",
               "expired", "msgs recv", "msgs sent", "IPIs (1/2)", "late p99 us", "ack p99 us");
    bool ok = true;
    uint64_t timers = 0, messages = 0, armed_late = 0;
    for (size_t i = 0; i < n; i++) {
        struct vcpu *v = &vcpus[i];
        uint64_t handled = atomic_load(&v->timer_irqs);
        uint64_t fired = atomic_load(&v->timers_fired);
        uint64_t received = atomic_load(&v->messages_received);
        uint64_t sent_to = atomic_load(&v->messages_sent_to);
        timers += fired;
        messages += sent_to;
        latency_merge(lateness, &v->lateness);
        armed_late += v->armed_late;
        latency_merge(ack, &v->ack_latency);
        if (table) {
            char ipis[48]; /* two 64-bit counts, '/', NUL: never truncated */
            (void)snprintf(ipis, sizeof(ipis), "%llu/%llu", (unsigned long long)v->unicast_irqs,
                           (unsigned long long)v->broadcast_irqs);
            printf("%-3zu %-4zu %10llu %10llu %10llu %10llu %12s %12.1f %12.1f\n", (size_t)v->vm,
                   (size_t)v->id, (unsigned long long)handled, (unsigned long long)fired,
                   (unsigned long long)received, (unsigned long long)v->messages_sent, ipis,
                   us(latency_percentile(&v->lateness, 99)),
                   us(latency_percentile(&v->ack_latency, 99)));
        }
        int cb_error = atomic_load(&v->callback_error);
        if (handled != fired || received != sent_to || handled == 0 || v->unexpected_irqs != 0 ||
            v->error != AXV_OK || cb_error != AXV_OK) {
            ok = false;
            printf("    LOST or wrong on VM %zu vCPU %zu: %llu of %llu timers handled, %llu of "
                   "%llu messages received, %llu unexpected interrupts, guest: %s, "
                   "timer callback: %s\n",
                   (size_t)v->vm, (size_t)v->id, (unsigned long long)handled,
                   (unsigned long long)fired, (unsigned long long)received,
                   (unsigned long long)sent_to, (unsigned long long)v->unexpected_irqs,
                   axv_strerror(v->error), axv_strerror(cb_error));
        }
    }
    printf("\n%zu vCPUs: %llu timer interrupts, %llu IPI messages\n", n, (unsigned long long)timers,
           (unsigned long long)messages);
    print_latency("service: deadline -> callback", probe_lateness());
    print_latency("vCPU timers: deadline -> callback", lateness);
    printf("%-32s %10llu more, armed after their deadline by a starved guest: not timed\n", "",
           (unsigned long long)armed_late);
    print_latency("vCPU timers: deadline -> guest ack", ack);
    free(lateness);
    free(ack);
    if (probe_error() != AXV_OK) {
        printf("    LOST: the service probe could not re-arm: %s\n", axv_strerror(probe_error()));
        ok = false;
    }
    return ok;
}
