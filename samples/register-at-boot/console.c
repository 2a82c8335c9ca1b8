/* Console: the board's byte console, as it is. */
#include "board.h"
#include "tiny.h"

size_t axv_tiny_console_write_bytes(const void *buf, size_t len) {
    return len == 0 ? 0 : board_console_write(buf, len);
}

size_t axv_tiny_console_read_bytes(void *buf, size_t len) {
    return board_console_read(buf, len);
}
