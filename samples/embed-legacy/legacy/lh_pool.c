/* lh page pool: LH_POOL_PAGES pages in a static arena, free ones chained through their first
 * word. */
#include <stddef.h>

#include "lh.h"

static _Alignas(LH_PAGE_SIZE) unsigned char arena[LH_POOL_PAGES * LH_PAGE_SIZE];
static void *free_list;
struct lh_stats lh_stats;

void lh_pool_init(void) {
    free_list = NULL;
    for (unsigned i = LH_POOL_PAGES; i-- > 0;) {
        void *page = arena + (size_t)i * LH_PAGE_SIZE;
        *(void **)page = free_list;
        free_list = page;
    }
}

lh_va_t lh_page_alloc(void) {
    void *page = free_list;
    if (page) {
        free_list = *(void **)page;
        lh_stats.pages_alloc++;
    }
    return page;
}

void lh_page_free(lh_va_t page) {
    *(void **)page = free_list;
    free_list = page;
    lh_stats.pages_free++;
}

lh_pa_t lh_va_to_pa(lh_va_t va) {
    unsigned char *p = va;
    if (p < arena || p >= arena + sizeof(arena))
        return ~(lh_pa_t)0;
    return LH_PHYS_OFFSET + (lh_pa_t)(p - arena);
}

lh_va_t lh_pa_to_va(lh_pa_t pa) {
    if (pa < LH_PHYS_OFFSET || pa - LH_PHYS_OFFSET >= sizeof(arena))
        return NULL;
    return arena + (size_t)(pa - LH_PHYS_OFFSET);
}
