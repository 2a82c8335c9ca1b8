// Registration: header (ABI) checks, copying, NULL members, older tables, get/reset.
#include "test_support.h"

#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

namespace {

// One traits type per area, so the header checks run against every area, the
// component-defined one included.
#define AXV_TEST_AREA(area)                  \
    struct area##_area {                     \
        using ops = axv_##area##_ops;        \
        static int reg(const ops *o) {       \
            return axv_##area##_register(o); \
        }                                    \
        static int validate(const ops *o) {  \
            return axv_##area##_validate(o); \
        }                                    \
        static int get(ops *o) {             \
            return axv_##area##_get(o);      \
        }                                    \
        static int reset() {                 \
            return axv_##area##_reset();     \
        }                                    \
        static const axv_area_desc &desc() { \
            return axv_##area##_area;        \
        }                                    \
    };
AXV_TEST_AREA(memory)
AXV_TEST_AREA(time)
AXV_TEST_AREA(vmm)
AXV_TEST_AREA(host)
AXV_TEST_AREA(arch)
AXV_TEST_AREA(console)
AXV_TEST_AREA(vgic)

template <typename Area> class EveryArea : public RegistryTest {};
using AllAreas = ::testing::Types<memory_area, time_area, vmm_area, host_area, arch_area,
                                  console_area, vgic_area>;
TYPED_TEST_SUITE(EveryArea, AllAreas);

TYPED_TEST(EveryArea, NullTableIsEinval) {
    EXPECT_EQ(TypeParam::reg(nullptr), AXV_EINVAL);
    EXPECT_EQ(TypeParam::validate(nullptr), AXV_EINVAL);
}

TYPED_TEST(EveryArea, UninitialisedHeaderIsEversion) {
    typename TypeParam::ops ops;
    std::memset(&ops, 0, sizeof(ops));
    EXPECT_EQ(TypeParam::reg(&ops), AXV_EVERSION);
}

TYPED_TEST(EveryArea, WrongMagicMajorOrReservedIsEversion) {
    auto ops = empty_table<typename TypeParam::ops>();
    ops.hdr.magic ^= 1;
    EXPECT_EQ(TypeParam::reg(&ops), AXV_EVERSION);
    ops = empty_table<typename TypeParam::ops>();
    ops.hdr.abi_major = AXV_ABI_MAJOR + 1;
    EXPECT_EQ(TypeParam::reg(&ops), AXV_EVERSION);
    ops.hdr.abi_major = AXV_ABI_MAJOR - 1;
    EXPECT_EQ(TypeParam::reg(&ops), AXV_EVERSION);
    ops = empty_table<typename TypeParam::ops>();
    ops.hdr.reserved = 1;
    EXPECT_EQ(TypeParam::reg(&ops), AXV_EVERSION);
}

TYPED_TEST(EveryArea, BadSizesAreEversion) {
    auto ops = empty_table<typename TypeParam::ops>();
    // Larger than this library's table: a newer ABI with ops we cannot honour.
    ops.hdr.size = sizeof(ops) + sizeof(void (*)(void));
    EXPECT_EQ(TypeParam::reg(&ops), AXV_EVERSION);
    // Not a whole number of ops.
    ops.hdr.size = sizeof(ops) - 1;
    EXPECT_EQ(TypeParam::reg(&ops), AXV_EVERSION);
    // Smaller than the header itself.
    ops.hdr.size = sizeof(axv_ops_hdr) - 4;
    EXPECT_EQ(TypeParam::reg(&ops), AXV_EVERSION);
    ops.hdr.size = 0;
    EXPECT_EQ(TypeParam::reg(&ops), AXV_EVERSION);
}

TYPED_TEST(EveryArea, NewerMinorOfTheSameSizeAndHeaderOnlyTablesAreAccepted) {
    auto ops = empty_table<typename TypeParam::ops>();
    ops.hdr.abi_minor = AXV_ABI_MINOR + 7;
    EXPECT_EQ(TypeParam::validate(&ops), AXV_OK);
    EXPECT_EQ(TypeParam::reg(&ops), AXV_OK);
    ops.hdr.size = sizeof(axv_ops_hdr); // the oldest possible table: no ops at all
    EXPECT_EQ(TypeParam::reg(&ops), AXV_OK);
    EXPECT_EQ(TypeParam::desc().state->implemented, 0u);
}

TYPED_TEST(EveryArea, GetCopiesTheTableInEffectWithACurrentHeader) {
    EXPECT_EQ(TypeParam::get(nullptr), AXV_EINVAL);
    typename TypeParam::ops out;
    std::memset(&out, 0xa5, sizeof(out));
    ASSERT_EQ(TypeParam::get(&out), AXV_OK);
    EXPECT_EQ(out.hdr.magic, AXV_OPS_MAGIC);
    EXPECT_EQ(out.hdr.abi_major, AXV_ABI_MAJOR);
    EXPECT_EQ(out.hdr.abi_minor, AXV_ABI_MINOR);
    EXPECT_EQ(out.hdr.size, sizeof(out));
    EXPECT_EQ(out.hdr.reserved, 0u);
    // Every member is callable (a default), none left as the 0xa5 filler or NULL.
    const auto *slots = reinterpret_cast<const unsigned char *>(&out) + sizeof(axv_ops_hdr);
    for (size_t i = 0; i < TypeParam::desc().num_ops; i++) {
        void (*fn)(void);
        std::memcpy(&fn, slots + i * sizeof(fn), sizeof(fn));
        EXPECT_NE(fn, nullptr) << TypeParam::desc().op_names[i];
        void (*filler)(void);
        std::memset(&filler, 0xa5, sizeof(filler));
        EXPECT_NE(fn, filler) << TypeParam::desc().op_names[i];
    }
    // Registering the defaults back is an exact round trip: nothing counts as implemented.
    EXPECT_EQ(TypeParam::reg(&out), AXV_OK);
    EXPECT_EQ(TypeParam::desc().state->implemented, 0u);
}

TYPED_TEST(EveryArea, DescriptorMatchesTheOpList) {
    const axv_area_desc &d = TypeParam::desc();
    EXPECT_EQ(d.ops_size, sizeof(typename TypeParam::ops));
    EXPECT_EQ(d.ops_size, sizeof(axv_ops_hdr) + d.num_ops * sizeof(void (*)(void)));
    EXPECT_GE(d.slot_size, d.ops_size);
    EXPECT_EQ(d.slot_size % AXV_REGISTRY_ALIGN, 0u);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(d.slot) % AXV_REGISTRY_ALIGN, 0u);
    for (size_t i = 0; i < d.num_ops; i++)
        EXPECT_NE(d.op_names[i], nullptr);
}

// --- Behaviour of the copy, on concrete areas ---
class Registration : public RegistryTest {};

int frame_a(axv_paddr_t *f) {
    *f = 0xa000;
    return AXV_OK;
}
int frame_b(axv_paddr_t *f) {
    *f = 0xb000;
    return AXV_OK;
}
axv_vaddr_t p2v(axv_paddr_t p) {
    return static_cast<axv_vaddr_t>(p) + 1;
}
axv_paddr_t v2p(axv_vaddr_t v) {
    return static_cast<axv_paddr_t>(v) - 1;
}

TEST_F(Registration, RegistryKeepsACopyNotAPointer) {
    auto ops = empty_table<axv_memory_ops>();
    ops.alloc_frame = frame_a;
    ASSERT_EQ(axv_memory_register(&ops), AXV_OK);
    ops.alloc_frame = frame_b; // changing the caller's table afterwards changes nothing
    axv_paddr_t f = 0;
    EXPECT_EQ(axv_memory_alloc_frame(&f), AXV_OK);
    EXPECT_EQ(f, 0xa000u);
}

TEST_F(Registration, ARefusedTableLeavesTheSlotAsItWas) {
    auto good = empty_table<axv_memory_ops>();
    good.alloc_frame = frame_a;
    ASSERT_EQ(axv_memory_register(&good), AXV_OK);
    auto bad = empty_table<axv_memory_ops>();
    bad.alloc_frame = frame_b;
    bad.hdr.abi_major = AXV_ABI_MAJOR + 1;
    EXPECT_EQ(axv_memory_register(&bad), AXV_EVERSION);
    axv_paddr_t f = 0;
    EXPECT_EQ(axv_memory_alloc_frame(&f), AXV_OK);
    EXPECT_EQ(f, 0xa000u);
    EXPECT_EQ(axv_memory_area.state->implemented, 1u << axv_memory_op_alloc_frame);
}

TEST_F(Registration, NullMembersKeepOrRestoreDefaults) {
    auto ops = empty_table<axv_memory_ops>();
    ops.alloc_frame = frame_a;
    ops.phys_to_virt = p2v;
    ASSERT_EQ(axv_memory_register(&ops), AXV_OK);
    EXPECT_TRUE(axv_memory_implements(axv_memory_op_phys_to_virt));
    EXPECT_FALSE(axv_memory_implements(axv_memory_op_dealloc_frame));
    EXPECT_EQ(axv_memory_dealloc_frame(0x1000), AXV_ENOSYS);

    // Re-registering with phys_to_virt NULL puts its default back.
    ops.phys_to_virt = nullptr;
    ASSERT_EQ(axv_memory_register(&ops), AXV_OK);
    EXPECT_FALSE(axv_memory_implements(axv_memory_op_phys_to_virt));
    const char *message = axv_test_capture_fatal([] { (void)axv_memory_phys_to_virt(1); });
    ASSERT_NE(message, nullptr);
    EXPECT_STREQ(message, "memory.phys_to_virt is not implemented");
}

TEST_F(Registration, AnOlderMinorTableGetsDefaultsForItsMissingTail) {
    // A table compiled before virt_to_phys existed: its size ends just before that op.
    auto ops = empty_table<axv_memory_ops>();
    ops.alloc_frame = frame_a;
    ops.phys_to_virt = p2v;
    ops.virt_to_phys = v2p; // beyond the old size: must be ignored, as an old table lacks it
    ops.hdr.size = offsetof(axv_memory_ops, virt_to_phys);
    ops.hdr.abi_minor = 0;
    ASSERT_EQ(axv_memory_register(&ops), AXV_OK);
    EXPECT_TRUE(axv_memory_implements(axv_memory_op_alloc_frame));
    EXPECT_TRUE(axv_memory_implements(axv_memory_op_phys_to_virt));
    EXPECT_FALSE(axv_memory_implements(axv_memory_op_virt_to_phys));
    EXPECT_EQ(axv_memory_phys_to_virt(0x10), 0x11u);
    const char *message = axv_test_capture_fatal([] { (void)axv_memory_virt_to_phys(1); });
    ASSERT_NE(message, nullptr);
    EXPECT_STREQ(message, "memory.virt_to_phys is not implemented");
}

TEST_F(Registration, GetThenRegisterRestoresExactly) {
    auto ops = empty_table<axv_memory_ops>();
    ops.alloc_frame = frame_a;
    ops.phys_to_virt = p2v;
    ASSERT_EQ(axv_memory_register(&ops), AXV_OK);
    const uint64_t implemented = axv_memory_area.state->implemented;

    axv_memory_ops saved;
    ASSERT_EQ(axv_memory_get(&saved), AXV_OK);
    EXPECT_EQ(saved.alloc_frame, &frame_a);
    EXPECT_EQ(saved.phys_to_virt, &p2v);

    auto other = empty_table<axv_memory_ops>();
    other.alloc_frame = frame_b;
    other.virt_to_phys = v2p;
    ASSERT_EQ(axv_memory_register(&other), AXV_OK);
    ASSERT_EQ(axv_memory_register(&saved), AXV_OK);

    EXPECT_EQ(axv_memory_area.state->implemented, implemented);
    axv_paddr_t f = 0;
    EXPECT_EQ(axv_memory_alloc_frame(&f), AXV_OK);
    EXPECT_EQ(f, 0xa000u);
    EXPECT_FALSE(axv_memory_implements(axv_memory_op_virt_to_phys));
}

TEST_F(Registration, GetOfAFallbackOpGivesTheFallbackAndRoundTripsAsNotImplemented) {
    axv_vmm_ops saved;
    ASSERT_EQ(axv_vmm_get(&saved), AXV_OK);
    EXPECT_EQ(saved.inject_interrupt_to_vcpus, &axv_vmm_fallback_inject_interrupt_to_vcpus);
    ASSERT_EQ(axv_vmm_register(&saved), AXV_OK);
    EXPECT_FALSE(axv_vmm_implements(axv_vmm_op_inject_interrupt_to_vcpus));
}

TEST_F(Registration, ResetRestoresEveryDefault) {
    auto ops = empty_table<axv_memory_ops>();
    ops.alloc_frame = frame_a;
    ASSERT_EQ(axv_memory_register(&ops), AXV_OK);
    ASSERT_EQ(axv_memory_reset(), AXV_OK);
    EXPECT_FALSE(axv_memory_implements(axv_memory_op_alloc_frame));
    axv_paddr_t f = 0;
    EXPECT_EQ(axv_memory_alloc_frame(&f), AXV_ENOSYS);
}

TEST_F(Registration, BuiltInAreasAreTrackedWithTheirOpNames) {
    std::vector<std::string> names;
    for (size_t i = 0; i < axv_api_area_count(); i++)
        names.push_back(axv_api_area(i)->name);
    ASSERT_GE(names.size(), 6u);
    EXPECT_EQ(std::vector<std::string>(names.begin(), names.begin() + 6),
              (std::vector<std::string>{"memory", "time", "vmm", "host", "arch", "console"}));
    EXPECT_EQ(axv_api_area(axv_api_area_count()), nullptr);

    EXPECT_EQ(axv_memory_area.num_ops, 6u);
    EXPECT_STREQ(axv_memory_area.op_names[axv_memory_op_alloc_contiguous_frames],
                 "alloc_contiguous_frames");
    EXPECT_STREQ(axv_vmm_area.op_names[axv_vmm_op_notify_vcpu_timer_expired],
                 "notify_vcpu_timer_expired");
    EXPECT_EQ(axv_host_area.num_ops, static_cast<size_t>(axv_host_num_ops));
    EXPECT_STREQ(axv_host_area.op_names[axv_host_op_fdt_address], "fdt_address");
}

} // namespace
