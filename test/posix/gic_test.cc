// The POSIX platform's gic area: the modelled GICv3's GICD_TYPER and GICD_IIDR, the GIC
// bases, and "hardware" injection into the calling vCPU.
#include "vmm_support.h"

#include <atomic>
#include <cstdio>

#include "support/fatal.h"

using namespace axv_test;

namespace {

template <typename Via> class Gic : public VmmTest<Via> {};
TYPED_TEST_SUITE(Gic, BothWays);

// GICD_TYPER fields, from the GICv3 architecture specification.
uint32_t it_lines_number(uint32_t typer) {
    return typer & 0x1fu;
}
uint32_t id_bits(uint32_t typer) {
    return (typer >> 19) & 0x1fu;
}

TYPED_TEST(Gic, TyperFollowsTheModelledSpiCount) {
    const struct {
        uint32_t spi_count;
        uint32_t typer;
    } cases[] = {
        {32, 0x00480001u},  // INTIDs up to 63
        {64, 0x00480002u},  // up to 95
        {480, 0x0048000fu}, // up to 511
        {960, 0x0048001eu}, // up to 991
        {988, 0x0048001fu}, // up to 1019: the default, the most without extended SPIs
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.spi_count);
        axv_posix_resolved config = default_config();
        config.spi_count = c.spi_count;
        this->restart(config);
        const uint32_t typer = axv_gic_read_vgicd_typer();
        EXPECT_EQ(typer, c.typer);
        // What a guest's GIC driver computes from it: enough lines for every SPI, 10 ID bits.
        EXPECT_GE(32 * (it_lines_number(typer) + 1), 32 + c.spi_count);
        EXPECT_LT(32 * it_lines_number(typer), 32 + c.spi_count);
        EXPECT_EQ(id_bits(typer) + 1, 10u);
        // Every other field (LPIs, MBIs, extended SPIs, security extension...) reads 0.
        EXPECT_EQ(typer & ~((0x1fu << 19) | 0x1fu), 0u);
    }
}

TYPED_TEST(Gic, IidrIsAnArmImplementerModel) {
    const uint32_t iidr = axv_gic_read_vgicd_iidr();
    EXPECT_EQ(iidr, 0x5000143Bu);
    EXPECT_EQ(iidr & 0xfffu, 0x43Bu);     // Implementer: Arm (JEP106)
    EXPECT_EQ((iidr >> 12) & 0xfu, 1u);   // Revision
    EXPECT_EQ((iidr >> 16) & 0xfu, 0u);   // Variant
    EXPECT_EQ((iidr >> 20) & 0xfu, 0u);   // reserved
    EXPECT_EQ(iidr >> 24, uint32_t{'P'}); // ProductID
    axv_posix_resolved config = default_config();
    config.spi_count = 64;
    this->restart(config);
    EXPECT_EQ(axv_gic_read_vgicd_iidr(), iidr); // not configuration-dependent
}

TYPED_TEST(Gic, BasesComeFromTheConfiguration) {
    EXPECT_EQ(axv_gic_host_gicd_base(), AXV_POSIX_DEFAULT_GICD_BASE);
    EXPECT_EQ(axv_gic_host_gicr_base(), AXV_POSIX_DEFAULT_GICR_BASE);
    axv_posix_resolved config = default_config();
    config.gicd_base = 0x2f000000u;
    config.gicr_base = UINT64_C(0x1000000000);
    this->restart(config);
    EXPECT_EQ(axv_gic_host_gicd_base(), 0x2f000000u);
    EXPECT_EQ(axv_gic_host_gicr_base(), UINT64_C(0x1000000000));
}

TYPED_TEST(Gic, ValuesAreStable) {
    const uint32_t typer = axv_gic_read_vgicd_typer();
    const uint32_t iidr = axv_gic_read_vgicd_iidr();
    const axv_paddr_t gicd = axv_gic_host_gicd_base();
    const axv_paddr_t gicr = axv_gic_host_gicr_base();
    // From other threads too, while VMs come and go.
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(2, halt_until_stopped, nullptr, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    std::thread([&] {
        for (int i = 0; i < 1000; i++) {
            EXPECT_EQ(axv_gic_read_vgicd_typer(), typer);
            EXPECT_EQ(axv_gic_read_vgicd_iidr(), iidr);
            EXPECT_EQ(axv_gic_host_gicd_base(), gicd);
            EXPECT_EQ(axv_gic_host_gicr_base(), gicr);
        }
    }).join();
    ASSERT_EQ(axv_posix_vm_destroy(vm), AXV_OK);
    EXPECT_EQ(axv_gic_read_vgicd_typer(), typer);
}

struct HwInject {
    std::atomic<int> rc[AXV_POSIX_MAX_VCPUS];
    std::atomic<int> bad_intid{1}, beyond_spis{1};
    std::atomic<int> returned{0};
};

void inject_own_spi(void *arg) {
    auto *h = static_cast<HwInject *>(arg);
    const axv_vcpu_id_t me = axv_vmm_current_vcpu_id();
    h->rc[me] = axv_gic_hardware_inject_virtual_interrupt(static_cast<axv_irq_t>(40 + me));
    if (me == 0) {
        h->bad_intid = axv_gic_hardware_inject_virtual_interrupt(1020);
        h->beyond_spis = axv_gic_hardware_inject_virtual_interrupt(96);
    }
    h->returned++;
}

TYPED_TEST(Gic, HardwareInjectionTargetsTheCallingVcpu) {
    axv_posix_resolved config = default_config();
    config.spi_count = 64;
    this->restart(config);
    std::atomic<int> observed{0};
    axv_posix_set_delivery_observer(
        [](void *ctx, axv_vm_id_t, axv_vcpu_id_t, axv_irq_t) {
            static_cast<std::atomic<int> *>(ctx)->fetch_add(1);
        },
        &observed);
    HwInject h;
    for (auto &rc : h.rc)
        rc = 1;
    VmReaper reaper;
    axv_vm_id_t vm;
    ASSERT_EQ(axv_posix_vm_create(3, inject_own_spi, &h, &vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_start(vm), AXV_OK);
    ASSERT_EQ(axv_posix_vm_stop(vm), AXV_OK); // every guest has returned
    ASSERT_EQ(h.returned.load(), 3);
    for (axv_vcpu_id_t v = 0; v < 3; v++) {
        SCOPED_TRACE(v);
        EXPECT_EQ(h.rc[v].load(), AXV_OK);
        for (axv_vcpu_id_t w = 0; w < 3; w++) // its own INTID, on itself only
            EXPECT_EQ(axv_posix_vcpu_take_pending(vm, w, static_cast<axv_irq_t>(40 + v)), v == w);
    }
    EXPECT_EQ(observed.load(), 3);
    EXPECT_EQ(h.bad_intid.load(), AXV_EINVAL);
    EXPECT_EQ(h.beyond_spis.load(), AXV_EINVAL);
    // Off vCPU threads there is no vCPU to inject into.
    EXPECT_EQ(axv_gic_hardware_inject_virtual_interrupt(40), AXV_EINVAL);
    EXPECT_EQ(observed.load(), 3);
}

TEST(GicDeathTest, ValueOpsAreFatalAndNamedWhenNotStarted) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    ASSERT_EQ(axv_gic_register(&axv_posix_gic_ops), AXV_OK);
    axv_set_fatal_handler(fatal_to_stderr);
    EXPECT_DEATH((void)axv_gic_read_vgicd_typer(), "gic\\.read_vgicd_typer.*not started");
    EXPECT_DEATH((void)axv_gic_read_vgicd_iidr(), "gic\\.read_vgicd_iidr.*not started");
    EXPECT_DEATH((void)axv_gic_host_gicd_base(), "gic\\.host_gicd_base.*not started");
    EXPECT_DEATH((void)axv_gic_host_gicr_base(), "gic\\.host_gicr_base.*not started");
    // The status op refuses instead.
    EXPECT_EQ(axv_gic_hardware_inject_virtual_interrupt(32), AXV_EPERM);
    axv_set_fatal_handler(nullptr);
    EXPECT_EQ(axv_gic_reset(), AXV_OK);
}

} // namespace
