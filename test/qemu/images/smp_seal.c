/* qemu.smp.seal: the SMP boot order. The secondaries are already running and waiting in
 * axv_api_wait_sealed() (or polling axv_api_is_sealed()) while the boot CPU resets every area
 * to its defaults, installs the platform's tables and seals; then each secondary reads the
 * registry and must see exactly the installed tables, never the defaults. Run with -smp 4.
 * (The platform's boot has installed its tables once already, before calling this image:
 * the reset puts the registry back to what a hypervisor that registers late starts from,
 * keeping only the clock the image's own bounded waits need.) */
#include <axvisor_api/qemu_virt.h>

#include "cmdline.h"

struct sighting {
    uint32_t waiting;               /* set (release) once it waits for the seal */
    volatile uint64_t digest;       /* of every area's slot, as this CPU read it */
    volatile size_t cpu_num;        /* host.cpu_num, called here */
    volatile axv_vcpu_id_t vcpu_id; /* vmm.current_vcpu_id, called here */
};

static struct sighting sightings[AXV_QEMU_MAX_CPUS];

/* FNV-1a over every tracked area's ops (which hold the op pointers) and implemented mask. */
static uint64_t registry_digest(void) {
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t a = 0; a < axv_api_area_count(); a++) {
        const struct axv_area_desc *area = axv_api_area(a);
        const volatile uint8_t *bytes = area->slot;
        for (size_t i = 0; i < area->ops_size; i++)
            h = (h ^ bytes[i]) * UINT64_C(0x100000001b3);
        h = (h ^ area->state->implemented) * UINT64_C(0x100000001b3);
    }
    return h;
}

/* A secondary: started long before the tables exist, it may not call an accessor until it
 * has synchronised with the seal. Odd CPUs wait in the library, even ones poll. */
static void wait_then_look(void *arg) {
    struct sighting *s = arg;
    __atomic_store_n(&s->waiting, 1u, __ATOMIC_RELEASE);
    if (axv_qemu_cpu_index() % 2u != 0) {
        axv_api_wait_sealed();
    } else {
        while (!axv_api_is_sealed()) {
        }
    }
    s->digest = registry_digest();
    s->cpu_num = axv_host_cpu_num();
    s->vcpu_id = axv_vmm_current_vcpu_id();
}

static int fail(const char *why) {
    axv_qemu_puts("qemu.smp.seal: FAILED: ");
    axv_qemu_puts(why);
    axv_qemu_puts("\n");
    return 1;
}

static int reset_every_area(void) {
    int rc = AXV_OK;
#define AXV_EACH_AREA(area) \
    if (rc == AXV_OK)       \
        rc = axv_##area##_reset();
#include <axvisor_api/each_area.h>
    return rc;
}

int axv_qemu_main(void) {
    axv_nanos_t budget_ns = cmdline_timer_budget_ns(UINT64_C(2000000000));
    char line[512];
    size_t n = axv_host_cpu_num();
    if (axv_qemu_cmdline(line, sizeof line) != AXV_OK || n != cmdline_value(line, "cpus=") || n < 2)
        return fail("the CPUs online do not match cpus= (needs -smp 2 or more)");
    /* Back to a registry with only a clock (the waits below need one), before the
     * secondaries start: one that read it too early, or without the ordering the seal
     * gives, would see defaults (and the fatal default of host.cpu_num). */
    if (reset_every_area() != AXV_OK || axv_time_register(axv_qemu_virt_platform.time) != AXV_OK)
        return fail("resetting the registry to a clock only");
    uint64_t clock_only = registry_digest();
    axv_nanos_t give_up = axv_time_current_nanos() + budget_ns;
    for (size_t c = 1; c < n; c++)
        if (axv_qemu_cpu_run(c, wait_then_look, &sightings[c]) != AXV_OK)
            return fail("posting the wait to a secondary");
    for (size_t c = 1; c < n; c++)
        while (!__atomic_load_n(&sightings[c].waiting, __ATOMIC_ACQUIRE))
            if (axv_time_current_nanos() > give_up)
                return fail("a secondary did not start waiting within the timer budget");

    /* Registration with the secondaries running, then the publish step. */
    if (axv_platform_install(&axv_qemu_virt_platform) != AXV_OK)
        return fail("installing the platform");
    uint64_t installed = registry_digest();
    if (installed == clock_only)
        return fail("the installed tables look like the clock-only registry");
    int rc = axv_api_seal();
    if (rc != AXV_OK)
        return fail("axv_api_seal");
    give_up = axv_time_current_nanos() + budget_ns;

    for (size_t c = 1; c < n; c++) {
        while (!axv_qemu_cpu_idle(c))
            if (axv_time_current_nanos() > give_up)
                return fail("a secondary did not finish within the timer budget");
        const struct sighting *s = &sightings[c];
        axv_qemu_puts("qemu.smp.seal: CPU ");
        axv_qemu_put_dec(c);
        axv_qemu_puts(s->digest == installed ? " sees the installed tables" : " sees other tables");
        axv_qemu_puts(", cpu_num ");
        axv_qemu_put_dec(s->cpu_num);
        axv_qemu_puts(", vCPU ");
        axv_qemu_put_dec(s->vcpu_id);
        axv_qemu_puts("\n");
        if (s->digest != installed || s->cpu_num != n || s->vcpu_id != c)
            return fail("a secondary does not see the installed tables");
    }
    axv_qemu_puts("qemu.smp.seal: OK\n");
    return 0;
}
