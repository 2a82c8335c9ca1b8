/* Host facts: the CPUs the hypervisor process may run on. */
#include <unistd.h>

#include "posix_internal.h"

size_t axv_posix_host_cpu_num(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}
