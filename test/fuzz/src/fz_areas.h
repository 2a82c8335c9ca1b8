/* Expands FZ_EACH(area) for every built-in area, then for the component-defined one, and
 * undefines it. No include guard: included once per expansion. */
#define AXV_EACH_AREA(area) FZ_EACH(area)
#include <axvisor_api/each_area.h>
FZ_EACH(vgic)
#undef FZ_EACH
