/* AIA host interrupts. OpenSBI delegates every source from the machine-level APLIC domain
 * to the supervisor one and sets the MSI address it uses; the domain is in MSI delivery
 * mode (domaincfg.DM is 1 on QEMU virt's aplic-imsic machine). Interrupt identity = source
 * id, so a claimed identity is the host INTID, and every identity has the same priority in
 * the file (threshold 0): none preempts another. */
#include "aia.h"

#include "board.h"
#include "cpu.h"
#include "percpu.h"

#define APLIC_DOMAINCFG 0x0000u
#define APLIC_DOMAINCFG_IE (UINT32_C(1) << 8)
#define APLIC_DOMAINCFG_DM (UINT32_C(1) << 2)
#define APLIC_SOURCECFG(id) (0x0004u + 4u * ((uint64_t)(id)-1u))
#define APLIC_SOURCECFG_LEVEL_HIGH 6u
#define APLIC_SETIENUM 0x1edcu
#define APLIC_CLRIENUM 0x1fdcu
#define APLIC_TARGET(id) (0x3004u + 4u * ((uint64_t)(id)-1u))
#define APLIC_TARGET_HART_SHIFT 18u

/* The supervisor interrupt file's registers, through siselect (CSR 0x150) and sireg
 * (0x151); stopei (0x15c) claims. */
#define IMSIC_EIDELIVERY 0x70u
#define IMSIC_EITHRESHOLD 0x72u
#define IMSIC_EIE0 0xc0u
#define STOPEI_ID_SHIFT 16u

static void file_write(uint64_t reg, uint64_t value) {
    __asm__ volatile("csrw 0x150, %0\n\tcsrw 0x151, %1" ::"r"(reg), "r"(value) : "memory");
}

static uintptr_t aplic(uint64_t offset) {
    return (uintptr_t)(axv_qemu_board()->aplic_s_base + offset);
}

bool axv_qemu_aia_present(void) {
    const struct axv_qemu_board *board = axv_qemu_board();
    return board->plic_base == 0 && board->aplic_s_base != 0 && board->imsic_s_base != 0;
}

/* The calling hart's position among /cpus: its IMSIC's hart index (one socket on virt). */
static uint64_t hart_index(void) {
    const struct axv_qemu_board *board = axv_qemu_board();
    for (size_t k = 0; k < AXV_QEMU_MAX_CPUS && k < board->hart_count; k++) {
        if (board->hart_id[k] == this_cpu()->hartid)
            return k;
    }
    return 0;
}

static void route_to_boot_hart(uint32_t sources) {
    uint64_t target = hart_index() << APLIC_TARGET_HART_SHIFT;
    mmio_write32(aplic(APLIC_DOMAINCFG), APLIC_DOMAINCFG_DM);
    for (uint32_t id = 1; id <= sources; id++) {
        mmio_write32(aplic(APLIC_CLRIENUM), id);
        mmio_write32(aplic(APLIC_SOURCECFG(id)), APLIC_SOURCECFG_LEVEL_HIGH);
        mmio_write32(aplic(APLIC_TARGET(id)), (uint32_t)(target | id));
    }
    mmio_write32(aplic(APLIC_DOMAINCFG), APLIC_DOMAINCFG_DM | APLIC_DOMAINCFG_IE);
}

void axv_qemu_aia_cpu_start(void) {
    if (!axv_qemu_aia_present())
        return;
    uint32_t sources = axv_qemu_board()->aplic_s_sources;
    /* eie registers: 64 identities each, at even numbers on RV64. Identity 0 does not
     * exist; its bit is ignored. */
    for (uint32_t word = 0; word <= sources / 64u; word++) {
        uint32_t first = 64u * word;
        uint32_t count = sources + 1u - first;
        uint64_t bits = count >= 64u ? UINT64_MAX : (UINT64_C(1) << count) - 1u;
        file_write(IMSIC_EIE0 + 2u * word, bits);
    }
    file_write(IMSIC_EITHRESHOLD, 0);
    file_write(IMSIC_EIDELIVERY, 1);
    if (this_cpu()->index == 0)
        route_to_boot_hart(sources);
    CSR_SET(sie, UINT64_C(1) << IRQ_S_EXT);
}

uint32_t axv_qemu_aia_claim(void) {
    uint64_t top;
    __asm__ volatile("csrrw %0, 0x15c, zero" : "=r"(top)::"memory");
    return (uint32_t)(top >> STOPEI_ID_SHIFT);
}

void axv_qemu_aia_set_enabled(uint32_t id, bool on) {
    mmio_write32(aplic(on ? APLIC_SETIENUM : APLIC_CLRIENUM), id);
}
