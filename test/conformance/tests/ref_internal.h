/* Shared by the reference platform's files: the configuration and each area's pieces. */
#ifndef AXV_CONFORMANCE_REF_INTERNAL_H
#define AXV_CONFORMANCE_REF_INTERNAL_H

#include "ref_platform.h"

extern struct ref_config ref_cfg;

void ref_memory_reset(void);
extern const struct axv_memory_ops ref_memory_ops;

void ref_time_reset(void);
void ref_time_step(void);
void ref_time_stop(void);
extern const struct axv_time_ops ref_time_ops;

void ref_vmm_reset(void);
/* One idle step: in asynchronous mode, posted injections become pending after a few. */
void ref_vmm_step(void);
/* The vmm table, with or without the native inject_interrupt_to_vcpus. */
const struct axv_vmm_ops *ref_vmm_table(bool native_to_vcpus);

/* The host's CPU count (ref_platform.c), which the riscv area's harts follow. */
size_t ref_cpu_num(void);
extern const struct axv_riscv_ops ref_riscv_ops;

#endif /* AXV_CONFORMANCE_REF_INTERNAL_H */
