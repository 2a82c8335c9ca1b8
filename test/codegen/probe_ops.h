/*
 * Op list of the codegen check's own area, `probe`: the built-in areas have no VOID op, so
 * this one supplies it. Expanded by <axvisor_api/area_declare.h> from probe.c.
 * No include guard: it is expanded once per generated piece.
 */
#ifndef AXV_OP
#error "an op list is expanded by <axvisor_api/area_declare.h>; include it from probe.c"
#endif

AXV_AREA_BEGIN(probe)

/** @brief A VOID op: returns nothing, fatal by default. */
AXV_OP(probe, VOID, void, poke, (int, code))

AXV_AREA_END(probe)
