/* Uses the generated table of an implementation that leaves one op out: must not link. */
#include "vgic_impl.h"

int main(void) {
    return axv_vgic_register(&demo_vgic_ops) == AXV_OK ? 0 : 1;
}
