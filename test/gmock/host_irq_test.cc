// axv_host_irq_handle_pending(), the vCPU's "guest exited on a physical interrupt" step,
// against a mocked host_irq area: every fetched INTID is handled in order, unowned ones are
// counted, and a platform whose handle refuses what its fetch returned is fatal.
#include "mock_test_support.h"

#include "support/fatal.h"

namespace {

using ::testing::InSequence;
using ::testing::Return;
using ::testing::StrictMock;

class HandlePending : public MockRegistryTest {
  protected:
    StrictMock<axv::mock::host_irq> host_irq_;
    axv::mock::scoped_install<axv::mock::host_irq> guard_{host_irq_};
};

TEST_F(HandlePending, NothingPendingHandlesNothing) {
    EXPECT_CALL(host_irq_, fetch()).WillOnce(Return(AXV_HOST_IRQ_NONE));
    size_t unowned = 7;
    EXPECT_EQ(axv_host_irq_handle_pending(&unowned), 0u);
    EXPECT_EQ(unowned, 0u);
}

TEST_F(HandlePending, HandlesEachFetchedIntidBeforeFetchingTheNext) {
    InSequence order;
    EXPECT_CALL(host_irq_, fetch()).WillOnce(Return(26u));
    EXPECT_CALL(host_irq_, handle(26u)).WillOnce(Return(AXV_OK));
    EXPECT_CALL(host_irq_, fetch()).WillOnce(Return(40u));
    EXPECT_CALL(host_irq_, handle(40u)).WillOnce(Return(AXV_ENOENT));
    EXPECT_CALL(host_irq_, fetch()).WillOnce(Return(3u));
    EXPECT_CALL(host_irq_, handle(3u)).WillOnce(Return(AXV_OK));
    EXPECT_CALL(host_irq_, fetch()).WillOnce(Return(AXV_HOST_IRQ_NONE));
    size_t unowned = 0;
    EXPECT_EQ(axv_host_irq_handle_pending(&unowned), 3u);
    EXPECT_EQ(unowned, 1u) << "INTID 40 had no handler";
}

TEST_F(HandlePending, TheUnownedCountIsOptional) {
    InSequence order;
    EXPECT_CALL(host_irq_, fetch()).WillOnce(Return(40u));
    EXPECT_CALL(host_irq_, handle(40u)).WillOnce(Return(AXV_ENOENT));
    EXPECT_CALL(host_irq_, fetch()).WillOnce(Return(AXV_HOST_IRQ_NONE));
    EXPECT_EQ(axv_host_irq_handle_pending(nullptr), 1u);
}

using HandlePendingDeathTest = HandlePending;

TEST_F(HandlePendingDeathTest, AHandleThatRefusesWhatFetchReturnedIsFatal) {
    EXPECT_DEATH(
        {
            axv_set_fatal_handler(axv_test::fatal_to_stderr);
            EXPECT_CALL(host_irq_, fetch()).WillOnce(Return(40u));
            EXPECT_CALL(host_irq_, handle(40u)).WillOnce(Return(AXV_EINVAL));
            (void)axv_host_irq_handle_pending(nullptr);
        },
        "host_irq.handle refused the INTID host_irq.fetch returned");
}

} // namespace
