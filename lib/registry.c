/* The registry core: header checks, the list of tracked areas, and sealing.
 *
 * Registration is boot-time work on one CPU, so it uses plain accesses. Sealing is the
 * publish step for every other CPU:
 *  1. the registering CPU writes the slots (plain stores), then seals;
 *  2. sealing stores `sealed` with release, and ends with a full fence;
 *  3. a CPU that reads `sealed` true with acquire (axv_api_is_sealed(),
 *     axv_api_wait_sealed()), or that reads with acquire any flag the sealing CPU stored
 *     after sealing, synchronises with (2), so every slot write of (1) is visible to it.
 * Accessors then read the slots with plain loads: nothing writes them any more. */
#include <stdatomic.h>

#include <axvisor_api/platform.h>
#include <axvisor_api/port.h>
#include <axvisor_api/registry.h>

/* Everything that must not change after sealing lives in section axv_registry, which sealing
 * makes read-only (see axv_port_protect_readonly()). */
struct axv_core_state {
    atomic_bool sealed;
    size_t num_areas;
    const struct axv_area_desc *areas[AXV_MAX_AREAS];
} AXV_ALIGNED(AXV_REGISTRY_ALIGN);

/* Built-in areas are tracked from the start, so sealing protects their slots even when no
 * table was ever registered for them. */
static AXV_REGISTRY_SECTION struct axv_core_state core = {
    .sealed = false,
    .num_areas = axv_num_builtin_areas,
    .areas =
        {
#define AXV_EACH_AREA(area) &axv_##area##_area,
#include <axvisor_api/each_area.h>
        },
};

typedef char axv_builtin_areas_fit[(axv_num_builtin_areas <= AXV_MAX_AREAS) ? 1 : -1];

/* All members after the header are function pointers, which share one size here. */
typedef void (*axv_any_op)(void);

static bool is_tracked(const struct axv_area_desc *area) {
    /*@ loop invariant 0 <= i <= core.num_areas;
        loop invariant \forall integer j; 0 <= j < i ==> core.areas[j] != area;
        loop assigns i;
        loop variant core.num_areas - i; */
    for (size_t i = 0; i < core.num_areas; i++) {
        if (core.areas[i] == area)
            return true;
    }
    return false;
}

int axv_area_check_writable(const struct axv_area_desc *area) {
    /* Relaxed: only the registering CPU seals, so it sees its own store. */
    if (atomic_load_explicit(&core.sealed, memory_order_relaxed))
        return AXV_EPERM;
    if (!is_tracked(area) && core.num_areas == AXV_MAX_AREAS)
        return AXV_ENOMEM;
    return AXV_OK;
}

int axv_area_check(const struct axv_area_desc *area, const struct axv_ops_hdr *hdr) {
    int rc = axv_area_check_writable(area);
    if (rc != AXV_OK)
        return rc;
    if (hdr == NULL)
        return AXV_EINVAL;
    if (hdr->magic != AXV_OPS_MAGIC || hdr->abi_major != AXV_ABI_MAJOR || hdr->reserved != 0)
        return AXV_EVERSION;
    if (hdr->size < sizeof(*hdr) || hdr->size > area->ops_size ||
        (hdr->size - sizeof(*hdr)) % sizeof(axv_any_op) != 0)
        return AXV_EVERSION;
    return AXV_OK;
}

void axv_area_commit(const struct axv_area_desc *area, uint64_t implemented) {
    area->state->implemented = implemented;
    if (!is_tracked(area)) {
        core.areas[core.num_areas] = area;
        core.num_areas++;
    }
}

size_t axv_api_area_count(void) {
    return core.num_areas;
}

const struct axv_area_desc *axv_api_area(size_t index) {
    return index < core.num_areas ? core.areas[index] : NULL;
}

bool axv_api_is_sealed(void) {
    return atomic_load_explicit(&core.sealed, memory_order_acquire);
}

void axv_api_wait_sealed(void) {
    while (!atomic_load_explicit(&core.sealed, memory_order_acquire)) {
    }
}

int axv_api_seal(void) {
    if (atomic_load_explicit(&core.sealed, memory_order_relaxed))
        return AXV_OK;
    /* Release: the slot writes before it are visible to whoever reads true with acquire.
     * Stored before protecting, which changes no value and may fail part way. */
    atomic_store_explicit(&core.sealed, true, memory_order_release);

    /* Keep going after a failure: protect as much as possible, report the first error. */
    int result = AXV_OK;
    for (size_t i = 0; i < core.num_areas; i++) {
        int rc = axv_port_protect_readonly(core.areas[i]->slot, core.areas[i]->slot_size);
        if (rc != AXV_OK && result == AXV_OK)
            result = rc;
    }
    /* Last: after this the core state cannot be written, not even by us. */
    int rc = axv_port_protect_readonly(&core, sizeof(core));
    if (rc != AXV_OK && result == AXV_OK)
        result = rc;
    /* Full fence: whatever flag the caller stores next (even relaxed) publishes the registry
     * to a CPU that reads it with acquire. */
    atomic_thread_fence(memory_order_seq_cst);
    return result;
}
