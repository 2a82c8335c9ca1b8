/*
 * The adapter: axvisor_api's ops mapped onto the legacy services, in hand-written tables
 * (designated initializers), because it maps what the legacy hypervisor has and leaves the
 * rest to the registry's defaults:
 *
 *   memory  alloc/dealloc_frame    -> lh_page_alloc/lh_page_free (free-list pool)
 *           phys_to_virt/virt_to_phys -> lh_pa_to_va/lh_va_to_pa (linear map)
 *           contiguous runs        -> not provided: the pool has no such thing (AXV_ENOSYS)
 *   time    current_ticks          -> lh_clock_us (so a tick is 1 us)
 *           register/cancel_timer  -> lh_timer_add/lh_timer_del, via adapter-owned slots
 *   vmm     queries, inject        -> lh_vm_lookup, lh_vcpu_raise_irq, lh_current
 *           inject_interrupt_to_vcpus -> not provided: the library's fallback loops
 *   host    cpu_num                -> lh_nr_cpus
 *   console write/read_bytes       -> lh_con_putc/lh_con_getc
 *
 * Where the API's contract asks more than a legacy service gives (refusing a bad free,
 * opaque never-0 timer tokens, AXV_ status codes), the adapter adds the check itself.
 * Single-CPU, like the legacy services it wraps.
 */
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include <axvisor_api/axvisor_api.h>

#include "adapter.h"
#include "legacy/lh.h"

/* ---- memory ---- */

/* Pages handed out through the API. The pool trusts its callers; the contract wants bad
 * and double frees refused, so the adapter remembers what it gave. */
static bool handed_out[LH_POOL_PAGES];

static bool page_index(axv_paddr_t pa, size_t *index) {
    if (pa % LH_PAGE_SIZE != 0 || lh_pa_to_va(pa) == NULL)
        return false;
    *index = (size_t)((pa - LH_PHYS_OFFSET) / LH_PAGE_SIZE);
    return true;
}

static int lh_axv_alloc_frame(axv_paddr_t *frame) {
    if (frame == NULL)
        return AXV_EINVAL;
    lh_va_t page = lh_page_alloc();
    if (page == NULL)
        return AXV_ENOMEM;
    axv_paddr_t pa = lh_va_to_pa(page);
    handed_out[(pa - LH_PHYS_OFFSET) / LH_PAGE_SIZE] = true;
    *frame = pa;
    return AXV_OK;
}

static int lh_axv_dealloc_frame(axv_paddr_t frame) {
    size_t index;
    if (!page_index(frame, &index) || !handed_out[index])
        return AXV_EINVAL;
    handed_out[index] = false;
    lh_page_free(lh_pa_to_va(frame));
    return AXV_OK;
}

static axv_vaddr_t lh_axv_phys_to_virt(axv_paddr_t paddr) {
    lh_va_t va = lh_pa_to_va(paddr);
    if (va == NULL)
        axv_fatal("memory.phys_to_virt: address outside the lh page pool");
    return (axv_vaddr_t)va;
}

static axv_paddr_t lh_axv_virt_to_phys(axv_vaddr_t vaddr) {
    lh_pa_t pa = lh_va_to_pa((lh_va_t)vaddr);
    if (pa == ~(lh_pa_t)0)
        axv_fatal("memory.virt_to_phys: address outside the lh page pool");
    return pa;
}

static const struct axv_memory_ops lh_axv_memory_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_memory_ops),
    .alloc_frame = lh_axv_alloc_frame,
    .dealloc_frame = lh_axv_dealloc_frame,
    .phys_to_virt = lh_axv_phys_to_virt,
    .virt_to_phys = lh_axv_virt_to_phys,
};

/* ---- time ---- */

static axv_ticks_t lh_axv_current_ticks(void) {
    return lh_clock_us();
}

static axv_nanos_t lh_axv_ticks_to_nanos(axv_ticks_t ticks) {
    return ticks * 1000u;
}

static axv_ticks_t lh_axv_nanos_to_ticks(axv_nanos_t nanos) {
    return nanos / 1000u;
}

/* Legacy timers are caller-owned structs; the API's are tokens. The adapter owns a few
 * lh_timer slots; a token is the slot's generation and index, so a stale token (the slot
 * reused since) is refused rather than cancelling someone else's timer. */
#define TIMER_SLOTS 32u

struct timer_slot {
    struct lh_timer lt; /* first: the legacy callback gets &lt, which is the slot */
    axv_timer_fn fn;
    void *arg;
    uint32_t generation;
    bool used;
};

static struct timer_slot slots[TIMER_SLOTS];

static axv_timer_token_t slot_token(const struct timer_slot *s) {
    return ((axv_timer_token_t)s->generation << 16) | (axv_timer_token_t)(s - slots + 1);
}

static struct timer_slot *token_slot(axv_timer_token_t token) {
    axv_timer_token_t index = (token & 0xFFFFu) - 1u;
    if (index >= TIMER_SLOTS)
        return NULL;
    struct timer_slot *s = &slots[index];
    return s->used && slot_token(s) == token ? s : NULL;
}

static void release(struct timer_slot *s) {
    s->used = false;
    s->generation++;
}

static void lh_axv_timer_fired(struct lh_timer *lt) {
    struct timer_slot *s = (struct timer_slot *)lt;
    axv_timer_fn fn = s->fn;
    void *arg = s->arg;
    release(s); /* before the callback: it may arm a timer, and its token is now stale */
    fn(arg, lh_clock_us() * 1000u);
}

static int lh_axv_register_timer(axv_nanos_t deadline_ns, axv_timer_fn fn, void *arg,
                                 axv_timer_token_t *token) {
    if (fn == NULL || token == NULL)
        return AXV_EINVAL;
    for (size_t i = 0; i < TIMER_SLOTS; i++) {
        struct timer_slot *s = &slots[i];
        if (s->used)
            continue;
        s->used = true;
        s->fn = fn;
        s->arg = arg;
        /* Round up to the wheel's microseconds: a timer must never fire early. */
        lh_timer_add(&s->lt, deadline_ns / 1000u + (deadline_ns % 1000u != 0), lh_axv_timer_fired);
        *token = slot_token(s);
        return AXV_OK;
    }
    return AXV_ENOMEM;
}

static int lh_axv_cancel_timer(axv_timer_token_t token) {
    struct timer_slot *s = token_slot(token);
    if (s == NULL || !lh_timer_del(&s->lt))
        return AXV_ENOENT;
    release(s);
    return AXV_OK;
}

static const struct axv_time_ops lh_axv_time_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_time_ops),
    .current_ticks = lh_axv_current_ticks,
    .ticks_to_nanos = lh_axv_ticks_to_nanos,
    .nanos_to_ticks = lh_axv_nanos_to_ticks,
    .register_timer = lh_axv_register_timer,
    .cancel_timer = lh_axv_cancel_timer,
};

/* ---- vmm: API VM ids are legacy vmids; vCPU ids are indexes in the VM. ---- */

static struct lh_vm *find_vm(axv_vm_id_t vm_id) {
    return vm_id <= INT_MAX ? lh_vm_lookup((int)vm_id) : NULL;
}

/* Outside any vCPU (lh_current NULL) both report 0, which no legacy VM uses. */
static axv_vm_id_t lh_axv_current_vm_id(void) {
    return lh_current ? (axv_vm_id_t)lh_current->vm->vmid : 0;
}

static axv_vcpu_id_t lh_axv_current_vcpu_id(void) {
    return lh_current ? (axv_vcpu_id_t)lh_current->id : 0;
}

static int lh_axv_vcpu_num(axv_vm_id_t vm_id, size_t *num) {
    struct lh_vm *vm = find_vm(vm_id);
    if (vm == NULL)
        return AXV_ENOENT;
    if (num == NULL)
        return AXV_EINVAL;
    *num = (size_t)vm->nr_vcpus;
    return AXV_OK;
}

static int lh_axv_active_vcpus(axv_vm_id_t vm_id, uint64_t *mask) {
    struct lh_vm *vm = find_vm(vm_id);
    if (vm == NULL)
        return AXV_ENOENT;
    if (mask == NULL)
        return AXV_EINVAL;
    *mask = 0;
    for (int i = 0; i < vm->nr_vcpus; i++)
        if (vm->vcpus[i].state != LH_VCPU_OFF)
            *mask |= UINT64_C(1) << i;
    return AXV_OK;
}

static int lh_axv_inject_interrupt(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, axv_irq_t irq) {
    struct lh_vm *vm = find_vm(vm_id);
    if (vm == NULL || vcpu_id >= (axv_vcpu_id_t)vm->nr_vcpus)
        return AXV_ENOENT;
    if (irq >= LH_NR_IRQS)
        return AXV_EINVAL;
    return lh_vcpu_raise_irq(&vm->vcpus[vcpu_id], (int)irq) == 0 ? AXV_OK : AXV_EINVAL;
}

static int lh_axv_notify_vcpu_timer_expired(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id) {
    return lh_axv_inject_interrupt(vm_id, vcpu_id, LH_VTIMER_IRQ);
}

static const struct axv_vmm_ops lh_axv_vmm_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_vmm_ops),
    .current_vm_id = lh_axv_current_vm_id,
    .current_vcpu_id = lh_axv_current_vcpu_id,
    .vcpu_num = lh_axv_vcpu_num,
    .active_vcpus = lh_axv_active_vcpus,
    .inject_interrupt = lh_axv_inject_interrupt,
    .notify_vcpu_timer_expired = lh_axv_notify_vcpu_timer_expired,
};

/* ---- host and console ---- */

static size_t lh_axv_cpu_num(void) {
    return lh_nr_cpus > 0 ? (size_t)lh_nr_cpus : 1u;
}

static const struct axv_host_ops lh_axv_host_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_host_ops),
    .cpu_num = lh_axv_cpu_num,
};

static size_t lh_axv_write_bytes(const void *buf, size_t len) {
    const char *bytes = buf;
    for (size_t i = 0; i < len; i++)
        lh_con_putc(bytes[i]);
    return len;
}

static size_t lh_axv_read_bytes(void *buf, size_t len) {
    unsigned char *bytes = buf;
    size_t n = 0;
    int c;
    while (n < len && (c = lh_con_getc()) >= 0)
        bytes[n++] = (unsigned char)c;
    return n;
}

static const struct axv_console_ops lh_axv_console_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_console_ops),
    .write_bytes = lh_axv_write_bytes,
    .read_bytes = lh_axv_read_bytes,
};

/* ---- the platform ---- */

const struct axv_platform lh_axv_platform = {
    .name = "lh (legacy hypervisor)",
    .memory = &lh_axv_memory_ops,
    .time = &lh_axv_time_ops,
    .vmm = &lh_axv_vmm_ops,
    .host = &lh_axv_host_ops,
    .console = &lh_axv_console_ops,
};

int lh_axv_attach(void) {
    const char *refused = NULL;
    int rc = axv_platform_validate(&lh_axv_platform, &refused);
    if (rc == AXV_OK)
        rc = axv_platform_install(&lh_axv_platform);
    if (rc != AXV_OK) {
        lh_printk("lh: axvisor_api refused the %s table: %s\n", refused ? refused : "?",
                  axv_strerror(rc));
        return -1;
    }
    return 0;
}
