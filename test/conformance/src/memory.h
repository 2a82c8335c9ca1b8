/* Shared by the memory cases: frame helpers and the cases listed by memory_cases.c. */
#ifndef AXV_CONFORMANCE_MEMORY_H
#define AXV_CONFORMANCE_MEMORY_H

#include "suite.h"

#define AXV_CONF_FRAME ((axv_paddr_t)AXV_FRAME_SIZE)
/* Surely not RAM: above any physical address space (52 bits on AArch64, 56 on RISC-V). */
#define AXV_CONF_FOREIGN_FRAME (~(axv_paddr_t)0 - AXV_CONF_FRAME + 1u)
#define AXV_CONF_WORDS_PER_FRAME (AXV_FRAME_SIZE / sizeof(uint64_t))

/* Fails the case with "<before><addr in hex><after>". */
void axv_conf_fail_addr(struct axv_conf_case *c, const char *before, axv_paddr_t addr,
                        const char *after);
/* Allocates n frames into frames[]; returns how many it got (failing the case if fewer). */
size_t axv_conf_alloc_frames(struct axv_conf_case *c, axv_paddr_t *frames, size_t n);
/* Frees frames[0..n); each must be accepted, since each was allocated. */
void axv_conf_free_frames(struct axv_conf_case *c, const axv_paddr_t *frames, size_t n);
bool axv_conf_ranges_overlap(axv_paddr_t a, size_t a_frames, axv_paddr_t b, size_t b_frames);
/* The suite writes frames a word at a time; a frame that is not even word-aligned cannot
 * be written that way on strict-alignment targets: fails the case. */
bool axv_conf_word_aligned(struct axv_conf_case *c, axv_paddr_t frame);
/* The frame's words, through phys_to_virt. */
volatile uint64_t *axv_conf_frame_words(axv_paddr_t frame);

/* Single frames (frame_cases.c). */
void axv_conf_case_alloc_frame_distinct_aligned(struct axv_conf_case *c);
void axv_conf_case_frames_writable(struct axv_conf_case *c);
void axv_conf_case_dealloc_frame_invalid(struct axv_conf_case *c);
void axv_conf_case_dealloc_frame_twice(struct axv_conf_case *c);
void axv_conf_case_alloc_frame_null(struct axv_conf_case *c);

/* Contiguous runs (contiguous_cases.c). */
void axv_conf_case_contiguous_alignment(struct axv_conf_case *c);
void axv_conf_case_contiguous_no_overlap(struct axv_conf_case *c);
void axv_conf_case_dealloc_contiguous_invalid(struct axv_conf_case *c);
void axv_conf_case_dealloc_contiguous_twice(struct axv_conf_case *c);
void axv_conf_case_alloc_contiguous_null(struct axv_conf_case *c);
void axv_conf_case_alloc_contiguous_bad_align(struct axv_conf_case *c);
void axv_conf_case_alloc_contiguous_zero(struct axv_conf_case *c);
void axv_conf_case_alloc_contiguous_overflow(struct axv_conf_case *c);

#endif /* AXV_CONFORMANCE_MEMORY_H */
