/*
 * The platform of this sample, "board": one VM (id 1) of four vCPUs, modelled in memory.
 * It implements the component's vgic_host area with <axvisor_api/area_impl.h> (every op,
 * named board_vgic_host_<op>) and the two vmm ops the vGIC uses in a hand-written table.
 * What it was asked to do is recorded in board_log, for the sample to show and check.
 */
#ifndef BOARD_BOARD_H
#define BOARD_BOARD_H

#include <stdbool.h>
#include <stdint.h>
#include <vgic/host_api.h>
#include <axvisor_api/vmm.h>

#define BOARD_VM_ID ((axv_vm_id_t)1)
#define BOARD_NUM_VCPUS 4u
#define BOARD_NUM_SPIS 32u

struct board_log {
    uint64_t pending[BOARD_NUM_VCPUS][2]; /* INTIDs 0..127 injected into each vCPU */
    unsigned kicks[BOARD_NUM_VCPUS];      /* times each vCPU was kicked */
    unsigned ipis;                        /* IPIs sent (one per kick or per kick_vcpus) */
    uint64_t unmasked_spis;               /* physical SPIs unmasked, bit i: SPI 32 + i */
};
extern struct board_log board_log;

/* The hand-written vmm table: only the ops the vGIC needs; NULL members keep the
 * registry's defaults (AXV_ENOSYS, or fatal for value ops). */
extern const struct axv_vmm_ops board_vmm_ops;

/* Prototypes of board_vgic_host_<op> and the declaration of board_vgic_host_ops. */
#define AXV_IMPL_PREFIX board
#define AXV_IMPL_DECLARE_ONLY
/* NOLINTNEXTLINE(bugprone-macro-parentheses): a header name for #include, not an expression */
#define AXV_AREA_OPS <vgic/host_ops.h>
#include <axvisor_api/area_impl.h>
#undef AXV_IMPL_PREFIX

#endif /* BOARD_BOARD_H */
