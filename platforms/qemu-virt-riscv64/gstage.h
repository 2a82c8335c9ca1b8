/* The guests' G-stage translation (gstage.c). */
#ifndef AXV_QEMU_GSTAGE_H
#define AXV_QEMU_GSTAGE_H

/* Builds the table: once, on the boot hart, before any guest runs. */
void axv_qemu_gstage_build(void);
/* Points the calling hart's hgatp at it (and drops stale guest translations). */
void axv_qemu_gstage_cpu_start(void);

#endif /* AXV_QEMU_GSTAGE_H */
