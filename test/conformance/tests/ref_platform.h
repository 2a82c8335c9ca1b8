/*
 * A small, single-threaded reference platform for the conformance suite's host tests, and
 * faults that break one behaviour each. Frames come from a static array behind a fake
 * physical base; the clock is simulated and advances when the suite idles (or, in
 * self-clocked mode, on every read); timers sit in a sorted list fired as the clock moves;
 * two VMs keep pending-interrupt bitmaps; the console captures into a buffer.
 */
#ifndef AXV_CONFORMANCE_REF_PLATFORM_H
#define AXV_CONFORMANCE_REF_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <axvisor_api/axvisor_api.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What the reference platform gets wrong, if anything. */
enum ref_fault {
    REF_FAULT_NONE,
    REF_FAULT_MISALIGNED_FRAMES,           /* RAM base 0x100 past a frame boundary */
    REF_FAULT_CONTIGUOUS_IGNORES_ALIGN,    /* alloc_contiguous_frames ignores align_bytes */
    REF_FAULT_FRAMES_OVERLAP_RUNS,         /* alloc_frame hands out frames inside runs */
    REF_FAULT_DOUBLE_FREE_ACCEPTED,        /* dealloc_frame accepts a free frame */
    REF_FAULT_TIMER_FIRES_EARLY,           /* timers fire 1 ms before their deadline */
    REF_FAULT_TIMER_EARLY_CLAIMS_ON_TIME,  /* ... and pass their deadline as now_ns */
    REF_FAULT_TIMERS_FIRE_IN_ARMING_ORDER, /* timers due together fire in arming order */
    REF_FAULT_CANCEL_DOES_NOT_CANCEL,      /* cancel_timer says AXV_OK, the timer still fires */
    REF_FAULT_CANCEL_AFTER_FIRE_OK,        /* cancel_timer of a fired timer says AXV_OK */
    REF_FAULT_TIMERS_NEVER_FIRE,           /* register_timer queues, nothing ever fires */
    REF_FAULT_INJECT_LOSES_IRQ,            /* inject_interrupt says AXV_OK, nothing pending */
    REF_FAULT_CONSOLE_WRITES_SHORT,        /* write_bytes writes at most 16 bytes */
    REF_FAULT_BAD_VM_NOT_ENOENT,           /* vcpu_num of an unknown VM: AXV_OK, 0 vCPUs */
    REF_FAULT_TICKS_GO_BACKWARDS,          /* repeated reads between clock steps go back a tick */
    REF_FAULT_REMOTE_INJECT_LOST,          /* injecting into a vCPU but 0 says AXV_OK, loses it */
    REF_FAULT_IMSIC_FILES_ALIAS,           /* every IMSIC file of a hart at one address */
    REF_FAULT_FENCE_ACCEPTS_ANY_CPU,       /* remote fences accept CPUs beyond cpu_num */
    REF_FAULT_COUNT
};

/* What inject_interrupt does with a shared INTID (an SPI, 32 and up). */
enum ref_spi_mode {
    REF_SPI_TO_VCPU, /* delivered to the vCPU named, as a per-vCPU INTID */
    REF_SPI_BY_VGIC, /* delivered to the VM's last vCPU, where its "guest" routes SPIs */
    REF_SPI_REFUSED, /* AXV_EINVAL */
    REF_SPI_TO_ALL   /* broken: delivered to every vCPU at once */
};

struct ref_config {
    enum ref_fault fault;
    bool without_vmm;       /* install no vmm table */
    bool fallback_to_vcpus; /* leave inject_interrupt_to_vcpus to the library fallback */
    enum ref_spi_mode spi_mode;
    bool async_inject; /* injection into a vCPU but 0 is pending only a few idle steps
                          after the call returns (simulated clock only) */
    bool self_clocked; /* the clock steps (and timers fire) on every clock read */
    bool threaded;     /* real clock; timers fire on a service thread */
    /* Host stalls, as a loaded machine causes them; not faults. */
    axv_nanos_t arm_stall_ns;  /* register_timer returns this much later (simulated: the
                                  clock jumps and due timers fire; threaded: it sleeps) */
    axv_nanos_t idle_stall_ns; /* simulated: every 64th idle step jumps this much further */
};

/* Resets the platform's state and installs its tables (after resetting every area). */
int ref_platform_install(const struct ref_config *config);
/* Stops the threaded mode's service thread, if one runs. */
void ref_platform_stop(void);

/* The idle hook: advances the clock one step, fires due timers and moves asynchronous
 * injections along. */
void ref_idle(void *ctx);
/* The irq_pending hook: tests and clears the pending bit. */
bool ref_irq_pending(void *ctx, axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, axv_irq_t irq);

/* What the console received (NUL-terminated). */
const char *ref_console_output(void);
/* Frames of RAM, and how many are free now. */
size_t ref_ram_frames(void);
size_t ref_free_frames(void);
/* Timers armed now. */
size_t ref_armed_timers(void);

/* The VMs: VM 0 has 3 vCPUs (0 and 1 active), VM 1 has 1. */
#define REF_VM0_VCPUS 3u
#define REF_VM1_VCPUS 1u

#ifdef __cplusplus
}
#endif

#endif /* AXV_CONFORMANCE_REF_PLATFORM_H */
