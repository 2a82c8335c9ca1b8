// The samples' vtimer component (samples/components/vtimer.c) against mocked time and vmm
// areas: what it arms, what an expiry delivers, how re-arming cancels, how errors come back.
#include "mock_test_support.h"
#include "vtimer.h"

namespace {

using ::testing::_;
using ::testing::DoAll;
using ::testing::InSequence;
using ::testing::NotNull;
using ::testing::Return;
using ::testing::SaveArg;
using ::testing::SetArgPointee;
using ::testing::StrictMock;

constexpr axv_vm_id_t kVm = 3;
constexpr axv_vcpu_id_t kVcpu = 1;

// A host timer the mocked register_timer accepted: its callback, to run by hand.
struct HostTimer {
    axv_timer_fn fn = nullptr;
    void *arg = nullptr;
    void fire(axv_nanos_t now_ns) const {
        ASSERT_NE(fn, nullptr) << "no timer was registered";
        fn(arg, now_ns);
    }
};

// The mocked register_timer's answer: keep the callback, hand out the token.
auto accept_timer(HostTimer *timer, axv_timer_token_t token) {
    return DoAll(SaveArg<1>(&timer->fn), SaveArg<2>(&timer->arg), SetArgPointee<3>(token),
                 Return(AXV_OK));
}

// Strict mocks: any call the test does not expect fails it.
class Vtimer : public MockRegistryTest {
  protected:
    Vtimer() {
        vtimer_init(&vtimer_, kVm, kVcpu);
    }

    // Arms the vtimer for deadline_ns, expecting exactly one registration.
    HostTimer arm(axv_nanos_t deadline_ns, axv_timer_token_t token) {
        HostTimer timer;
        EXPECT_CALL(time_, register_timer(deadline_ns, NotNull(), _, NotNull()))
            .WillOnce(accept_timer(&timer, token));
        EXPECT_EQ(vtimer_set_deadline(&vtimer_, deadline_ns), AXV_OK);
        return timer;
    }

    StrictMock<axv::mock::time> time_;
    StrictMock<axv::mock::vmm> vmm_;
    axv::mock::scoped_install<axv::mock::time> time_guard_{time_};
    axv::mock::scoped_install<axv::mock::vmm> vmm_guard_{vmm_};
    vtimer vtimer_{};
};

TEST_F(Vtimer, ArmingRegistersAHostTimerForTheGuestDeadline) {
    EXPECT_FALSE(vtimer_is_armed(&vtimer_));
    EXPECT_CALL(time_, register_timer(5000u, NotNull(), _, NotNull()))
        .WillOnce(DoAll(SetArgPointee<3>(11u), Return(AXV_OK)));
    EXPECT_EQ(vtimer_set_deadline(&vtimer_, 5000), AXV_OK);
    EXPECT_TRUE(vtimer_is_armed(&vtimer_));
}

TEST_F(Vtimer, ExpiryNotifiesTheVmmOfTheVcpu) {
    const HostTimer timer = arm(5000, 11);
    EXPECT_CALL(vmm_, notify_vcpu_timer_expired(kVm, kVcpu)).WillOnce(Return(AXV_OK));
    timer.fire(5000);
    EXPECT_FALSE(vtimer_is_armed(&vtimer_));
    EXPECT_EQ(vtimer_take_error(&vtimer_), AXV_OK);
}

TEST_F(Vtimer, AnExpiryThatCannotBeDeliveredKeepsItsErrorForTheOwner) {
    HostTimer timer = arm(5000, 11);
    EXPECT_CALL(vmm_, notify_vcpu_timer_expired(kVm, kVcpu)).WillOnce(Return(AXV_ENOENT));
    timer.fire(5000); // nothing else is tried: how to deliver is the platform's (strict mock)
    timer = arm(6000, 12);
    EXPECT_CALL(vmm_, notify_vcpu_timer_expired(kVm, kVcpu)).WillOnce(Return(AXV_ENOSYS));
    timer.fire(6000);
    EXPECT_EQ(vtimer_take_error(&vtimer_), AXV_ENOENT); // the first error is kept
    EXPECT_EQ(vtimer_take_error(&vtimer_), AXV_OK);     // and handed over once
}

TEST_F(Vtimer, SettingTheCurrentVcpuArmsItsEntryFromNow) {
    vtimer table[2];
    vtimer_init(&table[0], kVm, 0);
    vtimer_init(&table[1], kVm, 1);
    EXPECT_CALL(vmm_, current_vcpu_id()).WillRepeatedly(Return(1u));
    EXPECT_CALL(vmm_, current_vm_id()).WillRepeatedly(Return(kVm));
    EXPECT_CALL(time_, current_ticks()).WillOnce(Return(100u)); // "now" is ticks, converted
    EXPECT_CALL(time_, ticks_to_nanos(100u)).WillOnce(Return(1000u));
    EXPECT_CALL(time_, register_timer(1500u, NotNull(), &table[1], NotNull()))
        .WillOnce(DoAll(SetArgPointee<3>(11u), Return(AXV_OK)));
    EXPECT_EQ(vtimer_set_current(table, 2, 500), AXV_OK);
    EXPECT_TRUE(vtimer_is_armed(&table[1]));
    EXPECT_FALSE(vtimer_is_armed(&table[0]));
}

TEST_F(Vtimer, SettingTheCurrentVcpuRefusesOneTheTableDoesNotHold) {
    vtimer table[2];
    vtimer_init(&table[0], kVm, 0);
    vtimer_init(&table[1], kVm, 1);
    EXPECT_CALL(vmm_, current_vcpu_id()).WillOnce(Return(2u)).WillRepeatedly(Return(0u));
    EXPECT_CALL(vmm_, current_vm_id()).WillRepeatedly(Return(kVm + 1)); // another VM
    EXPECT_EQ(vtimer_set_current(table, 2, 500), AXV_ENOENT);           // past the end
    EXPECT_EQ(vtimer_set_current(table, 2, 500), AXV_ENOENT);           // not this VM's
}

TEST_F(Vtimer, ReArmingCancelsTheArmedTimerBeforeRegisteringTheNewOne) {
    InSequence order;
    EXPECT_CALL(time_, register_timer(5000u, NotNull(), _, NotNull()))
        .WillOnce(DoAll(SetArgPointee<3>(11u), Return(AXV_OK)));
    EXPECT_CALL(time_, cancel_timer(11u)).WillOnce(Return(AXV_OK));
    EXPECT_CALL(time_, register_timer(9000u, NotNull(), _, NotNull()))
        .WillOnce(DoAll(SetArgPointee<3>(12u), Return(AXV_OK)));
    EXPECT_CALL(time_, cancel_timer(12u)).WillOnce(Return(AXV_OK));

    EXPECT_EQ(vtimer_set_deadline(&vtimer_, 5000), AXV_OK);
    EXPECT_EQ(vtimer_set_deadline(&vtimer_, 9000), AXV_OK);
    EXPECT_EQ(vtimer_cancel(&vtimer_), AXV_OK);
    EXPECT_FALSE(vtimer_is_armed(&vtimer_));
    EXPECT_EQ(vtimer_cancel(&vtimer_), AXV_OK); // nothing left to cancel
}

TEST_F(Vtimer, ReArmingAfterExpiryDoesNotCancelTheFiredTimer) {
    const HostTimer timer = arm(5000, 11);
    EXPECT_CALL(vmm_, notify_vcpu_timer_expired(kVm, kVcpu)).WillOnce(Return(AXV_OK));
    timer.fire(5000);
    arm(9000, 12); // only a registration: a cancel_timer call would fail the strict mock
    EXPECT_TRUE(vtimer_is_armed(&vtimer_));
}

TEST_F(Vtimer, ReArmingToleratesATimerThatFiredButHasNotRunAndIgnoresItWhenItRuns) {
    const HostTimer old_timer = arm(5000, 11);
    EXPECT_CALL(time_, cancel_timer(11u)).WillOnce(Return(AXV_ENOENT));
    const HostTimer new_timer = arm(9000, 12);
    EXPECT_TRUE(vtimer_is_armed(&vtimer_));
    old_timer.fire(5000); // late: before the new deadline, so nothing is delivered
    EXPECT_TRUE(vtimer_is_armed(&vtimer_));
    EXPECT_CALL(vmm_, notify_vcpu_timer_expired(kVm, kVcpu)).WillOnce(Return(AXV_OK));
    new_timer.fire(9000);
    EXPECT_FALSE(vtimer_is_armed(&vtimer_));
}

TEST_F(Vtimer, ARegistrationFailureIsReturnedAndLeavesTheVtimerDisarmed) {
    EXPECT_CALL(time_, register_timer(5000u, NotNull(), _, NotNull())).WillOnce(Return(AXV_ENOMEM));
    EXPECT_EQ(vtimer_set_deadline(&vtimer_, 5000), AXV_ENOMEM);
    EXPECT_FALSE(vtimer_is_armed(&vtimer_));
    EXPECT_EQ(vtimer_cancel(&vtimer_), AXV_OK); // no timer to cancel: no cancel_timer call

    arm(6000, 11);
    {
        InSequence order;
        EXPECT_CALL(time_, cancel_timer(11u)).WillOnce(Return(AXV_OK));
        EXPECT_CALL(time_, register_timer(7000u, NotNull(), _, NotNull()))
            .WillOnce(Return(AXV_ENOMEM));
    }
    EXPECT_EQ(vtimer_set_deadline(&vtimer_, 7000), AXV_ENOMEM);
    EXPECT_FALSE(vtimer_is_armed(&vtimer_)); // the old timer is gone as well
}

TEST_F(Vtimer, ACancelFailureIsReturnedAndLeavesTheOldDeadlineArmed) {
    const HostTimer timer = arm(5000, 11);
    EXPECT_CALL(time_, cancel_timer(11u)).Times(2).WillRepeatedly(Return(AXV_ENOSYS));
    EXPECT_EQ(vtimer_set_deadline(&vtimer_, 9000), AXV_ENOSYS); // and no registration
    EXPECT_EQ(vtimer_cancel(&vtimer_), AXV_ENOSYS);
    EXPECT_TRUE(vtimer_is_armed(&vtimer_));
    EXPECT_CALL(vmm_, notify_vcpu_timer_expired(kVm, kVcpu)).WillOnce(Return(AXV_OK));
    timer.fire(5000); // the old deadline still holds
}

TEST_F(Vtimer, ATimerThatRunsAfterCancelDeliversNothing) {
    const HostTimer timer = arm(5000, 11);
    EXPECT_CALL(time_, cancel_timer(11u)).WillOnce(Return(AXV_ENOENT)); // already fired
    EXPECT_EQ(vtimer_cancel(&vtimer_), AXV_OK);
    EXPECT_FALSE(vtimer_is_armed(&vtimer_));
    timer.fire(5000); // no notify, no inject
}

} // namespace
