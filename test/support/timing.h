// Timing checks of the hosted tests on a shared, loaded machine: a budget for how long
// something may take before it counts as lost, and retries for an attempt whose verdict
// needed the test itself to be on time (registering before a deadline, cancelling before
// one) when the host stalled the test instead. A lost or early timer always fails; lateness
// is forgiven only where the test measured that it was its own.
#ifndef AXV_TEST_SUPPORT_TIMING_H
#define AXV_TEST_SUPPORT_TIMING_H

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace axv_test {

// AXV_TEST_TIMER_BUDGET_MS in the environment (default 5000): how long the tests wait for a
// timer, a wake-up or a thread before calling it lost. Only a broken platform uses it up.
inline std::chrono::milliseconds timer_budget() {
    const char *text = std::getenv("AXV_TEST_TIMER_BUDGET_MS");
    char *end = nullptr;
    const unsigned long long ms = text != nullptr ? std::strtoull(text, &end, 10) : 0;
    if (text == nullptr || end == text || *end != '\0' || ms == 0)
        return std::chrono::milliseconds(5000);
    return std::chrono::milliseconds(ms);
}

inline uint64_t timer_budget_ns() {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(timer_budget()).count());
}

// What an attempt learnt of its own timing: on time (its verdict counts), or late (what
// took how long, more than its margin allowed).
struct Attempt {
    bool late = false;
    const char *what = "";
    uint64_t took_ns = 0;
    uint64_t allowed_ns = 0;
};

inline Attempt on_time() {
    return {};
}

inline Attempt late(const char *what, uint64_t took_ns, uint64_t allowed_ns) {
    return {true, what, took_ns, allowed_ns};
}

inline constexpr unsigned kTimingRetries = 4;

// Calls attempt(margin_ns) until an attempt is on time, widening the margin 4 times per
// retry, at most kTimingRetries retries, each printed as "retry k/N: ..." (scripts/soak.sh
// counts them). A late attempt must still have checked what holds however late it was (no
// timer lost, none early) before returning. False when every attempt was late: nothing was
// judged, and the test should skip.
template <typename F> bool until_on_time(uint64_t margin_ns, F attempt) {
    for (unsigned k = 0;; k++, margin_ns *= 4) {
        const Attempt a = attempt(margin_ns);
        if (!a.late)
            return true;
        std::printf("%s %u/%u: %s took %llu ns > %llu ns allowed at margin %llu ns\n",
                    k < kTimingRetries ? "retry" : "late at every attempt, last", k + 1,
                    kTimingRetries, a.what, static_cast<unsigned long long>(a.took_ns),
                    static_cast<unsigned long long>(a.allowed_ns),
                    static_cast<unsigned long long>(margin_ns));
        if (k == kTimingRetries)
            return false;
    }
}

} // namespace axv_test

#endif // AXV_TEST_SUPPORT_TIMING_H
