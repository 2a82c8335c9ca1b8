/*
 * The vgic_host area's registry storage (its slot, defaults, descriptor and registration
 * functions, all generated), and the fallback its op list promises for kick_vcpus.
 * Exactly one C file of the program includes area_define.h for the area.
 */
#include <vgic/host_api.h>

/* NOLINTNEXTLINE(bugprone-macro-parentheses): a header name for #include, not an expression */
#define AXV_AREA_OPS <vgic/host_ops.h>
#include <axvisor_api/area_define.h>

int axv_vgic_host_fallback_kick_vcpus(axv_vm_id_t vm_id, uint64_t vcpu_mask) {
    int first_error = AXV_OK;
    for (axv_vcpu_id_t vcpu = 0; vcpu < 64 && (vcpu_mask >> vcpu) != 0; vcpu++) {
        if (((vcpu_mask >> vcpu) & 1u) == 0)
            continue;
        int rc = axv_vgic_host_kick_vcpu(vm_id, vcpu);
        if (rc != AXV_OK && first_error == AXV_OK)
            first_error = rc;
    }
    return first_error;
}
