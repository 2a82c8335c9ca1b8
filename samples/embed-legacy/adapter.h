/*
 * The adapter between the legacy hypervisor and axvisor_api: ops tables whose members call
 * the lh services (page pool, clock and timer wheel, vCPU table, console). Nothing in
 * legacy/ changes; this file and adapter.c are the whole adoption.
 */
#ifndef LH_AXV_ADAPTER_H
#define LH_AXV_ADAPTER_H

#include <axvisor_api/platform.h>

/* The legacy services as an axvisor_api platform: memory, time, vmm, host and console.
 * The legacy hypervisor has no GIC helpers, so the gic area keeps its defaults. */
extern const struct axv_platform lh_axv_platform;

/* Installs lh_axv_platform (legacy convention: 0, or -1 after printing why). Call it at
 * boot, after lh_pool_init() and before axv_api_seal(). */
int lh_axv_attach(void);

#endif /* LH_AXV_ADAPTER_H */
