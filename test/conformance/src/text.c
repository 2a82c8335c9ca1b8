/* The suite's formatter: strings, decimal, hex and status names into bounded buffers, and
 * the console writer. No libc, so no printf. */
#include "suite.h"

void axv_conf_text_init(struct axv_conf_text *t, char *buf, size_t cap) {
    t->buf = buf;
    t->cap = cap;
    t->len = 0;
    if (cap != 0)
        buf[0] = '\0';
}

void axv_conf_put_char(struct axv_conf_text *t, char ch) {
    if (t->len + 1 >= t->cap)
        return;
    t->buf[t->len++] = ch;
    t->buf[t->len] = '\0';
}

void axv_conf_put_str(struct axv_conf_text *t, const char *s) {
    while (*s != '\0')
        axv_conf_put_char(t, *s++);
}

void axv_conf_put_dec(struct axv_conf_text *t, uint64_t value) {
    char digits[20]; /* 2^64 - 1 has 20 */
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + value % 10u);
        value /= 10u;
    } while (value != 0);
    while (n != 0)
        axv_conf_put_char(t, digits[--n]);
}

void axv_conf_put_hex(struct axv_conf_text *t, uint64_t value) {
    static const char hex[] = "0123456789abcdef";
    axv_conf_put_str(t, "0x");
    int shift = 60;
    while (shift > 0 && ((value >> shift) & 0xfu) == 0)
        shift -= 4;
    for (; shift >= 0; shift -= 4)
        axv_conf_put_char(t, hex[(value >> shift) & 0xfu]);
}

void axv_conf_put_status(struct axv_conf_text *t, int status) {
    const char *name = NULL;
    switch (status) {
    case AXV_OK:
        name = "AXV_OK";
        break;
    case AXV_EPERM:
        name = "AXV_EPERM";
        break;
    case AXV_ENOENT:
        name = "AXV_ENOENT";
        break;
    case AXV_ENOMEM:
        name = "AXV_ENOMEM";
        break;
    case AXV_EBUSY:
        name = "AXV_EBUSY";
        break;
    case AXV_EINVAL:
        name = "AXV_EINVAL";
        break;
    case AXV_ENOSYS:
        name = "AXV_ENOSYS";
        break;
    case AXV_EVERSION:
        name = "AXV_EVERSION";
        break;
    default:
        break;
    }
    if (name != NULL) {
        axv_conf_put_str(t, name);
        return;
    }
    if (status < 0) {
        axv_conf_put_char(t, '-');
        /* Negate in unsigned arithmetic: -INT_MIN does not fit an int. */
        axv_conf_put_dec(t, 0u - (uint64_t)(int64_t)status);
    } else {
        axv_conf_put_dec(t, (uint64_t)status);
    }
}

void axv_conf_console_write(const char *s, size_t len) {
    /* The console's default is fatal; a platform without one runs the suite silently. */
    if (!axv_console_implements(axv_console_op_write_bytes))
        return;
    while (len != 0) {
        size_t written = axv_console_write_bytes(s, len);
        /* 0 is a dead console; more than asked is nonsense: stop rather than loop or
         * read past the buffer. */
        if (written == 0 || written > len)
            return;
        s += written;
        len -= written;
    }
}
