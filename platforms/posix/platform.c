/* The POSIX platform as a whole: configuration, start-up order, shutdown and its report. */
#include <pthread.h>

#include "posix_internal.h"
#include "posix_parts.h"

static pthread_mutex_t lifecycle_lock = PTHREAD_MUTEX_INITIALIZER;
static bool started;

static int resolve(const struct axv_posix_config *in, struct axv_posix_resolved *out) {
    const struct axv_posix_config none = {0};
    const struct axv_posix_config *c = in != NULL ? in : &none;

    out->ram_bytes = c->ram_bytes != 0 ? c->ram_bytes : AXV_POSIX_DEFAULT_RAM_BYTES;
    out->ram_phys_base = c->ram_phys_base != 0 ? c->ram_phys_base : AXV_POSIX_DEFAULT_RAM_PHYS_BASE;
    out->counter_hz = c->counter_hz != 0 ? c->counter_hz : AXV_POSIX_DEFAULT_COUNTER_HZ;
    out->gicd_base = c->gicd_base != 0 ? c->gicd_base : AXV_POSIX_DEFAULT_GICD_BASE;
    out->gicr_base = c->gicr_base != 0 ? c->gicr_base : AXV_POSIX_DEFAULT_GICR_BASE;
    out->spi_count = c->spi_count != 0 ? c->spi_count : AXV_POSIX_DEFAULT_SPI_COUNT;
    out->vtimer_irq = c->vtimer_irq != 0 ? c->vtimer_irq : AXV_POSIX_DEFAULT_VTIMER_IRQ;
    out->riscv_plic = c->riscv_plic;
    out->riscv_vcpus = c->riscv_vcpus;
    out->riscv_guest_files =
        c->riscv_guest_files != 0 ? c->riscv_guest_files : AXV_POSIX_DEFAULT_RISCV_GUEST_FILES;

    if (out->ram_bytes % AXV_FRAME_SIZE != 0 || out->ram_bytes < ((size_t)1 << 20))
        return AXV_EINVAL;
    if (out->ram_phys_base % AXV_FRAME_SIZE != 0 ||
        out->ram_phys_base > UINT64_MAX - (uint64_t)out->ram_bytes)
        return AXV_EINVAL;
    if (out->counter_hz < AXV_POSIX_MIN_COUNTER_HZ || out->counter_hz > AXV_POSIX_MAX_COUNTER_HZ)
        return AXV_EINVAL;
    /* GICD_TYPER counts SPIs in blocks of 32; the last block stops at INTID 1019, which
     * leaves 988 as the one count that is not a multiple of 32. */
    if ((out->spi_count % 32 != 0 && out->spi_count != AXV_POSIX_DEFAULT_SPI_COUNT) ||
        out->spi_count > AXV_POSIX_DEFAULT_SPI_COUNT)
        return AXV_EINVAL;
    if (out->vtimer_irq < 16 || out->vtimer_irq > 31)
        return AXV_EINVAL;
    if (out->riscv_guest_files > AXV_POSIX_MAX_RISCV_GUEST_FILES)
        return AXV_EINVAL;
    return AXV_OK;
}

int axv_posix_init(const struct axv_posix_config *config) {
    struct axv_posix_resolved resolved;
    int rc = resolve(config, &resolved);
    if (rc != AXV_OK)
        return rc;

    pthread_mutex_lock(&lifecycle_lock);
    if (started) {
        pthread_mutex_unlock(&lifecycle_lock);
        return AXV_EBUSY;
    }
    /* Memory first, VMs last: each later part may use the earlier ones. */
    rc = axv_posix_memory_start(&resolved);
    if (rc == AXV_OK) {
        rc = axv_posix_time_start(&resolved);
        if (rc == AXV_OK) {
            rc = axv_posix_vmm_start(&resolved);
            if (rc == AXV_OK)
                axv_posix_host_irq_start(); /* cannot fail: static state only */
            else
                (void)axv_posix_time_stop();
        }
        if (rc != AXV_OK)
            (void)axv_posix_memory_stop();
    }
    started = rc == AXV_OK;
    pthread_mutex_unlock(&lifecycle_lock);
    return rc;
}

int axv_posix_shutdown(struct axv_posix_shutdown_report *report) {
    /* Shutdown joins vCPU threads and the timer thread, so it cannot run on either. */
    if (axv_posix_vmm_on_vcpu_thread() || axv_posix_time_on_service_thread())
        return AXV_EPERM;
    pthread_mutex_lock(&lifecycle_lock);
    if (!started) {
        pthread_mutex_unlock(&lifecycle_lock);
        return AXV_EPERM;
    }
    /* VMs first (their guests may still arm timers and allocate), memory last. */
    struct axv_posix_shutdown_report found;
    axv_posix_host_irq_stop();
    found.vms_destroyed = axv_posix_vmm_stop();
    found.timers_pending = axv_posix_time_stop();
    found.frames_in_use = axv_posix_memory_stop();
    started = false;
    pthread_mutex_unlock(&lifecycle_lock);
    if (report != NULL)
        *report = found;
    return AXV_OK;
}
