/*
 * register-at-boot: the smallest complete platform, installed at boot, used by a component.
 *
 * boot() is what a hypervisor's early boot code does with a new platform: check its tables,
 * install them all at once, optionally run the conformance suite against them, and seal
 * the registry. component() is any code written against axvisor_api: it only calls the
 * accessors. The program prints what it sees and ends with "register-at-boot: OK" (exit 0)
 * only when every check passed; otherwise a "FAIL" line and exit 1.
 *
 *   register-at-boot                 boot and run the component
 *   register-at-boot --conformance   also run the conformance suite before sealing
 */
#include <stdio.h>
#include <string.h>

#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/conformance.h>

#include "tiny.h"

static int failures;

static void check(bool ok, const char *what) {
    if (!ok) {
        printf("register-at-boot: FAIL: %s\n", what);
        failures++;
    }
}

/* ---- Boot ------------------------------------------------------------------------------ */

static void conformance_idle(void *ctx) {
    (void)ctx;
    axv_tiny_poll();
}

static bool conformance_irq_pending(void *ctx, axv_vm_id_t vm, axv_vcpu_id_t vcpu, axv_irq_t irq) {
    (void)ctx;
    return axv_tiny_take_pending(vm, vcpu, irq);
}

/* False when the platform's tables are refused: nothing else can run. */
static bool boot(bool run_conformance) {
    /* 1. Validate: names the first table the library refuses (bad header, sealed...). */
    const char *refused = NULL;
    int rc = axv_platform_validate(&axv_tiny_platform, &refused);
    if (rc != AXV_OK) {
        printf("register-at-boot: FAIL: area %s refused: %s\n", refused ? refused : "?",
               axv_strerror(rc));
        return false;
    }
    /* 2. Install every table, all or nothing. */
    rc = axv_platform_install(&axv_tiny_platform);
    check(rc == AXV_OK, "axv_platform_install");
    printf("boot: platform %s installed\n", axv_tiny_platform.name);

    /* 3. While porting: prove the tables keep the contract. Timers fire when polled, and
     * the hook tells the suite which interrupts reached the vCPUs. */
    if (run_conformance) {
        struct axv_conformance_options opts = {0};
        opts.vm_id = TINY_VM_ID;
        opts.idle = conformance_idle;
        opts.irq_pending = conformance_irq_pending;
        struct axv_conformance_result result;
        int failed = axv_conformance_run(&opts, &result);
        check(failed == 0, "the conformance suite");
        check(result.passed > 0, "the conformance suite passed cases");
    }

    /* 4. Seal: no more registration, and (hosted) the registry becomes read-only. A port
     * that cannot protect memory still closes registration and says AXV_ENOSYS. */
    rc = axv_api_seal();
    check(rc == AXV_OK || rc == AXV_ENOSYS, "axv_api_seal");
    check(axv_api_is_sealed(), "axv_api_is_sealed after sealing");
    printf("boot: registry sealed (%s)\n", axv_strerror(rc));
    return true;
}

/* ---- A component: code that only knows the API ---------------------------------------- */

struct vtimer {
    axv_vm_id_t vm;
    axv_vcpu_id_t vcpu;
    int fired;
    int notify_rc;
};

/* A virtual timer's expiry: tell the VMM, which makes the timer PPI pending. */
static void vtimer_expired(void *arg, axv_nanos_t now_ns) {
    struct vtimer *t = arg;
    (void)now_ns;
    t->fired++;
    t->notify_rc = axv_vmm_notify_vcpu_timer_expired(t->vm, t->vcpu);
}

/* Counts an area's ops that came from the platform, and checks it got all of them when the
 * platform has the area, none when it left the area out (the defaults answer there). */
static void count_area(const struct axv_area_desc *area, bool installed, size_t *implemented,
                       size_t *total) {
    size_t here = 0;
    for (size_t op = 0; op < area->num_ops; op++)
        here += (area->state->implemented >> op) & 1u;
    check(here == (installed ? area->num_ops : 0),
          installed ? "every op of an installed area is implemented"
                    : "a left-out area keeps its defaults");
    if (installed) {
        *implemented += here;
        *total += area->num_ops;
    } else {
        printf("component: area %s left out by the platform\n", area->name);
    }
}

static void component(void) {
    /* Every op of every built-in area the platform has comes from it: the descriptors say so. */
    size_t implemented = 0, total = 0;
#define AXV_EACH_AREA(area) \
    count_area(&axv_##area##_area, axv_tiny_platform.area != NULL, &implemented, &total);
#include <axvisor_api/each_area.h>
    printf("component: %zu of %zu ops implemented by the platform\n", implemented, total);
    axv_paddr_t fdt;
    check(axv_host_fdt_address(&fdt) == AXV_ENOENT, "fdt_address: the tiny machine has no DTB");

    /* Memory: a frame, written through its mapping, translated back, freed once. */
    axv_paddr_t frame = 0;
    check(axv_memory_alloc_frame(&frame) == AXV_OK, "alloc_frame");
    unsigned char *bytes = (unsigned char *)axv_memory_phys_to_virt(frame);
    memset(bytes, 0x5A, AXV_FRAME_SIZE);
    check(axv_memory_virt_to_phys((axv_vaddr_t)(bytes + 100)) == frame + 100,
          "virt_to_phys(phys_to_virt(p))");
    check(axv_memory_dealloc_frame(frame) == AXV_OK, "dealloc_frame");
    check(axv_memory_dealloc_frame(frame) == AXV_EINVAL, "a double free is refused");
    printf("component: frame 0x%llx mapped at %p, freed once\n", (unsigned long long)frame,
           (void *)bytes);

    /* Time and vmm: a 2 ms virtual timer for vCPU 1, served by the idle loop. */
    axv_vm_id_t vm = axv_vmm_current_vm_id();
    struct vtimer t = {.vm = vm, .vcpu = 1};
    axv_nanos_t start = axv_time_current_nanos();
    axv_timer_token_t token = 0;
    check(axv_time_register_timer(start + 2000000, vtimer_expired, &t, &token) == AXV_OK,
          "register_timer");
    while (t.fired == 0 && axv_time_current_nanos() - start < 1000000000)
        axv_tiny_poll(); /* the idle loop */
    axv_nanos_t waited = axv_time_current_nanos() - start;
    check(t.fired == 1 && t.notify_rc == AXV_OK, "the timer fired and notified the VMM");
    check(waited >= 2000000, "the timer did not fire early");
    check(axv_tiny_take_pending(vm, 1, TINY_VTIMER_PPI), "PPI 27 pending on vCPU 1");
    check(axv_time_cancel_timer(token) == AXV_ENOENT, "cancel after firing is AXV_ENOENT");
    printf("component: timer fired after %llu us, PPI %u pending on vCPU 1\n",
           (unsigned long long)(waited / 1000), TINY_VTIMER_PPI);

    /* An SPI to both vCPUs, and facts about the host and its GIC. */
    size_t vcpus = 0;
    check(axv_vmm_vcpu_num(vm, &vcpus) == AXV_OK && vcpus == TINY_NUM_VCPUS, "vcpu_num");
    check(axv_vmm_inject_interrupt_to_vcpus(vm, 0x3, 40) == AXV_OK, "inject_interrupt_to_vcpus");
    check(axv_tiny_take_pending(vm, 0, 40) && axv_tiny_take_pending(vm, 1, 40),
          "SPI 40 pending on both vCPUs");
    printf("component: VM %zu has %zu vCPUs; SPI 40 reached both; %zu host CPU, GICD at 0x%llx\n",
           vm, vcpus, axv_host_cpu_num(), (unsigned long long)axv_arch_host_gicd_base());

    /* Sealed: registration is over for everyone. */
    check(axv_platform_install(&axv_tiny_platform) == AXV_EPERM, "install after sealing");
}

int main(int argc, char **argv) {
    bool run_conformance = argc > 1 && strcmp(argv[1], "--conformance") == 0;
    /* The console and printf share stdout: keep their lines in order (buffered, they would
     * still all be printed, only perhaps out of order, so a failure here is no error). */
    (void)setvbuf(stdout, NULL, _IONBF, 0);
    if (!boot(run_conformance))
        return 1;
    component();
    if (failures != 0) {
        printf("register-at-boot: %d check(s) failed\n", failures);
        return 1;
    }
    printf("register-at-boot: OK\n");
    return 0;
}
