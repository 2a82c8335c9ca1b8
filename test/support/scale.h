// The scale knob of the long-running and timing-bound tests: AXV_TEST_SCALE in the
// environment (default 1) multiplies their iteration counts and divides their timing
// margins. The TSan and valgrind test presets lower it, as those tools run the same code
// 5 to 50 times slower; the checks stay exact at any scale.
#ifndef AXV_TEST_SUPPORT_SCALE_H
#define AXV_TEST_SUPPORT_SCALE_H

#include <algorithm>
#include <cstddef>
#include <cstdlib>

namespace axv_test {

// AXV_TEST_SCALE as a positive factor; 1 when unset or not a positive number.
inline double test_scale() {
    const char *text = std::getenv("AXV_TEST_SCALE");
    if (text == nullptr)
        return 1.0;
    char *end = nullptr;
    const double scale = std::strtod(text, &end);
    return end != text && *end == '\0' && scale > 0.0 ? scale : 1.0;
}

// n iterations at the current scale, never fewer than least.
inline size_t scaled(size_t n, size_t least) {
    return std::max(least, static_cast<size_t>(static_cast<double>(n) * test_scale()));
}

// A time margin (a deadline's distance, a wait) stretched for the current scale.
template <typename T> T stretched(T margin) {
    return static_cast<T>(static_cast<double>(margin) / test_scale());
}

} // namespace axv_test

#endif // AXV_TEST_SUPPORT_SCALE_H
