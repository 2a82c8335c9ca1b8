/**
 * @file qemu_vtimer.h
 * @brief How the QEMU samples hand their guests' timer to the vtimer component: one vtimer
 * per vCPU of VM 0, installed as the platform's AXV_QEMU_HVC_SET_TIMER handler. Written
 * against `<axvisor_api/qemu_virt.h>`, which the AArch64 and riscv64 platforms both offer,
 * so one file serves both.
 */
#ifndef AXV_SAMPLES_QEMU_VTIMER_H
#define AXV_SAMPLES_QEMU_VTIMER_H

/**
 * @brief Initialises the vtimers (VM 0, vCPU i = pCPU i) and installs the guests' timer
 *        handler with axv_qemu_set_guest_timer_handler().
 * @note Thread context, before any guest runs.
 */
void qemu_vtimer_install(void);

/**
 * @brief Ends the calling pCPU's vCPU's timer after its guest exited: cancels what it left
 *        armed, and answers the first error an expiry met.
 * @return AXV_OK when every expiry was delivered and nothing is left armed; otherwise the
 *         error (of axv_vmm_notify_vcpu_timer_expired(), or of the cancel).
 * @note Thread context, on the pCPU whose axv_qemu_run_guest() returned. The vtimer's own
 *       expiry may interrupt it there, which vtimer_cancel() tolerates (it then answers
 *       AXV_OK, the timer having run).
 */
int qemu_vtimer_finish(void);

#endif /* AXV_SAMPLES_QEMU_VTIMER_H */
