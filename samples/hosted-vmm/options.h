/* Command-line options of hosted-vmm. */
#ifndef HOSTED_VMM_OPTIONS_H
#define HOSTED_VMM_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include <axvisor_api/types.h>

struct options {
    axv_nanos_t duration_ns;
    size_t vms;
    size_t vcpus;
    axv_nanos_t timer_period_ns;
    axv_nanos_t ipi_period_ns;
    bool progress;
};

/* Parses argv into opts (defaults first). Returns 1 to run, 0 after --help, -1 after an
 * error (already reported on stderr). */
int options_parse(int argc, char **argv, struct options *opts);

#endif /* HOSTED_VMM_OPTIONS_H */
