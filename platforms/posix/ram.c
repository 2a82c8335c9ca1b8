/* The RAM: one anonymous mapping plays the "physical" RAM. It gets a fake physical base
 * (the configured one) that never overlaps its virtual range, so code that confuses the
 * two address kinds faults or trips a fatal check instead of working by accident. Frames
 * come from the buddy allocator in buddy.c, whose metadata lives outside the region.
 *
 * Locking: one mutex guards the allocator and the running flag. Alloc and free are short
 * (O(log n), no system call, no allocation), so one lock costs little for the handful of
 * threads a hypervisor runs and keeps the reasoning simple. The translations take no lock:
 * they read the region's bounds, which start() publishes before setting `mapped` with
 * release order and which stay unchanged until stop() clears it; readers load `mapped`
 * with acquire order first. Ops must not race with start() or stop() themselves (the
 * platform's shutdown runs once nothing else uses it). The memory ops are in memory_ops.c. */
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>

#include "buddy.h"
#include "memory_check.h"
#include "posix_parts.h"
#include "ram.h"

/* How many mappings start() tries before giving up on one that misses the fake physical
 * range (each failed one is held until the end, so the next lands elsewhere). */
#define MAP_ATTEMPTS 4

static struct axv_posix_ram_region ram;
static atomic_bool mapped;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static bool running;
static struct axv_posix_buddy frames;

static bool ranges_overlap(uint64_t a, uint64_t b, uint64_t len) {
    return a < b + len && b < a + len;
}

/* Maps @p bytes whose virtual range misses [phys, phys + bytes); MAP_FAILED if none. */
static void *map_region(size_t bytes, axv_paddr_t phys) {
    void *tried[MAP_ATTEMPTS];
    void *found = MAP_FAILED;
    int n = 0;
    while (n < MAP_ATTEMPTS) {
        /* NORESERVE: untouched frames cost nothing, so large regions are cheap in tests. */
        void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                       /* cppcheck-suppress invalidFunctionArg ; anonymous: POSIX wants fd -1 */
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED)
            break;
        if (!ranges_overlap((uint64_t)(uintptr_t)p, phys, bytes)) {
            found = p;
            break;
        }
        tried[n++] = p;
    }
    while (n > 0)
        munmap(tried[--n], bytes);
    return found;
}

int axv_posix_memory_start(const struct axv_posix_resolved *config) {
    /* More frames than the allocator can index get AXV_EINVAL from its init. */
    if (config == NULL || config->ram_bytes == 0 || config->ram_bytes % AXV_FRAME_SIZE != 0 ||
        config->ram_phys_base % AXV_FRAME_SIZE != 0 ||
        config->ram_phys_base > UINT64_MAX - (uint64_t)config->ram_bytes)
        return AXV_EINVAL;

    pthread_mutex_lock(&lock);
    int rc = AXV_EBUSY;
    if (!running) {
        rc = axv_posix_buddy_init(&frames, config->ram_phys_base / AXV_FRAME_SIZE,
                                  config->ram_bytes / AXV_FRAME_SIZE);
        void *region = MAP_FAILED;
        if (rc == AXV_OK) {
            region = map_region(config->ram_bytes, config->ram_phys_base);
            if (region == MAP_FAILED) {
                axv_posix_buddy_destroy(&frames);
                rc = AXV_ENOMEM;
            }
        }
        if (rc == AXV_OK) {
            ram.virt = (uintptr_t)region;
            ram.phys = config->ram_phys_base;
            ram.bytes = config->ram_bytes;
            /* Release: a translation that sees `mapped` also sees the bounds above. */
            atomic_store_explicit(&mapped, true, memory_order_release);
            running = true;
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

size_t axv_posix_memory_stop(void) {
    pthread_mutex_lock(&lock);
    size_t in_use = 0;
    if (running) {
        running = false;
        in_use = frames.frames_in_use;
        /* Relaxed: no translation may race with stop(); whoever synchronises with this
         * thread afterwards (the lock, a join) sees the flag cleared. */
        atomic_store_explicit(&mapped, false, memory_order_relaxed);
        axv_posix_buddy_destroy(&frames);
        munmap((void *)ram.virt, ram.bytes);
    }
    pthread_mutex_unlock(&lock);
    return in_use;
}

/* The index of the frame at @p paddr; false for an address that is not a frame start of
 * the region. Called with the lock held (the bounds are stable then). */
static bool frame_index(axv_paddr_t paddr, size_t *index) {
    if (paddr < ram.phys || paddr - ram.phys >= ram.bytes || paddr % AXV_FRAME_SIZE != 0)
        return false;
    *index = (size_t)((paddr - ram.phys) / AXV_FRAME_SIZE);
    return true;
}

int axv_posix_ram_alloc(size_t num_frames, unsigned align_order, axv_paddr_t *first) {
    size_t index;
    pthread_mutex_lock(&lock);
    int rc = running ? axv_posix_buddy_alloc(&frames, num_frames, align_order, &index) : AXV_EPERM;
    if (rc == AXV_OK)
        *first = ram.phys + (axv_paddr_t)index * AXV_FRAME_SIZE;
    pthread_mutex_unlock(&lock);
    return rc;
}

int axv_posix_ram_free(axv_paddr_t first, size_t num_frames) {
    size_t index;
    pthread_mutex_lock(&lock);
    int rc = AXV_EPERM;
    if (running)
        rc = frame_index(first, &index) ? axv_posix_buddy_free(&frames, index, num_frames)
                                        : AXV_EINVAL;
    pthread_mutex_unlock(&lock);
    return rc;
}

bool axv_posix_ram_running(void) {
    pthread_mutex_lock(&lock);
    bool r = running;
    pthread_mutex_unlock(&lock);
    return r;
}

bool axv_posix_ram_region(struct axv_posix_ram_region *region) {
    if (!atomic_load_explicit(&mapped, memory_order_acquire))
        return false;
    *region = ram;
    return true;
}

bool axv_posix_memory_check(void) {
    pthread_mutex_lock(&lock);
    bool ok = running && axv_posix_buddy_check(&frames);
    pthread_mutex_unlock(&lock);
    return ok;
}
