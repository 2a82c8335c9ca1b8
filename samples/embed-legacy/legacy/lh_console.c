/* lh console: stdout and a non-blocking stdin, one byte at a time. */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "lh.h"

void lh_con_putc(char c) {
    if (write(STDOUT_FILENO, &c, 1) == 1)
        lh_stats.con_bytes++;
}

int lh_con_getc(void) {
    unsigned char c;
    int flags = fcntl(STDIN_FILENO, F_GETFL);
    if (flags < 0 || fcntl(STDIN_FILENO, F_SETFL, flags | O_NONBLOCK) < 0)
        return -1;
    ssize_t n = read(STDIN_FILENO, &c, 1);
    fcntl(STDIN_FILENO, F_SETFL, flags);
    return n == 1 ? c : -1;
}

void lh_printk(const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    for (int i = 0; i < n && i < (int)sizeof(buf) - 1; i++)
        lh_con_putc(buf[i]);
}
