/* QEMU exit through Arm semihosting (QEMU runs with -semihosting). */
#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/qemu_virt.h>

#define SEMIHOSTING_SYS_GET_CMDLINE 0x15u
#define SEMIHOSTING_SYS_EXIT 0x18u
/* ADP_Stopped_ApplicationExit: with it, the AArch64 SYS_EXIT block's second word is the
 * exit status QEMU returns. */
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static uint64_t semihosting_call(uint64_t op, volatile uint64_t *block) {
    register uint64_t x0 __asm__("x0") = op;
    register volatile uint64_t *x1 __asm__("x1") = block;
    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    return x0;
}

int axv_qemu_cmdline(char *buf, size_t len) {
    volatile uint64_t block[2] = {(uint64_t)(uintptr_t)buf, len};
    if (buf == NULL || len == 0)
        return AXV_EINVAL;
    /* 0 on success; the host writes the NUL-terminated line and its length. */
    return semihosting_call(SEMIHOSTING_SYS_GET_CMDLINE, block) == 0 ? AXV_OK : AXV_ENOENT;
}

void axv_qemu_exit(int status) {
    /* Static: the block must stay valid while the debugger (QEMU) reads it. */
    static volatile uint64_t block[2];
    block[0] = ADP_STOPPED_APPLICATION_EXIT;
    block[1] = (uint64_t)(int64_t)status;
    (void)semihosting_call(SEMIHOSTING_SYS_EXIT, block);
    /* Without semihosting the HLT traps; either way nothing may run after an exit. */
    for (;;)
        __asm__ volatile("wfe");
}
