/**
 * @file vmm.h
 * @brief VMM area: VM and vCPU queries and cross-vCPU interrupt injection.
 *
 * The area itself is declared by <axvisor_api/areas.h>, generated from its op list
 * <axvisor_api/ops/vmm.h>; this header adds the hand-written helpers.
 */
#ifndef AXVISOR_API_VMM_H
#define AXVISOR_API_VMM_H

#include <axvisor_api/areas.h>

/**
 * @addtogroup axv_area_vmm
 * @{
 */

AXV_EXTERN_C_BEGIN
/**
 * @brief Counts the vCPUs of the caller's current VM.
 * @param num Receives the count.
 * @return As axv_vmm_vcpu_num() for axv_vmm_current_vm_id().
 * @note Any context with a current VM; thread-safe.
 */
static inline int axv_vmm_current_vm_vcpu_num(size_t *num) {
    return axv_vmm_vcpu_num(axv_vmm_current_vm_id(), num);
}

/**
 * @brief Reports the active vCPUs of the caller's current VM.
 * @param mask Receives the mask of active vCPUs.
 * @return As axv_vmm_active_vcpus() for axv_vmm_current_vm_id().
 * @note Any context with a current VM; thread-safe.
 */
static inline int axv_vmm_current_vm_active_vcpus(uint64_t *mask) {
    return axv_vmm_active_vcpus(axv_vmm_current_vm_id(), mask);
}
AXV_EXTERN_C_END

/** @} */

#endif /* AXVISOR_API_VMM_H */
