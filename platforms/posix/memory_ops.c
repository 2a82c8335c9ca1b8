/* The memory ops over the RAM (ram.c). Argument errors are reported only once the platform
 * runs: before start every STATUS op answers AXV_EPERM, whatever its arguments; the
 * translations are fatal outside RAM or while stopped. */
#include <inttypes.h>
#include <stdio.h>

#include "posix_internal.h"
#include "ram.h"

int axv_posix_memory_alloc_frame(axv_paddr_t *frame) {
    if (frame == NULL)
        return axv_posix_ram_running() ? AXV_EINVAL : AXV_EPERM;
    return axv_posix_ram_alloc(1, 0, frame);
}

int axv_posix_memory_alloc_contiguous_frames(size_t num_frames, size_t align_bytes,
                                             axv_paddr_t *first) {
    if (first == NULL || num_frames == 0 || num_frames > SIZE_MAX / AXV_FRAME_SIZE ||
        (align_bytes & (align_bytes - 1u)) != 0)
        return axv_posix_ram_running() ? AXV_EINVAL : AXV_EPERM;
    /* An alignment beyond any block's makes the buddy allocator answer AXV_ENOMEM. */
    unsigned align_order = align_bytes <= AXV_FRAME_SIZE
                               ? 0u
                               : (unsigned)__builtin_ctzll(align_bytes / AXV_FRAME_SIZE);
    return axv_posix_ram_alloc(num_frames, align_order, first);
}

int axv_posix_memory_dealloc_frame(axv_paddr_t frame) {
    return axv_posix_ram_free(frame, 1);
}

int axv_posix_memory_dealloc_contiguous_frames(axv_paddr_t first, size_t num_frames) {
    /* Zero frames never matches a run's recorded length: AXV_EINVAL from the allocator. */
    return axv_posix_ram_free(first, num_frames);
}

/* Reports a translation that cannot be made; @p what describes the address. */
static AXV_NORETURN void translation_fatal(enum axv_memory_op op, const char *what,
                                           uint64_t address) {
    char message[192];
    const char *name = axv_memory_area.op_names[op];
    struct axv_posix_ram_region ram;
    /* A message cut at its buffer's end still names the op and the address's kind. */
    if (axv_posix_ram_region(&ram))
        (void)snprintf(message, sizeof(message),
                       "%s.%s: %s address 0x%" PRIx64 " is outside RAM (physical 0x%" PRIx64
                       "..0x%" PRIx64 ", virtual 0x%" PRIxPTR "..0x%" PRIxPTR ")",
                       axv_memory_area.name, name, what, address, ram.phys,
                       ram.phys + ram.bytes - 1u, ram.virt, ram.virt + ram.bytes - 1u);
    else
        (void)snprintf(message, sizeof(message),
                       "%s.%s: the posix platform is not started (%s address 0x%" PRIx64 ")",
                       axv_memory_area.name, name, what, address);
    axv_fatal(message);
}

axv_vaddr_t axv_posix_memory_phys_to_virt(axv_paddr_t paddr) {
    struct axv_posix_ram_region ram;
    if (!axv_posix_ram_region(&ram) || paddr < ram.phys || paddr - ram.phys >= ram.bytes)
        translation_fatal(axv_memory_op_phys_to_virt, "physical", paddr);
    return ram.virt + (uintptr_t)(paddr - ram.phys);
}

axv_paddr_t axv_posix_memory_virt_to_phys(axv_vaddr_t vaddr) {
    struct axv_posix_ram_region ram;
    if (!axv_posix_ram_region(&ram) || vaddr < ram.virt || vaddr - ram.virt >= ram.bytes)
        translation_fatal(axv_memory_op_virt_to_phys, "virtual", vaddr);
    return ram.phys + (axv_paddr_t)(vaddr - ram.virt);
}
