/* memory.c's hook for tests: a consistency check of the frame allocator. */
#ifndef AXV_POSIX_MEMORY_CHECK_H
#define AXV_POSIX_MEMORY_CHECK_H

#include <stdbool.h>

/* Checks every invariant of the frame allocator (see axv_posix_buddy_check()) under its
 * lock: O(frames), for tests. Returns true when they hold, false when one is broken or the
 * memory part is not started. Thread-safe. */
bool axv_posix_memory_check(void);

#endif /* AXV_POSIX_MEMORY_CHECK_H */
