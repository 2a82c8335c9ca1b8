/*
 * The board under the tiny platform, hosted on Linux: CLOCK_MONOTONIC presented as a
 * 24 MHz counter, and stdin/stdout as the console. The only file of the platform that uses
 * libc; replace it to run the platform elsewhere.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "board.h"

#define NANOS_PER_SEC UINT64_C(1000000000)

uint64_t board_counter(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    /* Whole seconds and the rest scale separately so nothing overflows 64 bits. */
    return (uint64_t)ts.tv_sec * BOARD_COUNTER_HZ +
           (uint64_t)ts.tv_nsec * BOARD_COUNTER_HZ / NANOS_PER_SEC;
}

size_t board_console_write(const void *buf, size_t len) {
    const char *bytes = buf;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(STDOUT_FILENO, bytes + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    return done;
}

size_t board_console_read(void *buf, size_t len) {
    if (len == 0)
        return 0;
    /* A UART's receive register never blocks; a non-blocking read of stdin is the same. */
    int flags = fcntl(STDIN_FILENO, F_GETFL);
    if (flags < 0)
        return 0;
    if ((flags & O_NONBLOCK) == 0 && fcntl(STDIN_FILENO, F_SETFL, flags | O_NONBLOCK) < 0)
        return 0;
    ssize_t n = read(STDIN_FILENO, buf, len);
    if ((flags & O_NONBLOCK) == 0)
        fcntl(STDIN_FILENO, F_SETFL, flags);
    return n > 0 ? (size_t)n : 0;
}
