/* Console area on the PL011 UART QEMU virt provides at 0x09000000 (already enabled by
 * QEMU; it needs no baud-rate setup). Polled: usable from IRQ context and the fatal path. */
#include <axvisor_api/qemu_virt.h>
#include "board.h"
#include "cpu.h"
#include "ops.h"

#define PL011_DR 0x00u
#define PL011_FR 0x18u
#define PL011_FR_RXFE (1u << 4)
#define PL011_FR_TXFF (1u << 5)

static void put_byte(uint8_t c) {
    while (mmio_read32(QEMU_PL011_BASE + PL011_FR) & PL011_FR_TXFF) {
    }
    mmio_write32(QEMU_PL011_BASE + PL011_DR, c);
}

size_t axv_qemu_console_write_bytes(const void *buf, size_t len) {
    const uint8_t *p = buf;
    if (p == NULL)
        return 0;
    for (size_t i = 0; i < len; i++)
        put_byte(p[i]);
    return len;
}

size_t axv_qemu_console_read_bytes(void *buf, size_t len) {
    uint8_t *p = buf;
    size_t n = 0;
    if (p == NULL)
        return 0;
    while (n < len && !(mmio_read32(QEMU_PL011_BASE + PL011_FR) & PL011_FR_RXFE))
        p[n++] = (uint8_t)mmio_read32(QEMU_PL011_BASE + PL011_DR);
    return n;
}

void axv_qemu_puts(const char *s) {
    while (*s != '\0')
        put_byte((uint8_t)*s++);
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
