/**
 * @file gmock_area.h
 * @ingroup axv_gmock
 * @brief Generates an API area's gMock class and trampoline table from its op list (C++).
 *
 * Include it after <axvisor_api/mock/gmock.h> and the area's own header, with
 * `AXV_AREA_OPS` defined as the op list's path:
 * @code
 * #include <axvisor_api/mock/gmock.h>
 * #include <demo_vgic/vgic_api.h>
 * #define AXV_AREA_OPS <demo_vgic/ops.h>
 * #include <axvisor_api/mock/gmock_area.h>
 * @endcode
 * For an area `A` this defines, in namespace axv::mock:
 * - `class A`: one `MOCK_METHOD` per op, with the op's name, return type and parameters
 *   (`()` where the list says `(void)`), `A::area_type` (A itself, so guards can deduce the
 *   area from a `StrictMock<A>`), and `static const axv_A_ops &A::ops_table()`;
 * - `area_traits<A>`, which axv::mock::scoped_install uses: one trampoline per op that
 *   forwards to `area_traits<A>::current`, and the table of those trampolines.
 *
 * gmock.h does this for every built-in area. This header has no include guard (it runs
 * once per area); it undefines AXV_AREA_OPS.
 */
#ifndef __cplusplus
#error "<axvisor_api/mock/gmock_area.h> is for C++ tests (gMock)"
#endif
#ifndef AXVISOR_API_MOCK_GMOCK_H
#error "include <axvisor_api/mock/gmock.h> before <axvisor_api/mock/gmock_area.h>"
#endif
#ifndef AXV_AREA_OPS
#error "define AXV_AREA_OPS as the op list's path before including <axvisor_api/mock/gmock_area.h>"
#endif

#include <axvisor_api/oplist.h>

/* Pass 1: the mock class (MOCK_METHOD refuses `(void)`, hence AXV_PARAMS_OR_EMPTY). */
#define AXV_AREA_BEGIN(area)                    \
    namespace axv {                             \
    namespace mock {                            \
    class area {                                \
      public:                                   \
        using area_type = area;                 \
        area() = default;                       \
        area(const area &) = delete;            \
        area &operator=(const area &) = delete; \
        static const struct axv_##area##_ops &ops_table();
#define AXV_OP(area, kind, ret, name, params) MOCK_METHOD(ret, name, (AXV_PARAMS_OR_EMPTY(params)));
#define AXV_AREA_END(area) \
    }                      \
    ;                      \
    }                      \
    }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 2: the traits, with one trampoline per op. A trampoline with no mock to reach (the
 * table was registered without a guard) fails the test instead of crashing. */
#define AXV_AREA_BEGIN(area)                        \
    namespace axv {                                 \
    namespace mock {                                \
    template <> struct area_traits<area> {          \
        using ops_type = struct axv_##area##_ops;   \
        static inline area *current = nullptr;      \
        static const struct axv_area_desc &desc() { \
            return axv_##area##_area;               \
        }                                           \
        static int get(ops_type *out) {             \
            return axv_##area##_get(out);           \
        }                                           \
        static int install(const ops_type *ops) {   \
            return axv_##area##_register(ops);      \
        }                                           \
        static const ops_type &table();
#define AXV_OP(area, kind, ret, name, params)                                                 \
    static ret trampoline_##name(AXV_PARAMS(params)) {                                        \
        area *const axv_priv_mock = area_traits::current;                                     \
        if (axv_priv_mock == nullptr) {                                                       \
            ADD_FAILURE() << "axv::mock: " #area "." #name " was called but no mock of area " \
                             "\"" #area "\" is installed (use axv::mock::scoped_install)";    \
            return ret();                                                                     \
        }                                                                                     \
        return axv_priv_mock->name(AXV_ARGS(params));                                         \
    }
#define AXV_AREA_END(area) \
    }                      \
    ;                      \
    }                      \
    }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

/* Pass 3: the trampoline table, built once (C++17 has no designated initialisers). */
#define AXV_AREA_BEGIN(area)                                           \
    namespace axv {                                                    \
    namespace mock {                                                   \
    inline const struct axv_##area##_ops &area_traits<area>::table() { \
        static const ops_type trampolines = [] {                                                   \
            ops_type ops{};                                                                        \
            ops.hdr = AXV_OPS_HDR_INIT(ops_type);
#define AXV_OP(area, kind, ret, name, params) ops.name = &area_traits<area>::trampoline_##name;
#define AXV_AREA_END(area)                                    \
    return ops;                                               \
    }                                                         \
    ();                                                       \
    return trampolines;                                       \
    }                                                         \
    inline const struct axv_##area##_ops &area::ops_table() { \
        return area_traits<area>::table();                    \
    }                                                         \
    }                                                         \
    }
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

#undef AXV_AREA_OPS
