/*
 * Probe functions for the codegen check (check_codegen.sh): each calls one accessor, so the
 * disassembly of each shows exactly the code an accessor call compiles to.
 *
 * - Tail probes return the accessor's result unchanged, so the call becomes a tail jump:
 *   the whole body must be one load of the slot's function pointer and one indirect jump.
 * - Call probes do something after the call, so it must stay a call: one indirect call
 *   through the slot and no other use of the slot.
 * Neither may test the pointer (no NULL check) or go through the GOT.
 *
 * There is one tail probe per op kind (STATUS, VALUE, FALLBACK, VOID), per area, and per
 * number of arguments (0 to 4). AXV_PROBES at the end lists every probe with the slot
 * member it must use; built with -DAXV_PROBE_PRINT_EXPECTATIONS (hosted), this file
 * prints that list instead, with the members' byte offsets, for the checker.
 *
 * Compiled against a config.h for static binding (codegen.static_accessors), the built-in
 * areas' probes must instead be one direct jump or call to axv_posix_<area>_<op>, and the
 * list says so; the probe area, like every component-defined area, stays dynamic.
 */
#include <axvisor_api/axvisor_api.h>

/* The check's own area, for the VOID kind (see probe_ops.h). */
#define AXV_AREA_OPS <probe_ops.h>
#include <axvisor_api/area_declare.h>

#ifndef AXV_PROBE_PRINT_EXPECTATIONS

/* Tail probes. */
int probe_alloc_frame(axv_paddr_t *frame) {
    return axv_memory_alloc_frame(frame); /* STATUS, 1 argument */
}
int probe_alloc_contiguous_frames(size_t num, size_t align, axv_paddr_t *first) {
    return axv_memory_alloc_contiguous_frames(num, align, first); /* STATUS, 3 arguments */
}
axv_vaddr_t probe_phys_to_virt(axv_paddr_t paddr) {
    return axv_memory_phys_to_virt(paddr); /* VALUE, 1 argument */
}
size_t probe_cpu_num(void) {
    return axv_host_cpu_num(); /* VALUE, no argument */
}
axv_ticks_t probe_current_ticks(void) {
    return axv_time_current_ticks(); /* VALUE, no argument */
}
int probe_register_timer(axv_nanos_t deadline, axv_timer_fn fn, void *arg,
                         axv_timer_token_t *token) {
    return axv_time_register_timer(deadline, fn, arg, token); /* STATUS, 4 arguments */
}
int probe_vcpu_num(axv_vm_id_t vm, size_t *num) {
    return axv_vmm_vcpu_num(vm, num); /* STATUS, 2 arguments */
}
int probe_to_vcpus(axv_vm_id_t vm, uint64_t mask, axv_irq_t irq) {
    return axv_vmm_inject_interrupt_to_vcpus(vm, mask, irq); /* FALLBACK, 3 arguments */
}
uint32_t probe_read_vgicd_typer(void) {
    return axv_gic_read_vgicd_typer(); /* VALUE, 32-bit result */
}
size_t probe_write_bytes(const void *buf, size_t len) {
    return axv_console_write_bytes(buf, len); /* VALUE, 2 arguments */
}
void probe_poke(int code) {
    axv_probe_poke(code); /* VOID, 1 argument */
}

/* Call probes: the result is used, so each accessor call stays a call. */
int probe_alloc_frame_plus1(axv_paddr_t *frame) {
    return axv_memory_alloc_frame(frame) + 1;
}
size_t probe_cpu_num_plus1(void) {
    return axv_host_cpu_num() + 1;
}
int probe_to_vcpus_plus1(axv_vm_id_t vm, uint64_t mask, axv_irq_t irq) {
    return axv_vmm_inject_interrupt_to_vcpus(vm, mask, irq) + 1;
}
int probe_register_timer_plus1(axv_nanos_t deadline, axv_timer_fn fn, void *arg,
                               axv_timer_token_t *token) {
    return axv_time_register_timer(deadline, fn, arg, token) + 1;
}
int probe_poke_then(int code) {
    axv_probe_poke(code);
    return code + 1;
}

#endif /* !AXV_PROBE_PRINT_EXPECTATIONS */

/* X(kind, probe, area, op): the probe must reach op `op` of area `area` through its slot
 * axv_priv_<area>_slot, as a tail jump (kind tail) or as a call (kind call). */
#define AXV_PROBES(X)                                                       \
    X(tail, probe_alloc_frame, memory, alloc_frame)                         \
    X(tail, probe_alloc_contiguous_frames, memory, alloc_contiguous_frames) \
    X(tail, probe_phys_to_virt, memory, phys_to_virt)                       \
    X(tail, probe_cpu_num, host, cpu_num)                                   \
    X(tail, probe_current_ticks, time, current_ticks)                       \
    X(tail, probe_register_timer, time, register_timer)                     \
    X(tail, probe_vcpu_num, vmm, vcpu_num)                                  \
    X(tail, probe_to_vcpus, vmm, inject_interrupt_to_vcpus)                 \
    X(tail, probe_read_vgicd_typer, gic, read_vgicd_typer)                  \
    X(tail, probe_write_bytes, console, write_bytes)                        \
    X(tail, probe_poke, probe, poke)                                        \
    X(call, probe_alloc_frame_plus1, memory, alloc_frame)                   \
    X(call, probe_cpu_num_plus1, host, cpu_num)                             \
    X(call, probe_to_vcpus_plus1, vmm, inject_interrupt_to_vcpus)           \
    X(call, probe_register_timer_plus1, time, register_timer)               \
    X(call, probe_poke_then, probe, poke)

#ifdef AXV_PROBE_PRINT_EXPECTATIONS
#include <stdio.h>

/* Storage for the slots, so that this program links even when a broken header makes the
 * compiler emit accessors out of line. */
#define AXV_EACH_AREA(area) struct axv_##area##_slot axv_priv_##area##_slot;
#include <axvisor_api/each_area.h>
struct axv_probe_slot axv_priv_probe_slot;

#include <string.h>

#define AXV_PROBE_STR2(x) #x
#define AXV_PROBE_STR(x) AXV_PROBE_STR2(x)

/* Whether the area's accessors are bound statically: the built-in areas in a static build
 * (the probe area, defined here, stays dynamic as every component area does). */
static int bound_statically(const char *area) {
#if AXV_BINDING_STATIC
#define AXV_EACH_AREA(name)       \
    if (strcmp(area, #name) == 0) \
        return 1;
#include <axvisor_api/each_area.h>
#else
    (void)area;
#endif
    return 0;
}

/* One line per probe: kind, probe, slot symbol, byte offset of the op in the slot; or, when
 * bound statically, kind-direct, probe, the function called and 0. */
#define AXV_PRINT_PROBE(kind, probe, area, op)                                                   \
    if (bound_statically(#area))                                                                 \
        printf("%s-direct %s %s_%s_%s 0\n", #kind, #probe, AXV_PROBE_STATIC_PREFIX, #area, #op); \
    else                                                                                         \
        printf("%s %s axv_priv_%s_slot %zu\n", #kind, #probe, #area,                             \
               offsetof(struct axv_##area##_slot, ops.op));

#ifdef AXV_STATIC_PREFIX
#define AXV_PROBE_STATIC_PREFIX AXV_PROBE_STR(AXV_STATIC_PREFIX)
#else
#define AXV_PROBE_STATIC_PREFIX ""
#endif

int main(void) {
    AXV_PROBES(AXV_PRINT_PROBE)
    return 0;
}
#endif
