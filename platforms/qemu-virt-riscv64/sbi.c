/* SBI calls (ecall to OpenSBI): a7 = extension, a6 = function, a0.. arguments; a0 = error,
 * a1 = value. The console uses the legacy extensions: this OpenSBI (v1.1) has no DBCN. */
#include "sbi.h"

#define SBI_EXT_LEGACY_PUTCHAR 0x01u
#define SBI_EXT_LEGACY_GETCHAR 0x02u
#define SBI_EXT_IPI 0x735049u
#define SBI_EXT_RFENCE 0x52464e43u
#define SBI_EXT_HSM 0x48534du

struct sbiret {
    long error;
    long value;
};

static struct sbiret sbi_call5(uint64_t ext, uint64_t fn, uint64_t a0, uint64_t a1, uint64_t a2,
                               uint64_t a3, uint64_t a4) {
    register uint64_t r0 __asm__("a0") = a0;
    register uint64_t r1 __asm__("a1") = a1;
    register uint64_t r2 __asm__("a2") = a2;
    register uint64_t r3 __asm__("a3") = a3;
    register uint64_t r4 __asm__("a4") = a4;
    register uint64_t r6 __asm__("a6") = fn;
    register uint64_t r7 __asm__("a7") = ext;
    __asm__ volatile("ecall"
                     : "+r"(r0), "+r"(r1)
                     : "r"(r2), "r"(r3), "r"(r4), "r"(r6), "r"(r7)
                     : "memory");
    return (struct sbiret){(long)r0, (long)r1};
}

static struct sbiret sbi_call4(uint64_t ext, uint64_t fn, uint64_t a0, uint64_t a1, uint64_t a2,
                               uint64_t a3) {
    return sbi_call5(ext, fn, a0, a1, a2, a3, 0);
}

static struct sbiret sbi_call(uint64_t ext, uint64_t fn, uint64_t a0, uint64_t a1, uint64_t a2) {
    return sbi_call4(ext, fn, a0, a1, a2, 0);
}

void axv_qemu_sbi_putchar(uint8_t c) {
    (void)sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, c, 0, 0);
}

int axv_qemu_sbi_getchar(void) {
    /* The legacy call returns the byte (or -1) in a0. */
    return (int)sbi_call(SBI_EXT_LEGACY_GETCHAR, 0, 0, 0, 0).error;
}

long axv_qemu_sbi_send_ipi(uint64_t mask, uint64_t base) {
    return sbi_call(SBI_EXT_IPI, 0, mask, base, 0).error;
}

long axv_qemu_sbi_remote_sfence_vma(uint64_t mask, uint64_t base) {
    /* start 0 and size all ones: the whole address space (SBI spec, RFENCE function 1). */
    return sbi_call4(SBI_EXT_RFENCE, 1, mask, base, 0, UINT64_MAX).error;
}

/* RFENCE functions 3, 5 and 6 (SBI spec): remote_hfence_gvma_vmid,
 * remote_hfence_vvma_asid, remote_hfence_vvma. */
long axv_qemu_sbi_remote_hfence_gvma_vmid(uint64_t mask, uint64_t base, uint64_t gpa, uint64_t size,
                                          uint64_t vmid) {
    return sbi_call5(SBI_EXT_RFENCE, 3, mask, base, gpa, size, vmid).error;
}

long axv_qemu_sbi_remote_hfence_vvma_asid(uint64_t mask, uint64_t base, uint64_t gva, uint64_t size,
                                          uint64_t asid) {
    return sbi_call5(SBI_EXT_RFENCE, 5, mask, base, gva, size, asid).error;
}

long axv_qemu_sbi_remote_hfence_vvma(uint64_t mask, uint64_t base, uint64_t gva, uint64_t size) {
    return sbi_call4(SBI_EXT_RFENCE, 6, mask, base, gva, size).error;
}

long axv_qemu_sbi_hart_start(uint64_t hartid, uint64_t start, uint64_t opaque) {
    return sbi_call(SBI_EXT_HSM, 0, hartid, start, opaque).error;
}

long axv_qemu_sbi_hart_status(uint64_t hartid) {
    struct sbiret r = sbi_call(SBI_EXT_HSM, 2, hartid, 0, 0);
    return r.error != 0 ? r.error : r.value;
}
