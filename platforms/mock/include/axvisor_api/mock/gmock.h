/**
 * @file gmock.h
 * @brief gMock classes for every built-in API area, and a guard that installs one for a
 * test's scope (C++ and GoogleTest only).
 *
 * For each built-in area `A` this header defines `axv::mock::A` (axv::mock::memory,
 * axv::mock::time, ...): one `MOCK_METHOD` per op, generated from the area's op list by
 * <axvisor_api/mock/gmock_area.h>, and `A::ops_table()`, a C ops table whose every entry is
 * a trampoline forwarding to the mock object installed for the area. A component-defined
 * area gets the same class from the same generator (after including this header):
 * @code
 * #include <axvisor_api/mock/gmock.h>
 * #include <demo_vgic/vgic_api.h>
 * #define AXV_AREA_OPS <demo_vgic/ops.h>
 * #include <axvisor_api/mock/gmock_area.h>   // defines axv::mock::vgic
 * @endcode
 *
 * A test installs a mock with axv::mock::scoped_install, which puts the previous table
 * back when the scope ends, however it ends:
 * @code
 * ::testing::StrictMock<axv::mock::time> time;
 * axv::mock::scoped_install guard(time);          // axv_time_*() now reach `time`
 * EXPECT_CALL(time, cancel_timer(7)).WillOnce(::testing::Return(AXV_OK));
 * @endcode
 * Parameters keep the names of the op list; ops whose list says `(void)` take `()`. Every
 * op of an installed mock counts as implemented (`axv_A_implements()` is true for all), and
 * a `FALLBACK` op reaches the mock, not its fallback. An op called without an expectation
 * behaves as gMock says for the mock's kind (naggy, nice or strict): by default it returns
 * a value-initialised result, which for a status is AXV_OK.
 *
 * @par Safety rules (the registry is global)
 * - Threads: construct and destroy guards only while no other thread calls the API, as for
 *   any registration (typically: at the start and end of the test, around the threads'
 *   creation and join). While a guard is in scope, any thread may call the area's accessors:
 *   calls into an installed mock are as thread-safe as gMock makes them (set expectations
 *   before starting the threads).
 * - Nesting: guards may nest, for the same area (the innermost mock receives the calls and,
 *   once it is gone, the enclosing one again) or for different areas. They must be
 *   destroyed in reverse order of construction, which scopes and fixture members ensure; a
 *   guard destroyed out of order reports a failure.
 * - Lifetime: the mock must outlive its guard (declare it first). Guards can be fixture
 *   members; a fixture that resets the registry must then do it in its constructor and
 *   destructor, not in SetUp()/TearDown(), which run inside the guards' lifetime.
 * - Sealing: once axv_api_seal() has run no table can change, so a guard refuses: it reports
 *   a fatal GoogleTest failure naming the area and saying "the registry is sealed", installs
 *   nothing, and installed() is false. Calls keep going to the sealed table, never to the
 *   mock; stop the test with `ASSERT_TRUE(guard.installed())` if it cannot go on. A guard
 *   already installed when the registry is sealed cannot restore the previous table: its
 *   destructor reports that, and calls keep reaching the trampolines (the enclosing guard's
 *   mock, or a failure when there is none). Seal only in a child process (EXPECT_EXIT) in
 *   tests that use guards.
 * - Registering `A::ops_table()` without a guard is possible but then no mock receives the
 *   calls: each call reports a GoogleTest failure and returns a value-initialised result.
 */
#ifndef AXVISOR_API_MOCK_GMOCK_H
#define AXVISOR_API_MOCK_GMOCK_H

#ifndef __cplusplus
#error "<axvisor_api/mock/gmock.h> is for C++ tests (gMock); C code uses the fakes"
#endif

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <axvisor_api/axvisor_api.h>

/**
 * @defgroup axv_gmock gMock adapters
 * @brief One gMock class per area and a guard that installs it for a scope (C++ tests).
 * @{
 */

namespace axv {
namespace mock {

/**
 * @brief What scoped_install needs to know about an area's mock class; specialised for
 * each area by <axvisor_api/mock/gmock_area.h>.
 *
 * A specialisation has `ops_type` (the C table), `desc()` (the area's descriptor),
 * `get()` and `install()` (the area's get and register functions), `table()` (the
 * trampoline table) and `current`, the mock the trampolines forward to (nullptr when none).
 */
template <typename Area> struct area_traits;

/**
 * @brief Installs a mock for one area for the lifetime of the guard.
 *
 * The constructor saves the table in effect (`axv_<area>_get`), makes @p mock the target of
 * the area's trampolines and registers the trampoline table; the destructor registers the
 * saved table again (`axv_<area>_register`, an exact round trip) and gives the trampolines
 * back to the enclosing guard's mock, if any. That runs on every way out of the scope: end
 * of the test, a failed `ASSERT_` returning early, an exception.
 *
 * When the table cannot be installed (the registry is sealed; a component area beyond
 * AXV_MAX_AREAS) the constructor reports a fatal GoogleTest failure naming the area and the
 * reason, changes nothing, and installed() is false; the destructor then does nothing.
 *
 * @tparam Area The area's mock class, e.g. axv::mock::time. `scoped_install guard(m);`
 *         deduces it, also when @p m is a `StrictMock<>` or `NiceMock<>` of it.
 * @note Not thread-safe: construct and destroy while no other thread uses the API. See the
 *       file's safety rules.
 */
template <typename Area> class scoped_install {
    using traits = area_traits<Area>;

  public:
    /**
     * @brief Installs @p mock as the area's implementation.
     * @param mock The mock receiving the area's calls; must outlive the guard.
     */
    explicit scoped_install(Area &mock) : mock_(mock), outer_(traits::current) {
        int rc = traits::get(&previous_);
        if (rc != AXV_OK) {
            refuse(rc, "reading the table in effect failed");
            return;
        }
        traits::current = &mock_;
        rc = traits::install(&traits::table());
        if (rc != AXV_OK) {
            traits::current = outer_;
            refuse(rc, rc == AXV_EPERM ? "the registry is sealed (axv_api_seal() was called); "
                                         "calls keep going to the sealed table"
                                       : "registering the mock's table failed");
            return;
        }
        installed_ = true;
    }

    /**
     * @brief Restores the table and the mock that were in effect before the guard.
     *
     * A guard destroyed out of order reports a failure and leaves the trampolines with no
     * mock (calls then fail the test), rather than pointing them at a mock that may be gone.
     */
    ~scoped_install() {
        if (!installed_)
            return;
        const bool in_order = traits::current == &mock_;
        if (!in_order)
            ADD_FAILURE() << "axv::mock: the guards of area \"" << traits::desc().name
                          << "\" were not destroyed in reverse order of construction";
        const int rc = traits::install(&previous_);
        traits::current = in_order ? outer_ : nullptr;
        if (rc != AXV_OK)
            ADD_FAILURE() << "axv::mock: cannot restore the table of area \"" << traits::desc().name
                          << "\": " << axv_strerror(rc) << " (" << rc
                          << "); its calls keep reaching the trampolines, and through them the "
                             "enclosing guard's mock, if any";
    }

    scoped_install(const scoped_install &) = delete;
    scoped_install &operator=(const scoped_install &) = delete;

    /**
     * @brief Tells whether the mock was installed.
     * @return false when the constructor refused (sealed registry, ...), true otherwise.
     */
    bool installed() const noexcept {
        return installed_;
    }

  private:
    // A function of its own because FAIL() returns from the function it is used in.
    static void refuse(int rc, const char *why) {
        FAIL() << "axv::mock: cannot install a mock of area \"" << traits::desc().name
               << "\": " << why << " [" << axv_strerror(rc) << " (" << rc << ")]";
    }

    Area &mock_;
    Area *const outer_;
    typename traits::ops_type previous_{};
    bool installed_ = false;
};

/** @brief Deduces the area from a mock, a StrictMock<> or a NiceMock<> of one. */
template <typename Mock> scoped_install(Mock &) -> scoped_install<typename Mock::area_type>;

} // namespace mock
} // namespace axv

/** @} */

#define AXV_AREA_OPS <axvisor_api/builtin_areas.h>
#include <axvisor_api/mock/gmock_area.h>

#endif /* AXVISOR_API_MOCK_GMOCK_H */
