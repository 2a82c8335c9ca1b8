/* Host: the tiny machine has one CPU. */
#include "tiny.h"

size_t axv_tiny_host_cpu_num(void) {
    return 1;
}
