/*
 * Op list of the host area: facts about the machine the hypervisor runs on.
 * An op list is data for the generators; include <axvisor_api/axvisor_api.h> instead.
 * No include guard: it is expanded once per generated piece.
 */
#ifndef AXV_OP
#error "an op list is expanded by the generators; include <axvisor_api/axvisor_api.h>"
#endif

/** @brief Facts about the host machine. */
AXV_AREA_BEGIN(host)

/**
 * @brief Counts the host's physical CPUs that the hypervisor runs on.
 * @return The count, at least 1. Fatal when not implemented.
 * @note Any context; thread-safe.
 */
AXV_OP(host, VALUE, size_t, cpu_num, (void))

AXV_AREA_END(host)
