// Bounded waiting for a condition another thread brings about: tests poll instead of
// sleeping a fixed time, so a loaded machine slows them down without failing them.
#ifndef AXV_TEST_SUPPORT_WAIT_H
#define AXV_TEST_SUPPORT_WAIT_H

#include <chrono>
#include <thread>

#include "timing.h"

namespace axv_test {

// Polls done() every 100 us until it holds or timeout passes; answers done()'s last value.
// The default is the timer budget (AXV_TEST_TIMER_BUDGET_MS): only a broken platform waits
// that long.
template <typename Pred>
bool wait_for(Pred done, std::chrono::nanoseconds timeout = timer_budget()) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > until)
            return done();
        std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    return true;
}

} // namespace axv_test

#endif // AXV_TEST_SUPPORT_WAIT_H
