/*
 * What the tiny platform needs from the machine under it: a free-running counter and a byte
 * console. board_hosted.c provides them on Linux; on a real board they are a few register
 * accesses (the generic timer's CNTPCT_EL0 and CNTFRQ_EL0, a UART's data register).
 * Everything else in the platform is plain C with no library calls.
 */
#ifndef TINY_BOARD_H
#define TINY_BOARD_H

#include <stddef.h>
#include <stdint.h>

/* Frequency of board_counter(), in Hz: 24 MHz, as on many Arm boards. */
#define BOARD_COUNTER_HZ UINT64_C(24000000)

/* Reads the free-running counter; it never decreases. Any context. */
uint64_t board_counter(void);

/* Writes @p len bytes to the console and returns how many were written. */
size_t board_console_write(const void *buf, size_t len);

/* Reads up to @p len bytes the console has ready, without waiting; 0 when none are. */
size_t board_console_read(void *buf, size_t len);

#endif /* TINY_BOARD_H */
