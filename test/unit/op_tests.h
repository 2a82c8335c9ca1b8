// Generates two GoogleTest cases per op of the op list(s) AXV_AREA_OPS names, so an op that
// exists is an op that is tested:
// - <area>Ops.<op>_Forwards: a registered op receives the accessor's arguments unchanged and
//   its result comes back unchanged (distinct values per parameter, so a swap or a default
//   cannot pass), and the op counts as implemented;
// - <area>Ops.<op>_DefaultFollowsItsKind: with no table, STATUS answers AXV_ENOSYS, VALUE and
//   VOID reach the fatal handler with "<area>.<op> is not implemented", FALLBACK holds
//   axv_<area>_fallback_<op>; and the op counts as not implemented.
// Built-in areas pass <axvisor_api/builtin_areas.h>; a component passes its own list.
// Include after the areas' headers and "test_support.h". No include guard: once per list.
#ifndef AXV_AREA_OPS
#error "define AXV_AREA_OPS as the op list's path before including op_tests.h"
#endif

#include <cstdint>
#include <type_traits>

#include "test_support.h"

#ifndef AXV_TEST_OP_TESTS_ONCE
#define AXV_TEST_OP_TESTS_ONCE
namespace axv_test {
// A value of type T that differs for every n (below 2^16) and from 0 and the defaults' results.
template <typename T> T distinct(unsigned n) {
    if constexpr (std::is_void_v<T>) {
        return;
    } else if constexpr (std::is_pointer_v<T>) {
        // Never dereferenced: the recording op only stores it.
        return reinterpret_cast<T>(static_cast<uintptr_t>(0x10000u * n + 0x48u));
    } else if constexpr (std::is_same_v<T, bool>) {
        return true;
    } else {
        static_assert(std::is_integral_v<T>, "op_tests.h: give distinct() this parameter type");
        return static_cast<T>(0x5a00u + 0x111u * n);
    }
}
} // namespace axv_test

// The arguments of one call: a struct named as the parameters, each a distinct value.
#define AXV_OT_SET(t, a) in.a = axv_test::distinct<t>(++n);
#define AXV_OT_IN(t, a) in.a
#define AXV_OT_SAME(t, a) EXPECT_TRUE(seen.a == in.a) << "parameter " #a " was not forwarded";
#define AXV_OT_MAKE_ARGS(params) \
    struct {                     \
        AXV_FIELDS(params)       \
    } in{};                      \
    unsigned n = 0;              \
    (void)n, (void)in;           \
    AXV_MAP_PARAMS(AXV_OT_SET, AXV_SEP_NONE, , params)
#define AXV_OT_CALL(area, name, params) \
    axv_##area##_##name(AXV_MAP_PARAMS(AXV_OT_IN, AXV_SEP_COMMA, , params))

// The recorded op's result: 99 is no parameter's index.
#define AXV_OT_RESULT_IS_FORWARDED_STATUS(ret, call) \
    EXPECT_TRUE((call) == axv_test::distinct<ret>(99)) << "the result was not returned";
#define AXV_OT_RESULT_IS_FORWARDED_VALUE AXV_OT_RESULT_IS_FORWARDED_STATUS
#define AXV_OT_RESULT_IS_FORWARDED_FALLBACK AXV_OT_RESULT_IS_FORWARDED_STATUS
#define AXV_OT_RESULT_IS_FORWARDED_VOID(ret, call) call;

#define AXV_OT_DEFAULT_STATUS(area, ret, name, params)          \
    {                                                           \
        AXV_OT_MAKE_ARGS(params)                                \
        EXPECT_EQ(AXV_OT_CALL(area, name, params), AXV_ENOSYS); \
    }
#define AXV_OT_DEFAULT_VALUE(area, ret, name, params)                             \
    {                                                                             \
        const char *message = axv_test_capture_fatal([] {                         \
            AXV_OT_MAKE_ARGS(params)                                              \
            (void)AXV_OT_CALL(area, name, params);                                \
        });                                                                       \
        ASSERT_NE(message, nullptr) << "the default returned instead of failing"; \
        EXPECT_STREQ(message, #area "." #name " is not implemented");             \
    }
#define AXV_OT_DEFAULT_VOID AXV_OT_DEFAULT_VALUE
#define AXV_OT_DEFAULT_FALLBACK(area, ret, name, params)         \
    {                                                            \
        struct axv_##area##_ops table {};                        \
        ASSERT_EQ(axv_##area##_get(&table), AXV_OK);             \
        EXPECT_TRUE(table.name == &axv_##area##_fallback_##name) \
            << "the default is not the documented fallback";     \
    }
#endif // AXV_TEST_OP_TESTS_ONCE

// Pass 1: a fixture per area that starts and ends with the library's defaults.
#define AXV_AREA_BEGIN(area)                         \
    class area##Ops : public RegistryTest {          \
      protected:                                     \
        void SetUp() override {                      \
            RegistryTest::SetUp();                   \
            ASSERT_EQ(axv_##area##_reset(), AXV_OK); \
        }                                            \
        void TearDown() override {                   \
            EXPECT_EQ(axv_##area##_reset(), AXV_OK); \
            RegistryTest::TearDown();                \
        }                                            \
    };
#define AXV_OP(area, kind, ret, name, params)
#define AXV_AREA_END(area)
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

// Pass 2: the two cases of every op.
#define AXV_AREA_BEGIN(area)
#define AXV_OP(area, kind, ret, name, params)                                   \
    TEST_F(area##Ops, name##_Forwards) {                                        \
        static struct { AXV_FIELDS(params) } seen;                              \
        static int calls;                                                       \
        struct axv_##area##_ops ops {};                                         \
        ops.hdr = AXV_OPS_HDR_INIT(struct axv_##area##_ops);                    \
        ops.name = [](AXV_PARAMS_OR_EMPTY(params)) -> ret {                     \
            calls++;                                                            \
            seen = AXV_ARGS_INIT(params);                                       \
            AXV_PRIV_RETURN_##kind axv_test::distinct<ret>(99);                 \
        };                                                                      \
        EXPECT_FALSE(axv_##area##_implements(axv_##area##_op_##name));          \
        ASSERT_EQ(axv_##area##_register(&ops), AXV_OK);                         \
        EXPECT_TRUE(axv_##area##_implements(axv_##area##_op_##name));           \
        AXV_OT_MAKE_ARGS(params)                                                \
        calls = 0;                                                              \
        AXV_OT_RESULT_IS_FORWARDED_##kind(ret, AXV_OT_CALL(area, name, params)) \
                EXPECT_EQ(calls, 1)                                             \
            << "the accessor did not call the registered op once";              \
        AXV_MAP_PARAMS(AXV_OT_SAME, AXV_SEP_NONE, , params)                     \
    }                                                                           \
    TEST_F(area##Ops, name##_DefaultFollowsItsKind) {                           \
        EXPECT_FALSE(axv_##area##_implements(axv_##area##_op_##name));          \
        AXV_OT_DEFAULT_##kind(area, ret, name, params)                          \
    }
#define AXV_AREA_END(area)
#include AXV_AREA_OPS
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

#undef AXV_AREA_OPS
