/* Ending the run through virt's sifive_test device, whose status QEMU exits with, and the
 * command line, which QEMU puts in the device tree's /chosen bootargs (copied at boot, so
 * it lives in the image with the rest of the platform's state). */
#include "exit.h"

#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/qemu_virt.h>
#include "board.h"
#include "cpu.h"

#define TEST_PASS 0x5555u
#define TEST_FAIL 0x3333u
/* The status field of a FAIL write is 16 bits. */
#define TEST_CODE_MASK 0xffffu

static char cmdline[AXV_QEMU_CMDLINE_MAX];

void axv_qemu_exit_set_cmdline(const char *bootargs) {
    size_t i = 0;
    for (; i + 1 < sizeof cmdline && bootargs[i] != '\0'; i++)
        cmdline[i] = bootargs[i];
    cmdline[i] = '\0';
}

int axv_qemu_cmdline(char *buf, size_t len) {
    if (buf == NULL || len == 0)
        return AXV_EINVAL;
    size_t n = 0;
    while (cmdline[n] != '\0')
        n++;
    if (n >= len)
        return AXV_ENOENT;
    for (size_t i = 0; i <= n; i++)
        buf[i] = cmdline[i];
    return AXV_OK;
}

void axv_qemu_exit(int status) {
    uint32_t code = (uint32_t)status & TEST_CODE_MASK;
    /* A nonzero status whose low 16 bits are 0 must not read as success. */
    if (status != 0 && code == 0)
        code = 1;
    mmio_write32(QEMU_TEST_BASE, code == 0 ? TEST_PASS : code << 16 | TEST_FAIL);
    for (;;)
        __asm__ volatile("wfi");
}
