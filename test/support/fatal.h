// The fatal handler of the death tests: the message to stderr, where EXPECT_DEATH looks
// (a platform's console may be stdout), then the abort the contract asks of a handler.
#ifndef AXV_TEST_SUPPORT_FATAL_H
#define AXV_TEST_SUPPORT_FATAL_H

#include <cstdio>
#include <cstdlib>

namespace axv_test {

inline void fatal_to_stderr(const char *message) {
    std::fprintf(stderr, "fatal: %s\n", message);
    std::fflush(stderr);
    std::abort();
}

} // namespace axv_test

#endif // AXV_TEST_SUPPORT_FATAL_H
