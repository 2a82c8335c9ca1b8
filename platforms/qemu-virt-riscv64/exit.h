/* The command line kept for axv_qemu_cmdline() (exit.c). */
#ifndef AXV_QEMU_EXIT_H
#define AXV_QEMU_EXIT_H

/* The longest command line kept, its NUL included; longer ones are cut. */
#define AXV_QEMU_CMDLINE_MAX 512u

/* Keeps a copy of @p bootargs: once, on the boot hart. */
void axv_qemu_exit_set_cmdline(const char *bootargs);

#endif /* AXV_QEMU_EXIT_H */
