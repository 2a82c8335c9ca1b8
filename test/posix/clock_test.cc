// The POSIX platform's counter: exact conversions at several frequencies (against a 128-bit
// reference), no overflow over centuries, a counter that starts at 0, runs at the
// configured rate and never goes back on any thread, and fatal value ops when not started.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>
#include <vector>

#include <axvisor_api/time.h>

#include "support/fatal.h"

extern "C" {
#include "posix_internal.h"
#include "posix_parts.h"
}

namespace {

__extension__ typedef unsigned __int128 u128; // exact products for the checks
constexpr uint64_t kNsPerS = 1000000000;
constexpr uint64_t kYearNs = UINT64_C(31557600) * kNsPerS; // a Julian year
// The brief's frequencies and the range's ends, plus two coprime to 1e9 (1003 = 17 * 59 and
// a prime), whose remainders take every value: rounding slips show only there.
constexpr uint64_t kFrequencies[] = {1000,      1003,       24000000,  62500000,
                                     999999937, 1000000000, 5000000000};

// The 128-bit reference: floor(x * num / den), saturated to 64 bits.
uint64_t reference(uint64_t x, uint64_t num, uint64_t den) {
    u128 r = static_cast<u128>(x) * num / den;
    return r > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(r);
}

uint64_t raw_monotonic_ns() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<uint64_t>(ts.tv_sec) * kNsPerS + static_cast<uint64_t>(ts.tv_nsec);
}

// Starts only the time part, at a chosen frequency, and installs its table.
class Clock : public ::testing::Test {
  protected:
    void start(uint64_t hz) {
        axv_posix_resolved config{};
        config.counter_hz = hz;
        ASSERT_EQ(axv_posix_time_start(&config), AXV_OK);
        ASSERT_EQ(axv_time_register(&axv_posix_time_ops), AXV_OK);
    }
    void stop() {
        EXPECT_EQ(axv_posix_time_stop(), 0u);
    }
    void TearDown() override {
        (void)axv_posix_time_stop();
        ASSERT_EQ(axv_time_reset(), AXV_OK);
    }
};

TEST_F(Clock, ExactAt62_5MHz) {
    start(62500000); // 16 ns per tick
    EXPECT_EQ(axv_time_ticks_to_nanos(0), 0u);
    EXPECT_EQ(axv_time_ticks_to_nanos(1), 16u);
    EXPECT_EQ(axv_time_ticks_to_nanos(62500000), kNsPerS);
    EXPECT_EQ(axv_time_nanos_to_ticks(15), 0u);
    EXPECT_EQ(axv_time_nanos_to_ticks(16), 1u);
    EXPECT_EQ(axv_time_nanos_to_ticks(31), 1u);
    EXPECT_EQ(axv_time_nanos_to_ticks(kNsPerS), 62500000u);
}

TEST_F(Clock, ExactAt1kHz) {
    start(1000);
    EXPECT_EQ(axv_time_ticks_to_nanos(1), 1000000u);
    EXPECT_EQ(axv_time_ticks_to_nanos(1000), kNsPerS);
    EXPECT_EQ(axv_time_nanos_to_ticks(999999), 0u);
    EXPECT_EQ(axv_time_nanos_to_ticks(1000000), 1u);
    EXPECT_EQ(axv_time_nanos_to_ticks(kNsPerS), 1000u);
}

TEST_F(Clock, ExactAt5GHz) {
    start(AXV_POSIX_MAX_COUNTER_HZ);
    EXPECT_EQ(axv_time_ticks_to_nanos(4), 0u);
    EXPECT_EQ(axv_time_ticks_to_nanos(5), 1u);
    EXPECT_EQ(axv_time_ticks_to_nanos(9), 1u);
    EXPECT_EQ(axv_time_nanos_to_ticks(1), 5u);
    EXPECT_EQ(axv_time_nanos_to_ticks(kNsPerS), 5000000000u);
}

TEST_F(Clock, ExactAt24MHz) {
    start(24000000); // 41.666... ns per tick
    EXPECT_EQ(axv_time_ticks_to_nanos(1), 41u);
    EXPECT_EQ(axv_time_ticks_to_nanos(2), 83u);
    EXPECT_EQ(axv_time_ticks_to_nanos(3), 125u);
    EXPECT_EQ(axv_time_ticks_to_nanos(24000000), kNsPerS);
    EXPECT_EQ(axv_time_nanos_to_ticks(41), 0u);
    EXPECT_EQ(axv_time_nanos_to_ticks(42), 1u);
    EXPECT_EQ(axv_time_nanos_to_ticks(124), 2u);
    EXPECT_EQ(axv_time_nanos_to_ticks(125), 3u);
}

// 100 and 200 years of nanoseconds, and of ticks where the tick count fits in 64 bits (at
// 5 GHz 116 years fill them: past that the conversion saturates, as the reference does), plus
// both extremes, at every frequency.
TEST_F(Clock, NoOverflowOverCenturies) {
    for (uint64_t hz : kFrequencies) {
        SCOPED_TRACE(hz);
        start(hz);
        for (uint64_t years : {100, 200}) {
            uint64_t nanos = years * kYearNs;
            EXPECT_EQ(axv_time_nanos_to_ticks(nanos), reference(nanos, hz, kNsPerS));
            u128 ticks = static_cast<u128>(years) * 31557600 * hz;
            if (ticks <= UINT64_MAX) {
                EXPECT_EQ(axv_time_ticks_to_nanos(static_cast<uint64_t>(ticks)), nanos);
                EXPECT_EQ(axv_time_nanos_to_ticks(nanos), static_cast<uint64_t>(ticks));
            } else {
                EXPECT_EQ(axv_time_nanos_to_ticks(nanos), UINT64_MAX);
            }
        }
        EXPECT_EQ(axv_time_ticks_to_nanos(UINT64_MAX), reference(UINT64_MAX, kNsPerS, hz));
        EXPECT_EQ(axv_time_nanos_to_ticks(UINT64_MAX), reference(UINT64_MAX, hz, kNsPerS));
        stop();
    }
}

// Random values of every magnitude against the reference, and round trips that lose less
// than one tick (ns -> ticks -> ns) or one nanosecond (ticks -> ns -> ticks).
TEST_F(Clock, MatchesReferenceAndRoundTripsWithinOneTick) {
    std::mt19937_64 rng(42);
    for (uint64_t hz : kFrequencies) {
        SCOPED_TRACE(hz);
        start(hz);
        for (int i = 0; i < 20000; i++) {
            uint64_t x = rng() >> (rng() % 64);
            ASSERT_EQ(axv_time_ticks_to_nanos(x), reference(x, kNsPerS, hz)) << x;
            ASSERT_EQ(axv_time_nanos_to_ticks(x), reference(x, hz, kNsPerS)) << x;

            uint64_t n = x % (200 * kYearNs);
            uint64_t t = axv_time_nanos_to_ticks(n);
            if (t != UINT64_MAX) {
                uint64_t back = axv_time_ticks_to_nanos(t);
                ASSERT_LE(back, n);
                // n - back < one tick (1e9 / hz ns) plus the 1 ns rounding of the way back.
                ASSERT_LT(static_cast<u128>(n - back) * hz, static_cast<u128>(kNsPerS) + hz);
            }
            uint64_t nanos = axv_time_ticks_to_nanos(x);
            if (nanos != UINT64_MAX) {
                uint64_t back = axv_time_nanos_to_ticks(nanos);
                ASSERT_LE(back, x);
                ASSERT_LT(static_cast<u128>(x - back) * kNsPerS, static_cast<u128>(kNsPerS) + hz);
            }
        }
        stop();
    }
}

// The counter counts from the start, at the configured rate: every reading lies within the
// CLOCK_MONOTONIC readings taken around it (one tick of rounding allowed).
TEST_F(Clock, CountsFromStartAtTheConfiguredRate) {
    for (uint64_t hz : {UINT64_C(1000), UINT64_C(62500000)}) {
        SCOPED_TRACE(hz);
        uint64_t before_start = raw_monotonic_ns();
        start(hz);
        uint64_t after_start = raw_monotonic_ns();
        for (int i = 0; i < 3; i++) {
            uint64_t before = raw_monotonic_ns();
            axv_ticks_t ticks = axv_time_current_ticks();
            uint64_t after = raw_monotonic_ns();
            // ticks = floor((t - origin) * hz / 1e9), origin in [before_start, after_start].
            EXPECT_GT(static_cast<u128>(ticks) * kNsPerS + kNsPerS,
                      static_cast<u128>(before - after_start) * hz);
            EXPECT_LE(static_cast<u128>(ticks) * kNsPerS,
                      static_cast<u128>(after - before_start) * hz);
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        EXPECT_GE(axv_time_current_nanos(), 20000000u);
        stop();
    }
}

TEST_F(Clock, MonotonicAcrossThreads) {
    start(AXV_POSIX_DEFAULT_COUNTER_HZ);
    // A reading published by any thread must never be above a later reading on another: each
    // thread reads the largest published value, then the counter, which must not be below.
    std::atomic<axv_ticks_t> latest{0};
    std::atomic<int> backwards{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; t++) {
        threads.emplace_back([&] {
            for (int i = 0; i < 50000; i++) {
                axv_ticks_t seen = latest.load(std::memory_order_acquire);
                axv_ticks_t now = axv_time_current_ticks();
                if (now < seen)
                    backwards.fetch_add(1, std::memory_order_relaxed);
                axv_ticks_t cur = seen;
                while (cur < now &&
                       !latest.compare_exchange_weak(cur, now, std::memory_order_acq_rel)) {
                }
            }
        });
    }
    for (auto &t : threads)
        t.join();
    EXPECT_EQ(backwards.load(), 0);
    EXPECT_GT(latest.load(), 0u);
}

TEST_F(Clock, StartRefusesBadConfigurations) {
    axv_posix_resolved config{};
    EXPECT_EQ(axv_posix_time_start(nullptr), AXV_EINVAL);
    config.counter_hz = 999;
    EXPECT_EQ(axv_posix_time_start(&config), AXV_EINVAL);
    config.counter_hz = UINT64_C(10000000001);
    EXPECT_EQ(axv_posix_time_start(&config), AXV_EINVAL);
    config.counter_hz = 1000;
    const uint64_t before_start = raw_monotonic_ns();
    ASSERT_EQ(axv_posix_time_start(&config), AXV_OK);
    config.counter_hz = 2000;
    EXPECT_EQ(axv_posix_time_start(&config), AXV_EBUSY);
    // The refused second start changed nothing: still running, still 1 kHz, still counting
    // from the first start (no more ticks than milliseconds since, one of rounding).
    EXPECT_EQ(axv_posix_time_ticks_to_nanos(1), 1000000u);
    const axv_ticks_t ticks = axv_posix_time_current_ticks();
    EXPECT_LE(ticks, (raw_monotonic_ns() - before_start) / 1000000u + 1u);
    axv_timer_token_t token;
    EXPECT_EQ(axv_posix_time_register_timer(
                  UINT64_MAX, [](void *, axv_nanos_t) {}, nullptr, &token),
              AXV_OK);
    EXPECT_EQ(axv_posix_time_stop(), 1u);
}

// Through the whole platform: the configured frequency, and 62.5 MHz when left 0.
TEST(ClockPlatform, ConfigurationSetsTheFrequency) {
    axv_posix_config config{};
    config.counter_hz = 24000000;
    ASSERT_EQ(axv_posix_init(&config), AXV_OK);
    ASSERT_EQ(axv_platform_install(&axv_posix_platform), AXV_OK);
    EXPECT_EQ(axv_time_ticks_to_nanos(3), 125u);
    EXPECT_EQ(axv_time_nanos_to_ticks(kNsPerS), 24000000u);
    EXPECT_EQ(axv_posix_shutdown(nullptr), AXV_OK);

    ASSERT_EQ(axv_posix_init(nullptr), AXV_OK);
    EXPECT_EQ(axv_time_ticks_to_nanos(1), 16u);
    EXPECT_EQ(axv_time_nanos_to_ticks(kNsPerS), AXV_POSIX_DEFAULT_COUNTER_HZ);
    EXPECT_EQ(axv_posix_shutdown(nullptr), AXV_OK);
    EXPECT_EQ(axv_time_reset(), AXV_OK);
}

using axv_test::fatal_to_stderr;

void use_after_stop() {
    axv_set_fatal_handler(fatal_to_stderr);
    axv_posix_resolved config{};
    config.counter_hz = 1000;
    if (axv_posix_time_start(&config) != AXV_OK)
        return;
    (void)axv_posix_time_stop();
    (void)axv_time_current_ticks();
}

TEST_F(Clock, ValueOpsAreFatalWhenNotStarted) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    ASSERT_EQ(axv_time_register(&axv_posix_time_ops), AXV_OK);
    EXPECT_DEATH(
        {
            axv_set_fatal_handler(fatal_to_stderr);
            (void)axv_time_current_ticks();
        },
        "fatal: time\\.current_ticks: the posix platform is not started");
    EXPECT_DEATH(
        {
            axv_set_fatal_handler(fatal_to_stderr);
            (void)axv_time_ticks_to_nanos(1);
        },
        "fatal: time\\.ticks_to_nanos: the posix platform is not started");
    EXPECT_DEATH(
        {
            axv_set_fatal_handler(fatal_to_stderr);
            (void)axv_time_nanos_to_ticks(1);
        },
        "fatal: time\\.nanos_to_ticks: the posix platform is not started");
    EXPECT_DEATH(use_after_stop(), "fatal: time\\.current_ticks: the posix platform is not");
}

} // namespace
