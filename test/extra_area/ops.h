/*
 * Op list of "extra", a built-in area that exists only in the sub-builds of the extra_area
 * tests (CMake AXV_TEST_EXTRA_AREA): one op of each kind that needs no author-written
 * fallback. No include guard: it is expanded once per generated piece.
 */
#ifndef AXV_OP
#error "an op list is expanded by the generators; include <axvisor_api/axvisor_api.h>"
#endif

/** @brief A test-only area that shows what adding a built-in area takes. */
AXV_AREA_BEGIN(extra)

/**
 * @brief Stores a value.
 * @param value The value.
 * @return AXV_OK; AXV_ENOSYS when not implemented.
 * @note Any context; thread-safe.
 */
AXV_OP(extra, STATUS, int, poke, (uint32_t, value))

/**
 * @brief Reads the value.
 * @return The value. Fatal when not implemented.
 * @note Any context; thread-safe.
 */
AXV_OP(extra, VALUE, uint32_t, peek, (void))

/**
 * @brief Rings a bell.
 * @param bell Which bell.
 * @param times How often.
 * @note Any context; thread-safe. Fatal when not implemented.
 */
AXV_OP(extra, VOID, void, ring, (int, bell, size_t, times))

AXV_AREA_END(extra)
