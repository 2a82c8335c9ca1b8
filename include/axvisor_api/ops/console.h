/*
 * Op list of the console area: the hypervisor's own byte console.
 * An op list is data for the generators; include <axvisor_api/axvisor_api.h> instead.
 * No include guard: it is expanded once per generated piece.
 */
#ifndef AXV_OP
#error "an op list is expanded by the generators; include <axvisor_api/axvisor_api.h>"
#endif

/** @brief The hypervisor's console. */
AXV_AREA_BEGIN(console)

/**
 * @brief Writes bytes to the console.
 * @param buf The bytes; may be NULL only when @p len is 0.
 * @param len How many bytes.
 * @return How many bytes were written (@p len unless the console failed). Fatal when not
 *         implemented.
 * @note Whether it may be called from IRQ context is the platform's to document (the
 *       reference platforms: posix from any thread; the qemu ones poll the UART, riscv64
 *       through SBI, so any context);
 *       the default fatal handler calls it. Thread-safe, but concurrent writes may
 *       interleave their bytes. May wait for the device to drain.
 */
AXV_OP(console, VALUE, size_t, write_bytes, (const void *, buf, size_t, len))

/**
 * @brief Reads the bytes the console has ready, without waiting.
 * @param buf Receives up to @p len bytes.
 * @param len Room in @p buf.
 * @return How many bytes were read; 0 when none are ready. Fatal when not implemented.
 * @note Never waits. Calling context as for axv_console_write_bytes(); concurrent readers
 *       split the input between them.
 */
AXV_OP(console, VALUE, size_t, read_bytes, (void *, buf, size_t, len))

AXV_AREA_END(console)
