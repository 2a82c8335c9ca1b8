/*
 * custom-area: a component defines its own API area, a platform implements it, and the
 * component calls it.
 *
 * The component is a small vGIC (vgic/). Besides the built-in vmm area it needs services no
 * built-in area has (how many SPIs a VM gets, kicking vCPUs, unmasking passed-through
 * interrupts), so it defines the area "vgic_host" with the library's machinery. The
 * platform (board/) implements that area and registers it at boot next to its vmm table;
 * sealing then closes registration for both. The program ends with "custom-area: OK"
 * (exit 0) only when every check passed.
 */
#include <stdio.h>
#include <stdlib.h>

#include <axvisor_api/axvisor_api.h>
#include <vgic/vgic.h>

#include "board/board.h"

static int failures;

static void check(bool ok, const char *what) {
    if (!ok) {
        printf("custom-area: FAIL: %s\n", what);
        failures++;
    }
}

static bool pending(axv_vcpu_id_t vcpu, axv_irq_t irq) {
    return (board_log.pending[vcpu][irq / 64] >> (irq % 64)) & 1u;
}

/* Platform boot: register the tables, the component's area like any other, then seal. */
static void boot(void) {
    check(axv_vmm_register(&board_vmm_ops) == AXV_OK, "axv_vmm_register");
    check(axv_vgic_host_register(&board_vgic_host_ops) == AXV_OK, "axv_vgic_host_register");
    int rc = axv_api_seal();
    check(rc == AXV_OK || rc == AXV_ENOSYS, "axv_api_seal");

    /* The component's area is a full citizen: descriptor, capability queries, sealing. */
    const struct axv_area_desc *area = &axv_vgic_host_area;
    printf("boot: area %s registered with %zu ops:", area->name, area->num_ops);
    for (size_t op = 0; op < area->num_ops; op++) {
        printf(" %s", area->op_names[op]);
        check(axv_vgic_host_implements((enum axv_vgic_host_op)op),
              "every vgic_host op implemented");
    }
    printf("\n");
    check(axv_vgic_host_register(&board_vgic_host_ops) == AXV_EPERM,
          "axv_vgic_host_register after sealing is AXV_EPERM");
    printf("boot: registry sealed; a late axv_vgic_host_register is refused\n");
}

int main(void) {
    boot();

    struct vgic vgic;
    check(vgic_init(&vgic, BOARD_VM_ID) == AXV_OK, "vgic_init");
    check(vgic.num_vcpus == BOARD_NUM_VCPUS && vgic.num_spis == BOARD_NUM_SPIS,
          "vgic_init asked vmm.vcpu_num and vgic_host.spi_count");
    printf("vgic: VM %zu, %zu vCPUs, %u SPIs (from vgic_host.spi_count)\n", vgic.vm, vgic.num_vcpus,
           (unsigned)vgic.num_spis);

    /* The guest routes SPI 40 to vCPUs 1 and 3; a device raises it before it is enabled. */
    const axv_irq_t spi = 40;
    check(vgic_route_spi(&vgic, spi, 0xA) == AXV_OK, "route SPI 40 to vCPUs 1 and 3");
    check(vgic_raise_spi(&vgic, spi) == AXV_OK, "raise SPI 40 while disabled");
    check(!pending(1, spi) && board_log.ipis == 0, "a disabled SPI is held back");

    /* Enabling unmasks it on the platform (vgic_host.spi_enabled) and delivers it: vmm
     * injection into both targets, then one IPI for both (vgic_host.kick_vcpus). */
    check(vgic_enable_spi(&vgic, spi, true) == AXV_OK, "enable SPI 40");
    check((board_log.unmasked_spis >> (spi - 32)) & 1u, "the platform unmasked SPI 40");
    check(pending(1, spi) && pending(3, spi) && !pending(0, spi) && !pending(2, spi),
          "SPI 40 pending on vCPUs 1 and 3 only");
    check(board_log.ipis == 1 && board_log.kicks[1] == 1 && board_log.kicks[3] == 1,
          "one IPI kicked vCPUs 1 and 3");
    printf("vgic: SPI %u enabled -> unmasked on the platform, pending on vCPUs 1 and 3, "
           "%u IPI\n",
           (unsigned)spi, board_log.ipis);

    /* SPI 33 keeps its reset target, vCPU 0. Out-of-range SPIs are refused. */
    check(vgic_enable_spi(&vgic, 33, true) == AXV_OK && vgic_raise_spi(&vgic, 33) == AXV_OK,
          "enable and raise SPI 33");
    check(pending(0, 33) && board_log.kicks[0] == 1, "SPI 33 reached vCPU 0");
    check(vgic_raise_spi(&vgic, 32 + BOARD_NUM_SPIS) == AXV_EINVAL, "an SPI the VM lacks");
    check(vgic_enable_spi(&vgic, spi, false) == AXV_OK &&
              ((board_log.unmasked_spis >> (spi - 32)) & 1u) == 0,
          "disabling masks it again");
    printf("vgic: SPI 33 reached vCPU 0; SPI %u refused; %u IPIs in all\n",
           (unsigned)(32 + BOARD_NUM_SPIS), board_log.ipis);

    if (failures != 0) {
        printf("custom-area: %d check(s) failed\n", failures);
        return 1;
    }
    printf("custom-area: OK\n");
    return 0;
}
