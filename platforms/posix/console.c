/* The console: stdout for writes, a non-blocking look at stdin for reads. */
#include <errno.h>
#include <poll.h>
#include <unistd.h>

#include "posix_internal.h"

size_t axv_posix_console_write_bytes(const void *buf, size_t len) {
    const char *p = buf;
    size_t done = 0;
    /* write() may be partial or interrupted; the op promises all bytes unless stdout fails. */
    while (done < len) {
        ssize_t n = write(STDOUT_FILENO, p + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    return done;
}

size_t axv_posix_console_read_bytes(void *buf, size_t len) {
    if (len == 0)
        return 0;
    struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};
    if (poll(&in, 1, 0) != 1 || (in.revents & POLLIN) == 0)
        return 0;
    ssize_t n = read(STDIN_FILENO, buf, len);
    return n > 0 ? (size_t)n : 0;
}
