/*
 * Op list of the memory area: physical frames and address conversion.
 * An op list is data for the generators; include <axvisor_api/axvisor_api.h> instead.
 * No include guard: it is expanded once per generated piece.
 */
#ifndef AXV_OP
#error "an op list is expanded by the generators; include <axvisor_api/axvisor_api.h>"
#endif

/** @brief Physical frame allocation and physical/virtual address conversion. */
AXV_AREA_BEGIN(memory)

/**
 * @brief Allocates one physical frame (AXV_FRAME_SIZE bytes, AXV_FRAME_SIZE-aligned).
 * @param frame Receives the frame's physical address on success; untouched on failure.
 * @return AXV_OK; AXV_ENOMEM when no frame is free; AXV_EINVAL when @p frame is NULL;
 *         AXV_ENOSYS when the platform has no allocator.
 * @note Calling context and thread-safety are the platform's to document: the reference
 *       platforms are thread-safe and never sleep (posix holds a short mutex; qemu a
 *       spinlock with IRQs masked, so IRQ context is allowed there).
 */
AXV_OP(memory, STATUS, int, alloc_frame, (axv_paddr_t *, frame))

/**
 * @brief Allocates @p num_frames physically contiguous frames.
 * @param num_frames How many frames; at least 1.
 * @param align_bytes Alignment of the first frame: a power of two; 0 or anything up to
 *        AXV_FRAME_SIZE means frame alignment.
 * @param first Receives the physical address of the first frame on success.
 * @return AXV_OK; AXV_ENOMEM when no such run is free; AXV_EINVAL for a NULL @p first,
 *         zero @p num_frames, a size that overflows, or an @p align_bytes that is not a
 *         power of two; AXV_ENOSYS when not implemented.
 * @note Context and thread-safety as for axv_memory_alloc_frame().
 */
AXV_OP(memory, STATUS, int, alloc_contiguous_frames,
       (size_t, num_frames, size_t, align_bytes, axv_paddr_t *, first))

/**
 * @brief Frees one frame from axv_memory_alloc_frame().
 * @param frame The frame's physical address.
 * @return AXV_OK; AXV_EINVAL when @p frame is not an allocated frame (never allocated,
 *         already freed, misaligned, foreign); AXV_ENOSYS when not implemented.
 * @note Context and thread-safety as for axv_memory_alloc_frame().
 */
AXV_OP(memory, STATUS, int, dealloc_frame, (axv_paddr_t, frame))

/**
 * @brief Frees a run from axv_memory_alloc_contiguous_frames().
 * @param first Physical address of the run's first frame.
 * @param num_frames The run's length, as allocated.
 * @return AXV_OK; AXV_EINVAL when the range is not an allocated run; AXV_ENOSYS when not
 *         implemented.
 * @note Context and thread-safety as for axv_memory_alloc_frame().
 */
AXV_OP(memory, STATUS, int, dealloc_contiguous_frames, (axv_paddr_t, first, size_t, num_frames))

/**
 * @brief Converts a physical address to the hypervisor virtual address that maps it.
 * @param paddr A physical address inside memory the platform maps.
 * @return The virtual address. An address the platform does not map is fatal (the platform
 *         reports it through axv_fatal()), as is a platform without this op.
 * @note Any context; thread-safe; never sleeps.
 */
AXV_OP(memory, VALUE, axv_vaddr_t, phys_to_virt, (axv_paddr_t, paddr))

/**
 * @brief Converts a hypervisor virtual address back to its physical address.
 * @param vaddr A virtual address inside memory the platform maps.
 * @return The physical address; axv_memory_virt_to_phys(axv_memory_phys_to_virt(p)) == p.
 *         An unmapped address is fatal, as is a platform without this op.
 * @note Any context; thread-safe; never sleeps.
 */
AXV_OP(memory, VALUE, axv_paddr_t, virt_to_phys, (axv_vaddr_t, vaddr))

AXV_AREA_END(memory)
