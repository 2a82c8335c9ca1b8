/* Console area on the SBI legacy console calls (this OpenSBI, v1.1, has no DBCN), which
 * OpenSBI drives on virt's NS16550 UART. Polled: usable from IRQ context and the fatal
 * path. */
#include <axvisor_api/qemu_virt.h>
#include "ops.h"
#include "sbi.h"

size_t axv_qemu_console_write_bytes(const void *buf, size_t len) {
    const uint8_t *p = buf;
    if (p == NULL)
        return 0;
    for (size_t i = 0; i < len; i++)
        axv_qemu_sbi_putchar(p[i]);
    return len;
}

size_t axv_qemu_console_read_bytes(void *buf, size_t len) {
    uint8_t *p = buf;
    size_t n = 0;
    if (p == NULL)
        return 0;
    while (n < len) {
        int c = axv_qemu_sbi_getchar();
        if (c < 0)
            break;
        p[n++] = (uint8_t)c;
    }
    return n;
}

void axv_qemu_puts(const char *s) {
    while (*s != '\0')
        axv_qemu_sbi_putchar((uint8_t)*s++);
}

void axv_qemu_put_hex(uint64_t value) {
    char digits[19] = "0x";
    for (int i = 0; i < 16; i++)
        digits[2 + i] = "0123456789abcdef"[(value >> (60 - 4 * i)) & 0xfu];
    digits[18] = '\0';
    axv_qemu_puts(digits);
}

void axv_qemu_put_dec(uint64_t value) {
    char digits[21];
    size_t i = sizeof digits - 1;
    digits[i] = '\0';
    do {
        digits[--i] = (char)('0' + value % 10u);
        value /= 10u;
    } while (value != 0);
    axv_qemu_puts(&digits[i]);
}
