/* Command-line options of hosted-vmm: sensible defaults, every value range-checked. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <axvisor_api/posix.h>

#include "options.h"

static void usage(FILE *out, const char *argv0) {
    (void)fprintf(out,
                  "usage: %s [options]\n"
                  "Boots the POSIX platform like a hypervisor, runs VMs whose vCPUs keep periodic\n"
                  "virtual timers and send each other IPIs, then checks that nothing was lost.\n"
                  "\n"
                  "  --duration SECONDS   how long the VMs run (default 2, at most 3600)\n"
                  "  --vms N              number of VMs (default 2, 1..%u)\n"
                  "  --vcpus N            vCPUs per VM (default 2, 1..%u)\n"
                  "  --timer-us N         virtual timer period in microseconds (default 1000)\n"
                  "  --ipi-us N           IPI period per vCPU in microseconds (default 2000)\n"
                  "  --no-progress        no progress line on stderr\n"
                  "  --help               this text\n"
                  "\n"
                  "Exit status: 0 when every timer interrupt and every IPI message arrived,\n"
                  "1 when something was lost or an API call failed, 2 for bad options.\n",
                  argv0, AXV_POSIX_MAX_VMS, AXV_POSIX_MAX_VCPUS);
}

static bool parse_number(const char *text, double min, double max, double *out) {
    char *end;
    errno = 0;
    double value = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > max)
        return false;
    *out = value;
    return true;
}

int options_parse(int argc, char **argv, struct options *opts) {
    *opts = (struct options){
        .duration_ns = 2000000000u,
        .vms = 2,
        .vcpus = 2,
        .timer_period_ns = 1000000u,
        .ipi_period_ns = 2000000u,
        .progress = true,
    };
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout, argv[0]);
            return 0;
        }
        if (strcmp(arg, "--no-progress") == 0) {
            opts->progress = false;
            continue;
        }
        struct {
            const char *name;
            double min, max, scale;
        } const numeric[] = {
            {"--duration", 0.01, 3600, 1e9},
            {"--vms", 1, AXV_POSIX_MAX_VMS, 1},
            {"--vcpus", 1, AXV_POSIX_MAX_VCPUS, 1},
            {"--timer-us", 50, 1e6, 1e3},
            {"--ipi-us", 50, 1e6, 1e3},
        };
        size_t which = 0;
        while (which < sizeof(numeric) / sizeof(numeric[0]) &&
               strcmp(arg, numeric[which].name) != 0)
            which++;
        double value;
        if (which == sizeof(numeric) / sizeof(numeric[0])) {
            (void)fprintf(stderr, "%s: unknown option %s (see --help)\n", argv[0], arg);
            return -1;
        }
        if (i + 1 == argc ||
            !parse_number(argv[++i], numeric[which].min, numeric[which].max, &value)) {
            (void)fprintf(stderr, "%s: %s needs a number from %g to %g\n", argv[0], arg,
                          numeric[which].min, numeric[which].max);
            return -1;
        }
        uint64_t scaled = (uint64_t)(value * numeric[which].scale);
        switch (which) {
        case 0:
            opts->duration_ns = scaled;
            break;
        case 1:
            opts->vms = (size_t)scaled;
            break;
        case 2:
            opts->vcpus = (size_t)scaled;
            break;
        case 3:
            opts->timer_period_ns = scaled;
            break;
        default:
            opts->ipi_period_ns = scaled;
            break;
        }
    }
    return 1;
}
