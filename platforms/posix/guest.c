/* The guest side of a vCPU: what code running on a vCPU thread calls to wait for interrupts,
 * acknowledge them and learn that it should stop. Off vCPU threads each answers as a guest
 * with nothing to do would: not stopping, refused, spurious. */
#include "pending.h"
#include "vm_table.h"

bool axv_posix_guest_should_stop(void) {
    struct axv_posix_vcpu *self = axv_posix_vcpu_self();
    return self != NULL && atomic_load(&self->vm->stop);
}

int axv_posix_guest_halt(axv_nanos_t timeout_ns) {
    struct axv_posix_vcpu *self = axv_posix_vcpu_self();
    if (self == NULL)
        return AXV_EPERM;
    return axv_posix_pending_wait(self, &self->vm->stop, timeout_ns);
}

axv_irq_t axv_posix_guest_ack(void) {
    struct axv_posix_vcpu *self = axv_posix_vcpu_self();
    return self != NULL ? axv_posix_pending_ack(self) : AXV_POSIX_SPURIOUS_IRQ;
}
