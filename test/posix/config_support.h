// The configuration the POSIX platform's parts start from in the tests: what the platform
// resolves an all-zero axv_posix_config to.
#ifndef AXV_TEST_POSIX_CONFIG_SUPPORT_H
#define AXV_TEST_POSIX_CONFIG_SUPPORT_H

#include <axvisor_api/posix.h>

extern "C" {
#include "posix_internal.h"
#include "posix_parts.h"
}

namespace axv_test {

inline axv_posix_resolved default_config() {
    axv_posix_resolved c{};
    c.ram_bytes = AXV_POSIX_DEFAULT_RAM_BYTES;
    c.ram_phys_base = AXV_POSIX_DEFAULT_RAM_PHYS_BASE;
    c.counter_hz = AXV_POSIX_DEFAULT_COUNTER_HZ;
    c.gicd_base = AXV_POSIX_DEFAULT_GICD_BASE;
    c.gicr_base = AXV_POSIX_DEFAULT_GICR_BASE;
    c.spi_count = AXV_POSIX_DEFAULT_SPI_COUNT;
    c.vtimer_irq = AXV_POSIX_DEFAULT_VTIMER_IRQ;
    c.riscv_guest_files = AXV_POSIX_DEFAULT_RISCV_GUEST_FILES;
    return c;
}

} // namespace axv_test

#endif // AXV_TEST_POSIX_CONFIG_SUPPORT_H
