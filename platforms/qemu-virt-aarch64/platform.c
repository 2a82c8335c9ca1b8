/* The platform: every ops table, as the boot code installs it. */
#include "ops.h"

#include <axvisor_api/qemu_virt.h>

const struct axv_platform axv_qemu_virt_platform = {
    .name = "qemu-virt-aarch64",
    .memory = &axv_qemu_memory_ops,
    .time = &axv_qemu_time_ops,
    .vmm = &axv_qemu_vmm_ops,
    .host = &axv_qemu_host_ops,
    .arch = &axv_qemu_arch_ops,
    .console = &axv_qemu_console_ops,
};
