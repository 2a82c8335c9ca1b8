/*
 * The legacy hypervisor's boot. It brings up its own services as it always has; the lines
 * marked "axvisor_api" are all it takes to adopt the API: attach the adapter, seal, and run
 * a component written against the API. The rest of this file is the sample's check that
 * the component's calls really reached the legacy services (the lh_stats counters and the
 * vCPU table), ending with "embed-legacy: OK" and exit status 0 only when all held.
 *
 *   embed-legacy                 boot, attach, run the component
 *   embed-legacy --conformance   also run the conformance suite against the adapter
 */
#include <string.h>

#include <axvisor_api/conformance.h>

#include "lh.h"

#include "../adapter.h"          /* axvisor_api */
#include "../component/vtimer.h" /* axvisor_api */

#define LH_VMID 7
#define LH_DOORBELL_SGI 1

static int lh_failures;

static void lh_expect(int ok, const char *what) {
    if (!ok) {
        lh_printk("embed-legacy: FAIL: %s\n", what);
        lh_failures++;
    }
}

/* Conformance hooks: the legacy idle loop, and a guest taking a pending interrupt. */
static void lh_conf_idle(void *ctx) {
    (void)ctx;
    lh_wheel_run();
}

static bool lh_conf_take_irq(void *ctx, axv_vm_id_t vmid, axv_vcpu_id_t vcpu, axv_irq_t irq) {
    struct lh_vm *vm = lh_vm_lookup((int)vmid);
    (void)ctx;
    if (!vm || vcpu >= (axv_vcpu_id_t)vm->nr_vcpus ||
        !lh_vcpu_irq_pending(&vm->vcpus[vcpu], (int)irq))
        return false;
    vm->vcpus[vcpu].irq_pending[irq / 32] &= ~(1u << (irq % 32));
    return true;
}

static void lh_conformance(void) {
    struct axv_conformance_options opts = {0};
    struct axv_conformance_result result;
    opts.vm_id = LH_VMID;
    opts.idle = lh_conf_idle;
    opts.irq_pending = lh_conf_take_irq;
    lh_expect(axv_conformance_run(&opts, &result) == 0, "the conformance suite");
    /* Every page went back to the pool. */
    lh_expect(lh_stats.pages_alloc == lh_stats.pages_free, "conformance left pages allocated");
    /* Interrupts the suite left pending must not count for the component below. */
    struct lh_vm *vm = lh_vm_lookup(LH_VMID);
    for (int i = 0; i < vm->nr_vcpus; i++)
        memset(vm->vcpus[i].irq_pending, 0, sizeof(vm->vcpus[i].irq_pending));
}

int main(int argc, char **argv) {
    /* The legacy boot, unchanged: pool, CPUs, one VM of three vCPUs, vCPU 2 not started,
     * this CPU running vCPU 0. */
    lh_pool_init();
    lh_nr_cpus = 2;
    struct lh_vm *vm = lh_vm_create(LH_VMID, 3);
    if (!vm)
        return 1;
    vm->vcpus[2].state = LH_VCPU_OFF;
    vm->vcpus[0].state = LH_VCPU_RUNNING;
    lh_current = &vm->vcpus[0];

    if (lh_axv_attach() != 0) /* axvisor_api: the adapter's tables */
        return 1;
    if (argc > 1 && strcmp(argv[1], "--conformance") == 0)
        lh_conformance();
    int rc = axv_api_seal(); /* axvisor_api: registration is over */
    lh_expect(rc == AXV_OK || rc == AXV_ENOSYS, "axv_api_seal");

    /* The new component: vCPU 1's virtual timer, armed at 20 ms then re-armed at 2 ms. */
    struct lh_stats before = lh_stats;
    struct vtimer vt;
    lh_expect(vtimer_init(&vt, axv_vmm_current_vm_id(), 1) == AXV_OK, "vtimer_init");
    lh_expect(vtimer_arm(&vt, 20000000) == AXV_OK, "vtimer_arm 20 ms");
    lh_expect(vtimer_arm(&vt, 2000000) == AXV_OK, "vtimer_arm 2 ms");
    uint64_t start = lh_clock_us();
    while (vt.expirations == 0 && lh_clock_us() - start < 1000000)
        lh_wheel_run(); /* the legacy idle loop */
    uint64_t waited_us = lh_clock_us() - start;
    lh_expect(doorbell_ring_all(LH_DOORBELL_SGI) == AXV_OK, "doorbell_ring_all");
    lh_expect(vtimer_published_count(&vt) == 1, "the vtimer published one expiry");
    vtimer_fini(&vt);

    /* Did the calls reach the legacy services? */
    lh_expect(lh_stats.pages_alloc - before.pages_alloc == 1 &&
                  lh_stats.pages_free - before.pages_free == 1,
              "the vtimer's page came from and went back to lh_page_alloc/lh_page_free");
    lh_expect(axv_memory_dealloc_frame(vt.page) == AXV_EINVAL &&
                  lh_stats.pages_free - before.pages_free == 1,
              "the adapter refuses a double free before it reaches the pool");
    lh_expect(lh_stats.timers_added - before.timers_added == 2 &&
                  lh_stats.timers_deleted - before.timers_deleted == 1 &&
                  lh_stats.timers_fired - before.timers_fired == 1,
              "two lh timers added, the first deleted by the re-arm, the second fired");
    lh_expect(waited_us >= 1000, "the timer did not fire early");
    lh_expect(lh_vcpu_irq_pending(&vm->vcpus[1], LH_VTIMER_IRQ) &&
                  !lh_vcpu_irq_pending(&vm->vcpus[0], LH_VTIMER_IRQ),
              "the timer interrupt is pending on legacy vCPU 1 only");
    lh_expect(lh_vcpu_irq_pending(&vm->vcpus[0], LH_DOORBELL_SGI) &&
                  lh_vcpu_irq_pending(&vm->vcpus[1], LH_DOORBELL_SGI) &&
                  !lh_vcpu_irq_pending(&vm->vcpus[2], LH_DOORBELL_SGI),
              "the doorbell reached the two started vCPUs, not the stopped one");
    lh_expect(lh_stats.irqs_raised - before.irqs_raised == 3, "three lh_vcpu_raise_irq calls");
    lh_expect(axv_host_cpu_num() == 2, "host.cpu_num is lh_nr_cpus");
    lh_expect(!axv_vmm_implements(axv_vmm_op_inject_interrupt_to_vcpus),
              "inject_interrupt_to_vcpus is the library's fallback");

    lh_printk("lh: pool %u alloc / %u free, wheel %u added / %u deleted / %u fired, "
              "%u irqs raised\n",
              lh_stats.pages_alloc, lh_stats.pages_free, lh_stats.timers_added,
              lh_stats.timers_deleted, lh_stats.timers_fired, lh_stats.irqs_raised);
    lh_printk("lh: vtimer fired after %llu us on vCPU 1; doorbell SGI %d on vCPUs 0 and 1\n",
              (unsigned long long)waited_us, LH_DOORBELL_SGI);

    /* Through the API's console, which is lh_con_putc underneath. */
    static const char line[] = "component: hello through axv_console_write_bytes\n";
    unsigned con_before = lh_stats.con_bytes;
    axv_console_write_bytes(line, strlen(line));
    lh_expect(lh_stats.con_bytes - con_before == strlen(line), "the console is lh_con_putc");

    if (lh_failures) {
        lh_printk("embed-legacy: %d check(s) failed\n", lh_failures);
        return 1;
    }
    lh_printk("embed-legacy: OK\n");
    return 0;
}
