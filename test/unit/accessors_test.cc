// Every accessor reaches the registered op with its arguments unchanged and returns the
// op's result unchanged. Results are distinctive values so a default cannot pass for them.
#include "test_support.h"

namespace {

class Accessors : public RegistryTest {};

// --- memory ---
TEST_F(Accessors, MemoryAllocFrame) {
    static axv_paddr_t *seen;
    auto ops = empty_table<axv_memory_ops>();
    ops.alloc_frame = [](axv_paddr_t *frame) {
        seen = frame;
        *frame = 0x80004000u;
        return AXV_EBUSY;
    };
    ASSERT_EQ(axv_memory_register(&ops), AXV_OK);
    axv_paddr_t frame = 0;
    EXPECT_EQ(axv_memory_alloc_frame(&frame), AXV_EBUSY);
    EXPECT_EQ(seen, &frame);
    EXPECT_EQ(frame, 0x80004000u);
}

TEST_F(Accessors, MemoryAllocContiguousFrames) {
    static size_t seen_num, seen_align;
    static axv_paddr_t *seen_first;
    auto ops = empty_table<axv_memory_ops>();
    ops.alloc_contiguous_frames = [](size_t num, size_t align, axv_paddr_t *first) {
        seen_num = num;
        seen_align = align;
        seen_first = first;
        *first = 0x80200000u;
        return AXV_OK;
    };
    ASSERT_EQ(axv_memory_register(&ops), AXV_OK);
    axv_paddr_t first = 0;
    EXPECT_EQ(axv_memory_alloc_contiguous_frames(7, 2u << 20, &first), AXV_OK);
    EXPECT_EQ(seen_num, 7u);
    EXPECT_EQ(seen_align, 2u << 20);
    EXPECT_EQ(seen_first, &first);
    EXPECT_EQ(first, 0x80200000u);
}

TEST_F(Accessors, MemoryDeallocFrame) {
    static axv_paddr_t seen;
    auto ops = empty_table<axv_memory_ops>();
    ops.dealloc_frame = [](axv_paddr_t frame) {
        seen = frame;
        return AXV_EINVAL;
    };
    ASSERT_EQ(axv_memory_register(&ops), AXV_OK);
    EXPECT_EQ(axv_memory_dealloc_frame(0x123456789000u), AXV_EINVAL);
    EXPECT_EQ(seen, 0x123456789000u);
}

TEST_F(Accessors, MemoryDeallocContiguousFrames) {
    static axv_paddr_t seen_first;
    static size_t seen_num;
    auto ops = empty_table<axv_memory_ops>();
    ops.dealloc_contiguous_frames = [](axv_paddr_t first, size_t num) {
        seen_first = first;
        seen_num = num;
        return AXV_OK;
    };
    ASSERT_EQ(axv_memory_register(&ops), AXV_OK);
    EXPECT_EQ(axv_memory_dealloc_contiguous_frames(0xfff000000u, 513), AXV_OK);
    EXPECT_EQ(seen_first, 0xfff000000u);
    EXPECT_EQ(seen_num, 513u);
}

TEST_F(Accessors, MemoryPhysToVirtAndBack) {
    auto ops = empty_table<axv_memory_ops>();
    ops.phys_to_virt = [](axv_paddr_t p) { return (axv_vaddr_t)(p + 0x1000); };
    ops.virt_to_phys = [](axv_vaddr_t v) { return (axv_paddr_t)(v - 0x1000); };
    ASSERT_EQ(axv_memory_register(&ops), AXV_OK);
    EXPECT_EQ(axv_memory_phys_to_virt(0x40000000u), (axv_vaddr_t)0x40001000u);
    EXPECT_EQ(axv_memory_virt_to_phys(0x40001000u), 0x40000000u);
}

// --- time ---
TEST_F(Accessors, TimeClockAndConversions) {
    auto ops = empty_table<axv_time_ops>();
    ops.current_ticks = []() -> axv_ticks_t { return 625; };
    ops.ticks_to_nanos = [](axv_ticks_t t) -> axv_nanos_t { return t * 16; };
    ops.nanos_to_ticks = [](axv_nanos_t n) -> axv_ticks_t { return n / 16; };
    ASSERT_EQ(axv_time_register(&ops), AXV_OK);
    EXPECT_EQ(axv_time_current_ticks(), 625u);
    EXPECT_EQ(axv_time_ticks_to_nanos(3), 48u);
    EXPECT_EQ(axv_time_nanos_to_ticks(160), 10u);
    // The helper composes the two ops.
    EXPECT_EQ(axv_time_current_nanos(), 10000u);
}

void dummy_timer(void *, axv_nanos_t) {}

TEST_F(Accessors, TimeRegisterAndCancelTimer) {
    static axv_nanos_t seen_deadline;
    static axv_timer_fn seen_fn;
    static void *seen_arg;
    static axv_timer_token_t seen_cancel;
    auto ops = empty_table<axv_time_ops>();
    ops.register_timer = [](axv_nanos_t deadline, axv_timer_fn fn, void *arg,
                            axv_timer_token_t *token) {
        seen_deadline = deadline;
        seen_fn = fn;
        seen_arg = arg;
        *token = 42;
        return AXV_OK;
    };
    ops.cancel_timer = [](axv_timer_token_t token) {
        seen_cancel = token;
        return AXV_ENOENT;
    };
    ASSERT_EQ(axv_time_register(&ops), AXV_OK);
    int arg = 0;
    axv_timer_token_t token = 0;
    EXPECT_EQ(axv_time_register_timer(123456789, dummy_timer, &arg, &token), AXV_OK);
    EXPECT_EQ(seen_deadline, 123456789u);
    EXPECT_EQ(seen_fn, &dummy_timer);
    EXPECT_EQ(seen_arg, &arg);
    EXPECT_EQ(token, 42u);
    EXPECT_EQ(axv_time_cancel_timer(token), AXV_ENOENT);
    EXPECT_EQ(seen_cancel, 42u);
}

// --- vmm ---
TEST_F(Accessors, VmmCurrentIdsAndHelpers) {
    static axv_vm_id_t seen_vm_num, seen_vm_active;
    auto ops = empty_table<axv_vmm_ops>();
    ops.current_vm_id = []() -> axv_vm_id_t { return 3; };
    ops.current_vcpu_id = []() -> axv_vcpu_id_t { return 5; };
    ops.vcpu_num = [](axv_vm_id_t vm, size_t *num) {
        seen_vm_num = vm;
        *num = 8;
        return AXV_OK;
    };
    ops.active_vcpus = [](axv_vm_id_t vm, uint64_t *mask) {
        seen_vm_active = vm;
        *mask = 0xa5;
        return AXV_OK;
    };
    ASSERT_EQ(axv_vmm_register(&ops), AXV_OK);
    EXPECT_EQ(axv_vmm_current_vm_id(), 3u);
    EXPECT_EQ(axv_vmm_current_vcpu_id(), 5u);

    size_t num = 0;
    uint64_t mask = 0;
    EXPECT_EQ(axv_vmm_vcpu_num(9, &num), AXV_OK);
    EXPECT_EQ(seen_vm_num, 9u);
    EXPECT_EQ(num, 8u);
    EXPECT_EQ(axv_vmm_active_vcpus(11, &mask), AXV_OK);
    EXPECT_EQ(seen_vm_active, 11u);
    EXPECT_EQ(mask, 0xa5u);

    // The current-VM helpers ask about the current VM.
    num = 0;
    mask = 0;
    EXPECT_EQ(axv_vmm_current_vm_vcpu_num(&num), AXV_OK);
    EXPECT_EQ(seen_vm_num, 3u);
    EXPECT_EQ(num, 8u);
    EXPECT_EQ(axv_vmm_current_vm_active_vcpus(&mask), AXV_OK);
    EXPECT_EQ(seen_vm_active, 3u);
    EXPECT_EQ(mask, 0xa5u);
}

TEST_F(Accessors, VmmInjectInterrupt) {
    static axv_vm_id_t seen_vm;
    static axv_vcpu_id_t seen_vcpu;
    static axv_irq_t seen_irq;
    auto ops = empty_table<axv_vmm_ops>();
    ops.inject_interrupt = [](axv_vm_id_t vm, axv_vcpu_id_t vcpu, axv_irq_t irq) {
        seen_vm = vm;
        seen_vcpu = vcpu;
        seen_irq = irq;
        return AXV_ENOENT;
    };
    ASSERT_EQ(axv_vmm_register(&ops), AXV_OK);
    EXPECT_EQ(axv_vmm_inject_interrupt(2, 63, 1019), AXV_ENOENT);
    EXPECT_EQ(seen_vm, 2u);
    EXPECT_EQ(seen_vcpu, 63u);
    EXPECT_EQ(seen_irq, 1019u);
}

TEST_F(Accessors, VmmInjectInterruptToVcpusUsesThePlatformOpWhenGiven) {
    static uint64_t seen_mask;
    static int single_calls;
    single_calls = 0;
    auto ops = empty_table<axv_vmm_ops>();
    ops.inject_interrupt = [](axv_vm_id_t, axv_vcpu_id_t, axv_irq_t) {
        single_calls++;
        return AXV_OK;
    };
    ops.inject_interrupt_to_vcpus = [](axv_vm_id_t, uint64_t mask, axv_irq_t) {
        seen_mask = mask;
        return AXV_EBUSY;
    };
    ASSERT_EQ(axv_vmm_register(&ops), AXV_OK);
    EXPECT_EQ(axv_vmm_inject_interrupt_to_vcpus(1, 0x8000000000000001u, 40), AXV_EBUSY);
    EXPECT_EQ(seen_mask, 0x8000000000000001u);
    EXPECT_EQ(single_calls, 0);
}

TEST_F(Accessors, VmmNotifyVcpuTimerExpired) {
    static axv_vm_id_t seen_vm;
    static axv_vcpu_id_t seen_vcpu;
    auto ops = empty_table<axv_vmm_ops>();
    ops.notify_vcpu_timer_expired = [](axv_vm_id_t vm, axv_vcpu_id_t vcpu) {
        seen_vm = vm;
        seen_vcpu = vcpu;
        return AXV_OK;
    };
    ASSERT_EQ(axv_vmm_register(&ops), AXV_OK);
    EXPECT_EQ(axv_vmm_notify_vcpu_timer_expired(4, 1), AXV_OK);
    EXPECT_EQ(seen_vm, 4u);
    EXPECT_EQ(seen_vcpu, 1u);
}

// --- host ---
TEST_F(Accessors, HostCpuNum) {
    auto ops = empty_table<axv_host_ops>();
    ops.cpu_num = []() -> size_t { return 6; };
    ASSERT_EQ(axv_host_register(&ops), AXV_OK);
    EXPECT_EQ(axv_host_cpu_num(), 6u);
}

// --- arch ---
TEST_F(Accessors, ArchGicHelpers) {
    static axv_irq_t seen_irq;
    auto ops = empty_table<axv_arch_ops>();
    ops.hardware_inject_virtual_interrupt = [](axv_irq_t irq) {
        seen_irq = irq;
        return AXV_EBUSY;
    };
    ops.read_vgicd_typer = []() -> uint32_t { return 0x0078001fu; };
    ops.read_vgicd_iidr = []() -> uint32_t { return 0x0300043bu; };
    ops.host_gicd_base = []() -> axv_paddr_t { return 0x08000000u; };
    ops.host_gicr_base = []() -> axv_paddr_t { return 0x080a0000u; };
    ASSERT_EQ(axv_arch_register(&ops), AXV_OK);
    EXPECT_EQ(axv_arch_hardware_inject_virtual_interrupt(27), AXV_EBUSY);
    EXPECT_EQ(seen_irq, 27u);
    EXPECT_EQ(axv_arch_read_vgicd_typer(), 0x0078001fu);
    EXPECT_EQ(axv_arch_read_vgicd_iidr(), 0x0300043bu);
    EXPECT_EQ(axv_arch_host_gicd_base(), 0x08000000u);
    EXPECT_EQ(axv_arch_host_gicr_base(), 0x080a0000u);
}

// --- console ---
TEST_F(Accessors, ConsoleWriteAndRead) {
    static std::string written;
    auto ops = empty_table<axv_console_ops>();
    ops.write_bytes = [](const void *buf, size_t len) -> size_t {
        written.assign(static_cast<const char *>(buf), len);
        return len - 1;
    };
    ops.read_bytes = [](void *buf, size_t len) -> size_t {
        const char reply[] = "ok";
        size_t n = len < 2 ? len : 2;
        for (size_t i = 0; i < n; i++)
            static_cast<char *>(buf)[i] = reply[i];
        return n;
    };
    ASSERT_EQ(axv_console_register(&ops), AXV_OK);
    EXPECT_EQ(axv_console_write_bytes("hello", 5), 4u);
    EXPECT_EQ(written, "hello");
    char buf[8] = {};
    EXPECT_EQ(axv_console_read_bytes(buf, sizeof(buf)), 2u);
    EXPECT_STREQ(buf, "ok");
}

} // namespace
