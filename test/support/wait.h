// Bounded waiting for a condition another thread brings about: tests poll instead of
// sleeping a fixed time, so a loaded machine slows them down without failing them.
#ifndef AXV_TEST_SUPPORT_WAIT_H
#define AXV_TEST_SUPPORT_WAIT_H

#include <chrono>
#include <functional>
#include <thread>

namespace axv_test {

// True once done() holds; false if it still does not after timeout.
inline bool wait_for(const std::function<bool()> &done, std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > until)
            return done();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

} // namespace axv_test

#endif // AXV_TEST_SUPPORT_WAIT_H
