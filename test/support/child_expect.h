// Checks inside a death test's child process (the body of EXPECT_EXIT): a failed EXPECT_*
// there would be reported in a process the parent does not read, so the child names the
// first broken check on stderr and exits 1, and the parent's EXPECT_EXIT(..., ExitedWithCode(0))
// shows it.
#ifndef AXV_TEST_SUPPORT_CHILD_EXPECT_H
#define AXV_TEST_SUPPORT_CHILD_EXPECT_H

#include <cstdio>
#include <cstdlib>

#define CHILD_EXPECT(cond)                                           \
    do {                                                             \
        if (!(cond)) {                                               \
            std::fprintf(stderr, "child check failed: %s\n", #cond); \
            std::exit(1);                                            \
        }                                                            \
    } while (0)

#endif // AXV_TEST_SUPPORT_CHILD_EXPECT_H
