/*
 * lh: "legacy hypervisor", an existing hypervisor with services of its own, written in its
 * own style (lh_ names, 0/-1 returns, intrusive lists, caller-owned timer structs). It knows
 * nothing of axvisor_api; ../adapter.c maps the API's ops onto these services without
 * changing them.
 */
#ifndef LH_H
#define LH_H

#include <stdint.h>

typedef uint64_t lh_pa_t; /* guest-independent physical address */
typedef void *lh_va_t;    /* hypervisor virtual address */

/* ---- Page pool: a free list threaded through the free pages themselves. ---- */
#define LH_PAGE_SIZE 4096u
#define LH_POOL_PAGES 64u
#define LH_PHYS_OFFSET 0x80000000ull /* physical address of the pool's first page */

void lh_pool_init(void);
lh_va_t lh_page_alloc(void);     /* NULL when the pool is empty */
void lh_page_free(lh_va_t page); /* trusts its caller, as legacy code does */
lh_pa_t lh_va_to_pa(lh_va_t va); /* linear map of the pool; ~0 outside it */
lh_va_t lh_pa_to_va(lh_pa_t pa); /* NULL outside the pool */

/* ---- Clock and timer wheel: microseconds; 64 slots of 1 ms. ---- */
struct lh_timer;
typedef void (*lh_timer_cb)(struct lh_timer *t);
struct lh_timer {
    struct lh_timer *next, *prev; /* wheel slot list; NULL when not queued */
    uint64_t expires_us;
    lh_timer_cb cb; /* NULL when not queued */
    unsigned slot;
};

uint64_t lh_clock_us(void);
void lh_timer_add(struct lh_timer *t, uint64_t expires_us, lh_timer_cb cb);
int lh_timer_del(struct lh_timer *t); /* 1 if it was queued (now removed), 0 if not */
void lh_wheel_run(void);              /* fires what is due: called from the idle loop */

/* ---- vCPU table. ---- */
#define LH_MAX_VMS 4
#define LH_MAX_VCPUS 8
#define LH_NR_IRQS 128
#define LH_VTIMER_IRQ 27

enum lh_vcpu_state { LH_VCPU_OFF, LH_VCPU_READY, LH_VCPU_RUNNING };

struct lh_vcpu {
    int id;
    struct lh_vm *vm;
    enum lh_vcpu_state state;
    uint32_t irq_pending[LH_NR_IRQS / 32];
};

struct lh_vm {
    int vmid; /* 0 means the entry is free */
    int nr_vcpus;
    struct lh_vcpu vcpus[LH_MAX_VCPUS];
};

extern struct lh_vcpu *lh_current; /* the vCPU this CPU runs, or NULL */
extern int lh_nr_cpus;

struct lh_vm *lh_vm_create(int vmid, int nr_vcpus); /* NULL when full or invalid */
struct lh_vm *lh_vm_lookup(int vmid);               /* NULL when unknown */
int lh_vcpu_raise_irq(struct lh_vcpu *v, int irq);  /* 0, or -1 for a bad irq */
int lh_vcpu_irq_pending(const struct lh_vcpu *v, int irq);

/* ---- Console. ---- */
void lh_con_putc(char c);
int lh_con_getc(void); /* -1 when no byte is ready */
void lh_printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- Statistics every service keeps (the sample shows them to prove who did the work). */
struct lh_stats {
    unsigned pages_alloc, pages_free;
    unsigned timers_added, timers_deleted, timers_fired;
    unsigned irqs_raised;
    unsigned con_bytes;
};
extern struct lh_stats lh_stats;

#endif /* LH_H */
