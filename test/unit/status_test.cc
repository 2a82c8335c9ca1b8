// Status codes: distinct negative values (errno-compatible where one exists), each described.
#include "test_support.h"

#include <cerrno>
#include <set>
#include <string>

namespace {

TEST(Status, CodesAreNegativeErrnoValuesWhereLinuxHasThem) {
    EXPECT_EQ(AXV_OK, 0);
    EXPECT_EQ(AXV_EPERM, -EPERM);
    EXPECT_EQ(AXV_ENOENT, -ENOENT);
    EXPECT_EQ(AXV_ENOMEM, -ENOMEM);
    EXPECT_EQ(AXV_EBUSY, -EBUSY);
    EXPECT_EQ(AXV_EINVAL, -EINVAL);
    EXPECT_EQ(AXV_ENOSYS, -ENOSYS);
    EXPECT_LT(AXV_EVERSION, 0);
}

TEST(Status, EveryCodeHasItsOwnDescription) {
    const int codes[] = {AXV_OK,    AXV_EPERM,  AXV_ENOENT, AXV_ENOMEM,
                         AXV_EBUSY, AXV_EINVAL, AXV_ENOSYS, AXV_EVERSION};
    std::set<std::string> seen;
    for (int code : codes) {
        const char *text = axv_strerror(code);
        ASSERT_NE(text, nullptr);
        EXPECT_STRNE(text, "unknown status") << code;
        EXPECT_TRUE(seen.insert(text).second) << "duplicate description: " << text;
    }
    EXPECT_STREQ(axv_strerror(AXV_ENOSYS), "operation not implemented by the platform");
}

TEST(Status, UnknownValuesAreNamedAsSuch) {
    EXPECT_STREQ(axv_strerror(1), "unknown status");
    EXPECT_STREQ(axv_strerror(-3), "unknown status");
    EXPECT_STREQ(axv_strerror(-2147483647 - 1), "unknown status");
}

} // namespace
