/*
 * boot-table: register tables at boot and call every area.
 *
 * This program plays a tiny platform. It implements every op of the six built-in areas with
 * small but real code (a frame allocator, a monotonic clock, a timer queue, one VM with two
 * vCPUs, a modelled GICv3, a console on stdin/stdout), installs the tables as one
 * struct axv_platform, seals the registry, and then acts as the hypervisor: it calls every
 * accessor through the public API and checks each result against the contract in the op
 * lists (include/axvisor_api/ops/).
 *
 * Single-threaded: the one thread is both the boot CPU and "vCPU 0 of the only VM". Timers
 * therefore have no interrupt to fire from; they fire when the sample calls
 * sample_poll_timers(), as a hypervisor's idle loop would.
 *
 * Exit status 0 when every check passes; 1 with a "FAIL" message otherwise.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <axvisor_api/axvisor_api.h>

#define SAMPLE_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))

/* ------------------------------------------------------------------------------------------
 * Reporting. Everything after installation is printed through the console area, as a
 * hypervisor would; failures go to stderr because the console may be what failed.
 */

SAMPLE_PRINTF(1, 2) static _Noreturn void fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("boot-table: FAIL: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

SAMPLE_PRINTF(1, 2) static void say(const char *fmt, ...) {
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (len < 0 || (size_t)len >= sizeof(line))
        fail("a report line does not fit in %zu bytes", sizeof(line));
    if (axv_console_write_bytes(line, (size_t)len) != (size_t)len)
        fail("console.write_bytes wrote less than %d bytes", len);
}

static void expect(bool ok, const char *what) {
    if (!ok)
        fail("%s", what);
}

static void expect_status(int got, int want, const char *what) {
    if (got != want)
        fail("%s: got %d (%s), want %d (%s)", what, got, axv_strerror(got), want,
             axv_strerror(want));
}

/* ------------------------------------------------------------------------------------------
 * Memory: 1 MiB of "RAM" with a physical base distinct from its virtual address, so that a
 * caller mixing the two up gets caught. Single frames come from a free list, or from the bump
 * pointer when it is empty; contiguous runs are carved from the untouched part above the bump
 * pointer only, which keeps the allocator tiny (a long-running platform would want a buddy
 * allocator instead).
 */

#define RAM_PHYS_BASE ((axv_paddr_t)0x80000000u)
#define RAM_FRAMES 256u
#define RAM_SIZE ((size_t)RAM_FRAMES * AXV_FRAME_SIZE)
#define NO_FRAME SIZE_MAX

static _Alignas(AXV_FRAME_SIZE) unsigned char ram[RAM_SIZE];
/* Frames in the allocation that starts at each frame; 0 where none starts. It is what lets
 * dealloc refuse frames that were never allocated, were already freed, or sit inside a run. */
static size_t alloc_len[RAM_FRAMES];
static size_t free_next[RAM_FRAMES];
static size_t free_head = NO_FRAME;
static size_t bump;

static axv_paddr_t frame_phys(size_t index) {
    return RAM_PHYS_BASE + (axv_paddr_t)index * AXV_FRAME_SIZE;
}

/* Finds the frame index of a frame-aligned address inside RAM. */
static bool frame_index(axv_paddr_t paddr, size_t *index) {
    if (paddr < RAM_PHYS_BASE || paddr - RAM_PHYS_BASE >= RAM_SIZE || paddr % AXV_FRAME_SIZE != 0)
        return false;
    *index = (size_t)((paddr - RAM_PHYS_BASE) / AXV_FRAME_SIZE);
    return true;
}

static void push_free(size_t index) {
    free_next[index] = free_head;
    free_head = index;
}

static int mem_alloc_frame(axv_paddr_t *frame) {
    size_t index;
    if (frame == NULL)
        return AXV_EINVAL;
    if (free_head != NO_FRAME) {
        index = free_head;
        free_head = free_next[index];
    } else if (bump < RAM_FRAMES) {
        index = bump++;
    } else {
        return AXV_ENOMEM;
    }
    alloc_len[index] = 1;
    *frame = frame_phys(index);
    return AXV_OK;
}

static int mem_alloc_contiguous_frames(size_t num_frames, size_t align_bytes, axv_paddr_t *first) {
    if (first == NULL || num_frames == 0 || num_frames > SIZE_MAX / AXV_FRAME_SIZE ||
        (align_bytes & (align_bytes - 1)) != 0)
        return AXV_EINVAL;
    axv_paddr_t align = align_bytes < AXV_FRAME_SIZE ? AXV_FRAME_SIZE : align_bytes;
    /* RAM sits below 4 GiB, so rounding up cannot overflow 64 bits for any size_t alignment. */
    axv_paddr_t start = (frame_phys(bump) + align - 1) & ~(align - 1);
    if (start - RAM_PHYS_BASE >= RAM_SIZE)
        return AXV_ENOMEM;
    size_t start_index = (size_t)((start - RAM_PHYS_BASE) / AXV_FRAME_SIZE);
    if (num_frames > RAM_FRAMES - start_index)
        return AXV_ENOMEM;
    /* Frames skipped to reach the alignment stay usable as single frames. */
    for (size_t i = bump; i < start_index; i++)
        push_free(i);
    bump = start_index + num_frames;
    alloc_len[start_index] = num_frames;
    *first = start;
    return AXV_OK;
}

static int mem_dealloc_contiguous_frames(axv_paddr_t first, size_t num_frames) {
    size_t index;
    if (num_frames == 0 || !frame_index(first, &index) || alloc_len[index] != num_frames)
        return AXV_EINVAL;
    alloc_len[index] = 0;
    for (size_t i = 0; i < num_frames; i++)
        push_free(index + i);
    return AXV_OK;
}

static int mem_dealloc_frame(axv_paddr_t frame) {
    return mem_dealloc_contiguous_frames(frame, 1);
}

/* Translation cannot return an error, so a bad address is fatal, as the op list requires. */
static char fatal_message[128];

static axv_vaddr_t mem_phys_to_virt(axv_paddr_t paddr) {
    if (paddr < RAM_PHYS_BASE || paddr - RAM_PHYS_BASE >= RAM_SIZE) {
        snprintf(fatal_message, sizeof(fatal_message),
                 "memory.phys_to_virt: 0x%" PRIx64 " is outside the sample's RAM", paddr);
        axv_fatal(fatal_message);
    }
    return (axv_vaddr_t)(uintptr_t)ram + (axv_vaddr_t)(paddr - RAM_PHYS_BASE);
}

static axv_paddr_t mem_virt_to_phys(axv_vaddr_t vaddr) {
    axv_vaddr_t ram_start = (axv_vaddr_t)(uintptr_t)ram;
    if (vaddr < ram_start || vaddr - ram_start >= RAM_SIZE) {
        snprintf(fatal_message, sizeof(fatal_message),
                 "memory.virt_to_phys: 0x%" PRIxPTR " is outside the sample's RAM", vaddr);
        axv_fatal(fatal_message);
    }
    return RAM_PHYS_BASE + (axv_paddr_t)(vaddr - ram_start);
}

static const struct axv_memory_ops memory_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_memory_ops),
    .alloc_frame = mem_alloc_frame,
    .alloc_contiguous_frames = mem_alloc_contiguous_frames,
    .dealloc_frame = mem_dealloc_frame,
    .dealloc_contiguous_frames = mem_dealloc_contiguous_frames,
    .phys_to_virt = mem_phys_to_virt,
    .virt_to_phys = mem_virt_to_phys,
};

/* ------------------------------------------------------------------------------------------
 * Time: CLOCK_MONOTONIC presented as a 62.5 MHz counter (the frequency of many Arm generic
 * timers). Conversions scale whole seconds and the sub-second rest separately: the rest times
 * the frequency stays far below 2^64, where the full value times the frequency would not, so
 * no 128-bit arithmetic is needed. Both round down, as the op list requires.
 */

#define CLOCK_HZ UINT64_C(62500000)
#define NANOS_PER_SEC UINT64_C(1000000000)

static axv_ticks_t time_nanos_to_ticks(axv_nanos_t nanos) {
    return nanos / NANOS_PER_SEC * CLOCK_HZ + nanos % NANOS_PER_SEC * CLOCK_HZ / NANOS_PER_SEC;
}

static axv_nanos_t time_ticks_to_nanos(axv_ticks_t ticks) {
    return ticks / CLOCK_HZ * NANOS_PER_SEC + ticks % CLOCK_HZ * NANOS_PER_SEC / CLOCK_HZ;
}

static axv_nanos_t monotonic_nanos(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        axv_fatal("time: clock_gettime(CLOCK_MONOTONIC) failed");
    return (axv_nanos_t)ts.tv_sec * NANOS_PER_SEC + (axv_nanos_t)ts.tv_nsec;
}

static axv_ticks_t time_current_ticks(void) {
    return time_nanos_to_ticks(monotonic_nanos());
}

/* Timers: a small array kept sorted by deadline (equal deadlines in arming order). */
#define MAX_TIMERS 8

struct sample_timer {
    axv_nanos_t deadline;
    axv_timer_fn fn;
    void *arg;
    axv_timer_token_t token;
};

static struct sample_timer timers[MAX_TIMERS];
static size_t num_timers;
static axv_timer_token_t next_token = 1;

static void remove_timer(size_t index) {
    memmove(&timers[index], &timers[index + 1], (num_timers - index - 1) * sizeof(timers[0]));
    num_timers--;
}

static int time_register_timer(axv_nanos_t deadline_ns, axv_timer_fn fn, void *arg,
                               axv_timer_token_t *token) {
    if (fn == NULL || token == NULL)
        return AXV_EINVAL;
    if (num_timers == MAX_TIMERS)
        return AXV_ENOMEM;
    size_t pos = num_timers;
    while (pos > 0 && timers[pos - 1].deadline > deadline_ns) {
        timers[pos] = timers[pos - 1];
        pos--;
    }
    timers[pos] = (struct sample_timer){deadline_ns, fn, arg, next_token};
    num_timers++;
    *token = next_token++;
    return AXV_OK;
}

static int time_cancel_timer(axv_timer_token_t token) {
    for (size_t i = 0; i < num_timers; i++) {
        if (timers[i].token == token) {
            remove_timer(i);
            return AXV_OK;
        }
    }
    return AXV_ENOENT;
}

/* Runs every timer whose deadline has passed and returns how many ran. Each is dequeued
 * before its callback runs, so the callback may arm new timers, and cancelling it from then
 * on reports AXV_ENOENT, as the contract says. */
static size_t sample_poll_timers(void) {
    size_t fired = 0;
    while (num_timers > 0) {
        axv_nanos_t now = monotonic_nanos();
        if (timers[0].deadline > now)
            break;
        struct sample_timer due = timers[0];
        remove_timer(0);
        due.fn(due.arg, now);
        fired++;
    }
    return fired;
}

static const struct axv_time_ops time_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_time_ops),
    .current_ticks = time_current_ticks,
    .ticks_to_nanos = time_ticks_to_nanos,
    .nanos_to_ticks = time_nanos_to_ticks,
    .register_timer = time_register_timer,
    .cancel_timer = time_cancel_timer,
};

/* ------------------------------------------------------------------------------------------
 * VMM: one VM with two vCPUs, both running. Injecting an interrupt sets its INTID in the
 * target vCPU's pending bitmap, which is what a real VMM's virtual GIC would then deliver.
 * inject_interrupt_to_vcpus is left out on purpose: the library's fallback covers it.
 */

#define SAMPLE_VM_ID ((axv_vm_id_t)1)
#define SAMPLE_NUM_VCPUS 2u
/* SGIs 0-15, PPIs 16-31 and the 64 SPIs the modelled distributor has. */
#define SAMPLE_NUM_INTIDS 96u
#define VTIMER_PPI 27u

static uint64_t pending[SAMPLE_NUM_VCPUS][(SAMPLE_NUM_INTIDS + 63) / 64];

static void mark_pending(axv_vcpu_id_t vcpu, axv_irq_t irq) {
    pending[vcpu][irq / 64] |= UINT64_C(1) << (irq % 64);
}

static bool is_pending(axv_vcpu_id_t vcpu, axv_irq_t irq) {
    return ((pending[vcpu][irq / 64] >> (irq % 64)) & 1u) != 0;
}

static bool vcpu_exists(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id) {
    return vm_id == SAMPLE_VM_ID && vcpu_id < SAMPLE_NUM_VCPUS;
}

/* Outside any vCPU context, which is always here, the sample answers vCPU 0 of its VM. */
static axv_vm_id_t vmm_current_vm_id(void) {
    return SAMPLE_VM_ID;
}

static axv_vcpu_id_t vmm_current_vcpu_id(void) {
    return 0;
}

static int vmm_vcpu_num(axv_vm_id_t vm_id, size_t *num) {
    if (vm_id != SAMPLE_VM_ID)
        return AXV_ENOENT;
    if (num == NULL)
        return AXV_EINVAL;
    *num = SAMPLE_NUM_VCPUS;
    return AXV_OK;
}

static int vmm_active_vcpus(axv_vm_id_t vm_id, uint64_t *mask) {
    if (vm_id != SAMPLE_VM_ID)
        return AXV_ENOENT;
    if (mask == NULL)
        return AXV_EINVAL;
    *mask = (UINT64_C(1) << SAMPLE_NUM_VCPUS) - 1;
    return AXV_OK;
}

static int vmm_inject_interrupt(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id, axv_irq_t irq) {
    if (!vcpu_exists(vm_id, vcpu_id))
        return AXV_ENOENT;
    if (irq >= SAMPLE_NUM_INTIDS)
        return AXV_EINVAL;
    mark_pending(vcpu_id, irq);
    return AXV_OK;
}

static int vmm_notify_vcpu_timer_expired(axv_vm_id_t vm_id, axv_vcpu_id_t vcpu_id) {
    return vmm_inject_interrupt(vm_id, vcpu_id, VTIMER_PPI);
}

static const struct axv_vmm_ops vmm_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_vmm_ops),
    .current_vm_id = vmm_current_vm_id,
    .current_vcpu_id = vmm_current_vcpu_id,
    .vcpu_num = vmm_vcpu_num,
    .active_vcpus = vmm_active_vcpus,
    .inject_interrupt = vmm_inject_interrupt,
    .inject_interrupt_to_vcpus = NULL,
    .notify_vcpu_timer_expired = vmm_notify_vcpu_timer_expired,
};

/* ------------------------------------------------------------------------------------------
 * Host: the CPUs this process may run on.
 */

static size_t host_cpu_num(void) {
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? (size_t)online : 1;
}

static const struct axv_host_ops host_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_host_ops),
    .cpu_num = host_cpu_num,
};

/* Only for showing that registration is closed after sealing. */
static size_t late_host_cpu_num(void) {
    return 1;
}

static const struct axv_host_ops late_host_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_host_ops),
    .cpu_num = late_host_cpu_num,
};

/* ------------------------------------------------------------------------------------------
 * Arch: a modelled GICv3 at the QEMU "virt" machine's addresses. GICD_TYPER.ITLinesNumber
 * (bits 4:0) is N for 32 * (N + 1) INTIDs, so 2 covers the 32 private INTIDs and 64 SPIs;
 * CPUNumber (bits 7:5) is the vCPU count minus one; IDbits (bits 23:19) is INTID bits minus
 * one, here 10 bits. GICD_IIDR names Arm (JEP106 0x43B) as implementer.
 */

#define GICD_BASE ((axv_paddr_t)0x08000000u)
#define GICR_BASE ((axv_paddr_t)0x080A0000u)
#define GICD_TYPER_IT_LINES(spis) ((((spis) + 32u) / 32u - 1u) & 0x1Fu)
#define GICD_TYPER                                                                              \
    ((uint32_t)(GICD_TYPER_IT_LINES(SAMPLE_NUM_INTIDS - 32u) | ((SAMPLE_NUM_VCPUS - 1u) << 5) | \
                (9u << 19)))
#define GICD_IIDR UINT32_C(0x0000043B)

/* The caller runs vCPU 0 (see vmm_current_vcpu_id), so "this CPU's list registers" are
 * vCPU 0's. */
static int arch_hardware_inject_virtual_interrupt(axv_irq_t irq) {
    if (irq >= SAMPLE_NUM_INTIDS)
        return AXV_EINVAL;
    mark_pending(0, irq);
    return AXV_OK;
}

static uint32_t arch_read_vgicd_typer(void) {
    return GICD_TYPER;
}

static uint32_t arch_read_vgicd_iidr(void) {
    return GICD_IIDR;
}

static axv_paddr_t arch_host_gicd_base(void) {
    return GICD_BASE;
}

static axv_paddr_t arch_host_gicr_base(void) {
    return GICR_BASE;
}

static const struct axv_arch_ops arch_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_arch_ops),
    .hardware_inject_virtual_interrupt = arch_hardware_inject_virtual_interrupt,
    .read_vgicd_typer = arch_read_vgicd_typer,
    .read_vgicd_iidr = arch_read_vgicd_iidr,
    .host_gicd_base = arch_host_gicd_base,
    .host_gicr_base = arch_host_gicr_base,
};

/* ------------------------------------------------------------------------------------------
 * Console: stdout and stdin.
 */

static size_t console_write_bytes(const void *buf, size_t len) {
    const unsigned char *bytes = buf;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(STDOUT_FILENO, bytes + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    return done;
}

/* poll() with no timeout instead of O_NONBLOCK: the flag would belong to the open file
 * description, which a terminal's stdin shares with the shell. */
static size_t console_read_bytes(void *buf, size_t len) {
    struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
    if (len == 0 || poll(&pfd, 1, 0) != 1 || (pfd.revents & POLLIN) == 0)
        return 0;
    ssize_t n = read(STDIN_FILENO, buf, len);
    return n > 0 ? (size_t)n : 0;
}

static const struct axv_console_ops console_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_console_ops),
    .write_bytes = console_write_bytes,
    .read_bytes = console_read_bytes,
};

static const struct axv_platform platform = {
    .name = "boot-table",
    .memory = &memory_ops,
    .time = &time_ops,
    .vmm = &vmm_ops,
    .host = &host_ops,
    .arch = &arch_ops,
    .console = &console_ops,
};

/* ==========================================================================================
 * The hypervisor side: from here on, the platform is reached only through the public API.
 */

/* Boot: install every table at once, seal, and show that the registry is closed. */
static void boot(void) {
    int rc = axv_platform_install(&platform);
    if (rc != AXV_OK) {
        const char *area = NULL;
        axv_platform_validate(&platform, &area);
        fail("axv_platform_install: %s (area %s)", axv_strerror(rc), area ? area : "?");
    }
    say("boot-table: platform \"%s\" installed\n", platform.name);

    /* A port that cannot write-protect memory reports AXV_ENOSYS but still closes
     * registration; the hosted build's port uses mprotect() and reports AXV_OK. */
    rc = axv_api_seal();
    say("boot-table: axv_api_seal: %s\n", axv_strerror(rc));
    expect(rc == AXV_OK || rc == AXV_ENOSYS, "axv_api_seal failed");
    expect(axv_api_is_sealed(), "axv_api_is_sealed() is false after sealing");

    rc = axv_host_register(&late_host_ops);
    expect_status(rc, AXV_EPERM, "axv_host_register after sealing");
    say("boot-table: late axv_host_register: %s\n", axv_strerror(rc));
    expect_status(axv_platform_install(&platform), AXV_EPERM, "axv_platform_install after sealing");
}

/* Every op of every area comes from the platform, except vmm.inject_interrupt_to_vcpus,
 * which this platform leaves to the library's fallback. The descriptors make this one loop. */
static void check_implemented(void) {
    size_t platform_ops = 0, all_ops = 0;
    for (size_t i = 0; i < axv_api_area_count(); i++) {
        const struct axv_area_desc *area = axv_api_area(i);
        uint64_t want = area->num_ops == 64 ? UINT64_MAX : (UINT64_C(1) << area->num_ops) - 1;
        if (area == &axv_vmm_area)
            want &= ~(UINT64_C(1) << axv_vmm_op_inject_interrupt_to_vcpus);
        if (area->state->implemented != want)
            fail("area %s: implemented mask 0x%" PRIx64 ", want 0x%" PRIx64, area->name,
                 area->state->implemented, want);
        for (size_t op = 0; op < area->num_ops; op++)
            platform_ops += (want >> op) & 1u;
        all_ops += area->num_ops;
    }
    expect(!axv_vmm_implements(axv_vmm_op_inject_interrupt_to_vcpus),
           "vmm.inject_interrupt_to_vcpus reported as implemented");
    say("registry: %zu areas, %zu of %zu ops from the platform, "
        "vmm.inject_interrupt_to_vcpus from the library's fallback\n",
        axv_api_area_count(), platform_ops, all_ops);
}

/* The fatal handler of a child process: the exit status says whether the expected op
 * reported the failure. */
static const char *fatal_expected_op;

static void exit_on_fatal(const char *message) {
    _exit(strstr(message, fatal_expected_op) != NULL ? 42 : 43);
}

/* Runs @p probe in a child process and tells whether it ended in axv_fatal() naming @p op;
 * a fork keeps the fatal stop from ending the sample itself. */
static bool is_fatal(void (*probe)(void), const char *op) {
    pid_t pid = fork();
    if (pid < 0)
        fail("fork: %s", strerror(errno));
    if (pid == 0) {
        fatal_expected_op = op;
        axv_set_fatal_handler(exit_on_fatal);
        probe();
        _exit(0);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            fail("waitpid: %s", strerror(errno));
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 42;
}

static void phys_to_virt_past_ram(void) {
    (void)axv_memory_phys_to_virt(RAM_PHYS_BASE + RAM_SIZE);
}

static void virt_to_phys_of_stack(void) {
    int on_stack = 0;
    (void)axv_memory_virt_to_phys((axv_vaddr_t)(uintptr_t)&on_stack);
}

static bool is_ram_frame(axv_paddr_t paddr) {
    return paddr >= RAM_PHYS_BASE && paddr - RAM_PHYS_BASE < RAM_SIZE &&
           paddr % AXV_FRAME_SIZE == 0;
}

static void exercise_memory(void) {
    axv_paddr_t a = 0, b = 0, c = 0, run = 0;

    expect_status(axv_memory_alloc_frame(&a), AXV_OK, "alloc_frame a");
    expect_status(axv_memory_alloc_frame(&b), AXV_OK, "alloc_frame b");
    expect(is_ram_frame(a) && is_ram_frame(b) && a != b, "two distinct frames in RAM");
    expect_status(axv_memory_alloc_frame(NULL), AXV_EINVAL, "alloc_frame(NULL)");

    expect_status(axv_memory_dealloc_frame(b), AXV_OK, "dealloc_frame b");
    expect_status(axv_memory_dealloc_frame(b), AXV_EINVAL, "double dealloc_frame b");
    expect_status(axv_memory_alloc_frame(&c), AXV_OK, "alloc_frame c");
    expect(c == b, "a freed frame is reused first");
    expect_status(axv_memory_dealloc_frame(RAM_PHYS_BASE + RAM_SIZE - AXV_FRAME_SIZE), AXV_EINVAL,
                  "dealloc_frame of a never-allocated frame");
    expect_status(axv_memory_dealloc_frame(a + 8), AXV_EINVAL, "dealloc_frame misaligned");
    expect_status(axv_memory_dealloc_frame(0x1000), AXV_EINVAL, "dealloc_frame foreign");

    const size_t run_frames = 4, run_align = 16 * 1024;
    expect_status(axv_memory_alloc_contiguous_frames(run_frames, run_align, &run), AXV_OK,
                  "alloc_contiguous_frames(4, 16 KiB)");
    expect(is_ram_frame(run) && run % run_align == 0, "the run is in RAM and 16 KiB aligned");
    expect_status(axv_memory_alloc_contiguous_frames(0, 0, &run), AXV_EINVAL, "a run of 0 frames");
    expect_status(axv_memory_alloc_contiguous_frames(1, 12 * 1024, &run), AXV_EINVAL,
                  "alignment not a power of two");
    expect_status(axv_memory_alloc_contiguous_frames(SIZE_MAX, 0, &run), AXV_EINVAL,
                  "a run whose size overflows");
    expect_status(axv_memory_alloc_contiguous_frames(RAM_FRAMES, 0, &run), AXV_ENOMEM,
                  "a run larger than what is left");

    /* Write through the virtual mapping of the run's last frame and translate back. */
    axv_paddr_t last = run + (run_frames - 1) * AXV_FRAME_SIZE;
    axv_vaddr_t vlast = axv_memory_phys_to_virt(last);
    expect(vlast != (axv_vaddr_t)last, "virtual and physical addresses differ");
    memset((void *)vlast, 0xA5, AXV_FRAME_SIZE);
    expect(axv_memory_virt_to_phys(vlast + 100) == last + 100, "virt_to_phys(phys_to_virt(p))");
    expect(*(unsigned char *)axv_memory_phys_to_virt(last + AXV_FRAME_SIZE - 1) == 0xA5,
           "a byte written through the mapping reads back");

    expect_status(axv_memory_dealloc_frame(run), AXV_EINVAL, "dealloc_frame of a run's head");
    expect_status(axv_memory_dealloc_contiguous_frames(run, run_frames - 1), AXV_EINVAL,
                  "dealloc_contiguous_frames with the wrong length");
    expect_status(axv_memory_dealloc_contiguous_frames(run, run_frames), AXV_OK,
                  "dealloc_contiguous_frames");
    expect_status(axv_memory_dealloc_contiguous_frames(run, run_frames), AXV_EINVAL,
                  "double dealloc_contiguous_frames");
    expect_status(axv_memory_dealloc_frame(a), AXV_OK, "dealloc_frame a");
    expect_status(axv_memory_dealloc_frame(c), AXV_OK, "dealloc_frame c");

    expect(is_fatal(phys_to_virt_past_ram, "phys_to_virt"), "phys_to_virt outside RAM is fatal");
    expect(is_fatal(virt_to_phys_of_stack, "virt_to_phys"), "virt_to_phys outside RAM is fatal");

    say("memory: frames 0x%" PRIx64 " 0x%" PRIx64 " (freed one reused), 4-frame run at 0x%" PRIx64
        " (16 KiB aligned), phys 0x%" PRIx64 " = virt 0x%" PRIxPTR
        ", bad frees refused, unmapped addresses fatal\n",
        a, b, run, last, vlast);
}

struct timer_probe {
    axv_vcpu_id_t vcpu;
    axv_nanos_t deadline;
    int fired;
    axv_nanos_t ran_at;
    int notify_rc;
};

/* What a platform timer callback typically does: tell the VMM that a vCPU's virtual timer
 * expired, so that the vCPU gets its timer interrupt. */
static void on_timer(void *arg, axv_nanos_t now_ns) {
    struct timer_probe *probe = arg;
    probe->fired++;
    probe->ran_at = now_ns;
    probe->notify_rc = axv_vmm_notify_vcpu_timer_expired(SAMPLE_VM_ID, probe->vcpu);
}

static void exercise_time(void) {
    expect(axv_time_ticks_to_nanos(CLOCK_HZ) == NANOS_PER_SEC, "one second of ticks");
    expect(axv_time_nanos_to_ticks(NANOS_PER_SEC) == CLOCK_HZ, "one second of nanoseconds");
    expect(axv_time_nanos_to_ticks(15) == 0 && axv_time_nanos_to_ticks(16) == 1,
           "nanos_to_ticks rounds down (one tick is 16 ns)");
    /* Far beyond what a naive ticks * 10^9 could hold in 64 bits. */
    const axv_ticks_t big = UINT64_C(0x0123456789ABCDE);
    expect(axv_time_ticks_to_nanos(big) == big * 16, "ticks_to_nanos of a large count");
    expect(axv_time_nanos_to_ticks(big * 16) == big, "nanos_to_ticks of a large time");

    axv_ticks_t t1 = axv_time_current_ticks();
    axv_nanos_t before = monotonic_nanos();
    axv_nanos_t now = axv_time_current_nanos();
    axv_nanos_t after = monotonic_nanos();
    axv_ticks_t t2 = axv_time_current_ticks();
    expect(t1 <= t2, "current_ticks never decreases");
    expect(now + 16 > before && now <= after, "current_nanos follows CLOCK_MONOTONIC");

    struct timer_probe kept = {.vcpu = 1, .deadline = now + 5000000};
    struct timer_probe cancelled = {.vcpu = 0, .deadline = now + 2000000};
    axv_timer_token_t kept_token = 0, cancelled_token = 0, unused = 0;
    expect_status(axv_time_register_timer(kept.deadline, on_timer, &kept, &kept_token), AXV_OK,
                  "register_timer (5 ms)");
    expect_status(
        axv_time_register_timer(cancelled.deadline, on_timer, &cancelled, &cancelled_token), AXV_OK,
        "register_timer (2 ms)");
    expect(kept_token != 0 && cancelled_token != 0 && kept_token != cancelled_token,
           "timer tokens are distinct and not 0");
    expect_status(axv_time_register_timer(now, NULL, NULL, &unused), AXV_EINVAL,
                  "register_timer with no callback");
    expect_status(axv_time_register_timer(now, on_timer, &kept, NULL), AXV_EINVAL,
                  "register_timer with no token");

    expect_status(axv_time_cancel_timer(cancelled_token), AXV_OK, "cancel_timer");
    expect_status(axv_time_cancel_timer(cancelled_token), AXV_ENOENT, "cancel_timer twice");

    /* The idle loop: poll, sleep a little, give up after a second. */
    const struct timespec nap = {0, 200000};
    while (kept.fired == 0) {
        sample_poll_timers();
        if (axv_time_current_nanos() > now + NANOS_PER_SEC)
            fail("the 5 ms timer did not fire within a second");
        nanosleep(&nap, NULL);
    }
    sample_poll_timers();
    expect(kept.fired == 1, "the armed timer fired once");
    expect(cancelled.fired == 0, "the cancelled timer never fired");
    expect(kept.ran_at >= kept.deadline, "the timer did not fire early");
    expect_status(kept.notify_rc, AXV_OK, "notify_vcpu_timer_expired from the callback");
    expect_status(axv_time_cancel_timer(kept_token), AXV_ENOENT, "cancel_timer after it ran");

    say("time: %" PRIu64 " ticks at 62.5 MHz = %" PRIu64 " ns; 1 s = %" PRIu64
        " ticks; timer %" PRIu64 " cancelled, timer %" PRIu64 " fired %" PRIu64
        " us after arming\n",
        t2, axv_time_ticks_to_nanos(t2), axv_time_nanos_to_ticks(NANOS_PER_SEC), cancelled_token,
        kept_token, (kept.ran_at - now) / 1000);
}

static void exercise_vmm(void) {
    axv_vm_id_t vm = axv_vmm_current_vm_id();
    axv_vcpu_id_t vcpu = axv_vmm_current_vcpu_id();
    expect(vm == SAMPLE_VM_ID && vcpu == 0, "the boot thread runs as vCPU 0 of the VM");

    size_t num = 0, current_num = 0;
    uint64_t active = 0, current_active = 0;
    expect_status(axv_vmm_vcpu_num(vm, &num), AXV_OK, "vcpu_num");
    expect_status(axv_vmm_current_vm_vcpu_num(&current_num), AXV_OK, "current_vm_vcpu_num");
    expect(num == SAMPLE_NUM_VCPUS && current_num == num, "two vCPUs");
    expect_status(axv_vmm_vcpu_num(vm + 1, &num), AXV_ENOENT, "vcpu_num of an unknown VM");
    expect_status(axv_vmm_vcpu_num(vm, NULL), AXV_EINVAL, "vcpu_num(NULL)");
    expect_status(axv_vmm_active_vcpus(vm, &active), AXV_OK, "active_vcpus");
    expect_status(axv_vmm_current_vm_active_vcpus(&current_active), AXV_OK,
                  "current_vm_active_vcpus");
    expect(active == 0x3 && current_active == active, "both vCPUs active");
    expect_status(axv_vmm_active_vcpus(vm + 1, &active), AXV_ENOENT, "active_vcpus unknown VM");

    const axv_irq_t spi_one = 35, spi_all = 40;
    expect_status(axv_vmm_inject_interrupt(vm, 1, spi_one), AXV_OK, "inject_interrupt");
    expect(is_pending(1, spi_one) && !is_pending(0, spi_one), "pending on vCPU 1 only");
    expect_status(axv_vmm_inject_interrupt(vm, SAMPLE_NUM_VCPUS, spi_one), AXV_ENOENT,
                  "inject_interrupt to a vCPU that does not exist");
    expect_status(axv_vmm_inject_interrupt(vm, 0, SAMPLE_NUM_INTIDS), AXV_EINVAL,
                  "inject_interrupt of an INTID past the last SPI");

    /* The platform has no inject_interrupt_to_vcpus: this goes through the fallback, which
     * calls inject_interrupt once per selected vCPU. */
    expect_status(axv_vmm_inject_interrupt_to_vcpus(vm, 0x3, spi_all), AXV_OK,
                  "inject_interrupt_to_vcpus");
    expect(is_pending(0, spi_all) && is_pending(1, spi_all), "pending on both vCPUs");
    expect_status(axv_vmm_inject_interrupt_to_vcpus(vm, 0x5, spi_all + 1), AXV_ENOENT,
                  "inject_interrupt_to_vcpus including a vCPU that does not exist");
    expect(is_pending(0, spi_all + 1), "the fallback still delivered to the vCPU that exists");

    expect(is_pending(1, VTIMER_PPI) && !is_pending(0, VTIMER_PPI),
           "the timer callback's PPI 27 is pending on vCPU 1 only");
    expect_status(axv_vmm_notify_vcpu_timer_expired(vm, SAMPLE_NUM_VCPUS), AXV_ENOENT,
                  "notify_vcpu_timer_expired of a vCPU that does not exist");

    say("vmm: VM %zu vCPU %zu current; %zu vCPUs, active 0x%" PRIx64 "; SPI %" PRIu32
        " on vCPU 1; SPI %" PRIu32 " on 0x3 via fallback; timer PPI %u on vCPU 1\n",
        vm, vcpu, num, active, spi_one, spi_all, VTIMER_PPI);
}

static void exercise_host(void) {
    size_t cpus = axv_host_cpu_num();
    expect(cpus >= 1 && cpus == host_cpu_num(), "cpu_num is the number of online CPUs");
    say("host: %zu CPUs online\n", cpus);
}

static void exercise_arch(void) {
    const axv_irq_t irq = 33;
    expect_status(axv_arch_hardware_inject_virtual_interrupt(irq), AXV_OK,
                  "hardware_inject_virtual_interrupt");
    expect(is_pending(0, irq) && !is_pending(1, irq), "injected into vCPU 0 only");
    expect_status(axv_arch_hardware_inject_virtual_interrupt(1020), AXV_EINVAL,
                  "hardware_inject_virtual_interrupt of a special INTID");

    uint32_t typer = axv_arch_read_vgicd_typer();
    uint32_t iidr = axv_arch_read_vgicd_iidr();
    axv_paddr_t gicd = axv_arch_host_gicd_base();
    axv_paddr_t gicr = axv_arch_host_gicr_base();
    unsigned spis = 32u * ((typer & 0x1Fu) + 1u) - 32u;
    expect(spis == 64, "GICD_TYPER.ITLinesNumber describes 64 SPIs");
    expect(((typer >> 5) & 0x7u) + 1u == SAMPLE_NUM_VCPUS, "GICD_TYPER.CPUNumber");
    expect(iidr == GICD_IIDR, "GICD_IIDR");
    expect(gicd == GICD_BASE && gicr == GICR_BASE, "GIC base addresses");

    say("arch: GICD 0x%08" PRIx64 ", GICR 0x%08" PRIx64 ", TYPER 0x%08" PRIx32
        " (%u SPIs), IIDR 0x%08" PRIx32 "; INTID %" PRIu32 " in vCPU 0's list registers\n",
        gicd, gicr, typer, spis, iidr, irq);
}

static void exercise_console(void) {
    char input[64];
    expect(axv_console_write_bytes(NULL, 0) == 0, "write_bytes of nothing");
    size_t got = axv_console_read_bytes(input, sizeof(input));
    expect(got <= sizeof(input), "read_bytes stays within the buffer");
    /* This line itself goes out through write_bytes, and say() checks its length. */
    say("console: stdout via write_bytes, %zu bytes ready on stdin via read_bytes\n", got);
}

int main(void) {
    boot();
    check_implemented();
    exercise_memory();
    exercise_time();
    exercise_vmm();
    exercise_host();
    exercise_arch();
    exercise_console();
    say("boot-table: all areas OK\n");
    return 0;
}
