/* The riscv area's hardware facts (riscv.c). */
#ifndef AXV_QEMU_RISCV_H
#define AXV_QEMU_RISCV_H

/* Measures GEILEN, VMIDLEN and the guest ASID width by writing all ones to hgeie, hgatp and
 * vsatp and reading back what sticks: once, on the boot hart, before any guest runs. */
void axv_qemu_riscv_probe(void);

#endif /* AXV_QEMU_RISCV_H */
