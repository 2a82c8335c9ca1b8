/* The sample's hypervisor, at EL2 on the QEMU virt platform. A component owns a host
 * interrupt (SGI 3, standing in for a device's line): it registers a handler and enables it
 * through the host_irq area. The vCPU side installs its exit handler for physical
 * interrupts, which takes them with axv_host_irq_fetch() and axv_host_irq_handle(), and
 * runs the EL1 guest. While the guest runs, a hypervisor timer (PPI 26, the platform's own)
 * exits it, and its callback raises the device's SGI, which exits it again; the device
 * handler releases the guest. Exit status 0 only if the device interrupt was fetched and
 * handled through the area, inside the vCPU's exit handler. */
#include <axvisor_api/qemu_virt.h>

#include "guest.h"

#define DEVICE_SGI 3u
#define POLL_NS 1000000u /* how often the "device" looks whether the guest runs */

static uint8_t guest_stack[16384] __attribute__((aligned(16)));

/* The vCPU side: what its exit handler saw. Touched at EL2 on this CPU only. */
static struct {
    bool in_exit;            /* inside the exit handler now */
    uint32_t exits;          /* guest exits on a physical interrupt */
    uint32_t fetched;        /* interrupts it fetched */
    uint32_t device_fetched; /* ... of them the device's */
    int device_rc;           /* what handle() said for the device's */
    bool timer_fetched;      /* the platform's own timer came through fetch too */
} vcpu = {.device_rc = 1};

/* The device component: what its handler saw. */
static struct {
    uint32_t calls;
    bool in_exit;
    const void *arg;
} device;

static int device_cookie;

static void device_irq(void *arg, axv_irq_t irq) {
    (void)irq;
    device.calls++;
    device.arg = arg;
    device.in_exit = vcpu.in_exit;
    guest_shared.released = 1;
}

/* The vCPU's exit on a physical interrupt: hand every pending one to the host. */
static void vcpu_irq_exit(void) {
    vcpu.in_exit = true;
    vcpu.exits++;
    for (axv_irq_t irq = axv_host_irq_fetch(); irq != AXV_HOST_IRQ_NONE;
         irq = axv_host_irq_fetch()) {
        vcpu.fetched++;
        int rc = axv_host_irq_handle(irq);
        if (irq == DEVICE_SGI) {
            vcpu.device_fetched++;
            vcpu.device_rc = rc;
        } else if (irq == AXV_QEMU_HOST_IRQ_KEPT_TIMER) {
            vcpu.timer_fetched = true;
        }
    }
    vcpu.in_exit = false;
}

/* The "device": once the guest runs, it raises its line; until then it looks again. */
static void device_poll(void *arg, axv_nanos_t now_ns) {
    (void)arg;
    axv_timer_token_t token;
    if (guest_shared.started)
        (void)axv_qemu_raise_sgi_self(NULL, DEVICE_SGI);
    else if (axv_time_register_timer(now_ns + POLL_NS, device_poll, NULL, &token) != AXV_OK)
        axv_qemu_puts("qemu-aarch64-host-irq: FAILED to re-arm the device poll\n");
}

static bool setup(void) {
    axv_timer_token_t token;
    return axv_api_seal() == AXV_OK &&
           axv_host_irq_register_handler(DEVICE_SGI, device_irq, &device_cookie) == AXV_OK &&
           axv_host_irq_enable(DEVICE_SGI) == AXV_OK &&
           axv_time_register_timer(axv_time_current_nanos() + POLL_NS, device_poll, NULL, &token) ==
               AXV_OK;
}

int axv_qemu_main(void) {
    if (!setup()) {
        axv_qemu_puts("qemu-aarch64-host-irq: FAILED to set up\n");
        return 1;
    }
    axv_qemu_set_guest_irq_exit(vcpu_irq_exit);
    int status = axv_qemu_run_guest(guest_main, guest_stack + sizeof guest_stack);
    axv_qemu_set_guest_irq_exit(NULL);
    int unregistered = axv_host_irq_unregister_handler(DEVICE_SGI);

    axv_qemu_puts("qemu-aarch64-host-irq: guest exited with status ");
    axv_qemu_put_dec((uint64_t)(int64_t)status);
    axv_qemu_puts("; exits on a physical interrupt: ");
    axv_qemu_put_dec(vcpu.exits);
    axv_qemu_puts(", interrupts fetched: ");
    axv_qemu_put_dec(vcpu.fetched);
    axv_qemu_puts(vcpu.timer_fetched ? " (the platform's timer among them)" : "");
    axv_qemu_puts("; device SGI 3 fetched ");
    axv_qemu_put_dec(vcpu.device_fetched);
    axv_qemu_puts(" time(s), its handler ran ");
    axv_qemu_put_dec(device.calls);
    axv_qemu_puts(device.in_exit ? " time(s) inside the vCPU's exit\n" : " time(s) elsewhere\n");
    bool ok = status == 0 && vcpu.device_fetched == 1 && vcpu.device_rc == AXV_OK &&
              device.calls == 1 && device.in_exit && device.arg == &device_cookie &&
              vcpu.timer_fetched && unregistered == AXV_OK;
    axv_qemu_puts(ok ? "qemu-aarch64-host-irq: OK\n" : "qemu-aarch64-host-irq: FAILED\n");
    return ok ? 0 : 1;
}
