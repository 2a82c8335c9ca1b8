// The conformance suite against the reference platform: every case passes on it, each
// broken variant fails exactly the cases it should, and skips, deselection and bad options
// are reported as documented.
#include <axvisor_api/conformance.h>
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ref_platform.h"

namespace {

// Every case, in output order.
const std::vector<std::string> kAllCases = {
    "memory.alloc_frame_distinct_aligned",
    "memory.frames_writable",
    "memory.contiguous_alignment",
    "memory.contiguous_no_overlap",
    "memory.dealloc_frame_invalid",
    "memory.dealloc_frame_twice",
    "memory.dealloc_contiguous_invalid",
    "memory.dealloc_contiguous_twice",
    "memory.alloc_frame_null",
    "memory.alloc_contiguous_null",
    "memory.alloc_contiguous_bad_align",
    "memory.alloc_contiguous_zero",
    "memory.alloc_contiguous_overflow",
    "memory.exhaustion",
    "time.ticks_monotonic",
    "time.ticks_nanos_round_trip",
    "time.timer_not_early",
    "time.timer_order",
    "time.timer_equal_deadlines",
    "time.timer_callback_registers",
    "time.register_timer_invalid",
    "time.cancel_before_expiry",
    "time.cancel_after_fire",
    "time.cancel_twice",
    "time.cancel_unknown",
    "vmm.vcpu_num",
    "vmm.active_vcpus",
    "vmm.inject_interrupt_bad_target",
    "vmm.inject_to_vcpus_bad_target",
    "vmm.notify_timer_expired",
    "vmm.inject_interrupt_delivered",
    "vmm.inject_to_vcpus_delivered",
    "vmm.inject_shared",
    "host.cpu_num",
    "host.fdt_address",
    "arch.read_vgicd_typer_stable",
    "arch.read_vgicd_iidr_stable",
    "arch.host_gicd_base_stable",
    "arch.host_gicr_base_stable",
    "console.write_length",
    "riscv.vs_pending_invalid",
    "riscv.imsic_layout",
    "riscv.irqchip_bases",
    "riscv.remote_fences",
};

// The timer cases that wait for a callback.
const std::set<std::string> kWaitingTimerCases = {
    "time.timer_not_early",          "time.timer_order",          "time.timer_equal_deadlines",
    "time.timer_callback_registers", "time.cancel_before_expiry", "time.cancel_after_fire",
};

struct Report {
    std::string name;
    axv_conformance_outcome outcome;
    std::string detail;
};

void record(void *ctx, const char *name, axv_conformance_outcome outcome, const char *detail) {
    static_cast<std::vector<Report> *>(ctx)->push_back({name, outcome, detail});
}

std::vector<std::string> lines_of(const std::string &text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

class Conformance : public ::testing::Test {
  protected:
    void TearDown() override {
        ref_platform_stop();
#define AXV_EACH_AREA(area) EXPECT_EQ(axv_##area##_reset(), AXV_OK);
#include <axvisor_api/each_area.h>
    }

    void install(const ref_config &config = {}) {
        ASSERT_EQ(ref_platform_install(&config), AXV_OK);
    }

    // Options with both hooks and the report callback wired to this fixture.
    axv_conformance_options options() {
        axv_conformance_options opts{};
        opts.ctx = &reports;
        opts.idle = ref_idle;
        opts.irq_pending = ref_irq_pending;
        opts.report = record;
        opts.shared_routing = AXV_CONFORMANCE_SHARED_TO_VCPU; // what ref_config{} does
        return opts;
    }

    int run(const axv_conformance_options *opts) {
        return axv_conformance_run(opts, &result);
    }

    std::set<std::string> with(axv_conformance_outcome outcome) const {
        std::set<std::string> names;
        for (const Report &r : reports)
            if (r.outcome == outcome)
                names.insert(r.name);
        return names;
    }

    // The vmm cases with that outcome.
    std::set<std::string> vmm_with(axv_conformance_outcome outcome) const {
        std::set<std::string> names;
        for (const std::string &name : with(outcome))
            if (name.rfind("vmm.", 0) == 0)
                names.insert(name);
        return names;
    }

    std::string describe() const {
        std::string s;
        for (const Report &r : reports)
            if (r.outcome != AXV_CONFORMANCE_PASS)
                s += std::string(axv_conformance_outcome_name(r.outcome)) + " " + r.name + ": " +
                     r.detail + "\n";
        return s;
    }

    // Every line is a case line or a '#' comment, one per reported case, in report order;
    // then exactly one count line, which is returned.
    std::string check_output() const {
        std::vector<std::string> lines = lines_of(ref_console_output());
        EXPECT_FALSE(lines.empty());
        if (lines.empty())
            return "";
        const std::regex case_line(R"((PASS|FAIL|SKIP) ([a-z]+\.[a-z0-9_]+)(: (.+))?)");
        size_t next = 0;
        for (size_t i = 0; i + 1 < lines.size(); i++) {
            if (lines[i].rfind("# ", 0) == 0)
                continue;
            std::smatch m;
            EXPECT_TRUE(std::regex_match(lines[i], m, case_line)) << "line: " << lines[i];
            if (m.empty() || next >= reports.size())
                continue;
            const Report &r = reports[next++];
            EXPECT_EQ(m[1].str(), axv_conformance_outcome_name(r.outcome));
            EXPECT_EQ(m[2].str(), r.name);
            EXPECT_EQ(m[4].str(), r.detail);
            EXPECT_EQ(m[3].matched, r.outcome != AXV_CONFORMANCE_PASS) << lines[i];
        }
        EXPECT_EQ(next, reports.size()) << "every case prints one line";
        std::string out = ref_console_output();
        EXPECT_EQ(out.back(), '\n');
        return lines.back();
    }

    static std::string count_line(size_t passed, size_t failed, size_t skipped) {
        std::string s = std::to_string(passed) + " passed, " + std::to_string(failed) + " failed";
        if (skipped != 0)
            s += ", " + std::to_string(skipped) + " skipped";
        return s;
    }

    // Runs the suite on @p config twice, with the native inject_interrupt_to_vcpus and with
    // the library's fallback, over @p areas (0: all), and hands each failure count to @p check.
    template <typename Check>
    void run_both_to_vcpus_paths(ref_config config, uint32_t areas, Check check) {
        for (bool fallback : {false, true}) {
            SCOPED_TRACE(fallback ? "inject_interrupt_to_vcpus by the fallback" : "native");
            config.fallback_to_vcpus = fallback;
            install(config);
            reports.clear();
            axv_conformance_options opts = options();
            opts.areas = areas;
            check(run(&opts));
        }
    }

    std::vector<Report> reports;
    axv_conformance_result result{};
};

TEST_F(Conformance, ReferencePlatformPassesEveryCase) {
    install();
    axv_conformance_options opts = options();
    EXPECT_EQ(run(&opts), 0) << describe();
    std::vector<std::string> names;
    for (const Report &r : reports) {
        names.push_back(r.name);
        EXPECT_EQ(r.outcome, AXV_CONFORMANCE_PASS) << r.name << ": " << r.detail;
        EXPECT_EQ(r.detail, "");
    }
    EXPECT_EQ(names, kAllCases);
    EXPECT_EQ(result.passed, kAllCases.size());
    EXPECT_EQ(result.failed, 0u);
    EXPECT_EQ(result.skipped, 0u);
    EXPECT_EQ(check_output(), count_line(kAllCases.size(), 0, 0));
    // Everything the suite took was given back.
    EXPECT_EQ(ref_free_frames(), ref_ram_frames());
    EXPECT_EQ(ref_armed_timers(), 0u);
}

TEST_F(Conformance, RealClockWithCallbacksOnAnotherThreadConforms) {
    ref_config config{};
    config.threaded = true;
    install(config);
    axv_conformance_options opts = options();
    opts.idle = nullptr; // the suite spins; the service thread fires timers meanwhile
    EXPECT_EQ(run(&opts), 0) << describe();
    EXPECT_EQ(result.passed, kAllCases.size());
    ref_platform_stop();
    EXPECT_EQ(ref_armed_timers(), 0u);
}

// The "# <case>: retry k/N: ..." lines of the output, by case.
std::map<std::string, std::vector<std::string>> retry_lines() {
    const std::regex retry(
        R"(# ([a-z]+\.[a-z0-9_]+): retry ([1-4])/4: (arming|arming 4 timers|arming )"
        R"(and cancelling) took [0-9]+ ns > [0-9]+ ns allowed at margin [0-9]+ ns)");
    std::map<std::string, std::vector<std::string>> by_case;
    for (const std::string &line : lines_of(ref_console_output())) {
        std::smatch m;
        if (line.rfind("# ", 0) == 0 && line.find(": retry ") != std::string::npos) {
            EXPECT_TRUE(std::regex_match(line, m, retry)) << line;
            if (!m.empty())
                by_case[m[1].str()].push_back(line);
        }
    }
    return by_case;
}

// The three cases whose verdict needs the suite on time.
const std::set<std::string> kMarginCases = {"time.timer_not_early", "time.timer_order",
                                            "time.cancel_before_expiry"};

TEST_F(Conformance, HostStallsWhileArmingAreRetriedNotFailed) {
    // Simulated: each register_timer jumps the clock 3 ms, firing what fell due meanwhile,
    // so the first attempts see timers fire out of order or before their cancel.
    ref_config config{};
    config.arm_stall_ns = 3000000;
    install(config);
    axv_conformance_options opts = options();
    EXPECT_EQ(run(&opts), 0) << describe() << ref_console_output();
    EXPECT_EQ(result.passed, kAllCases.size());
    std::map<std::string, std::vector<std::string>> retries = retry_lines();
    std::set<std::string> retried;
    for (const auto &r : retries)
        retried.insert(r.first);
    EXPECT_EQ(retried, kMarginCases) << ref_console_output();
    // The first attempt of each, at the 5 ms margin: 4 arms are 12 ms, 2 are 6 ms.
    EXPECT_EQ(retries["time.timer_not_early"].front(),
              "# time.timer_not_early: retry 1/4: arming took 3000000 ns > 2500000 ns allowed "
              "at margin 5000000 ns");
    EXPECT_EQ(retries["time.timer_order"].front(),
              "# time.timer_order: retry 1/4: arming 4 timers took 12000000 ns > 2500000 ns "
              "allowed at margin 5000000 ns");
    EXPECT_EQ(retries["time.cancel_before_expiry"].front(),
              "# time.cancel_before_expiry: retry 1/4: arming and cancelling took 6000000 ns > "
              "4999999 ns allowed at margin 5000000 ns");
    // 12 ms is still more than half of 20 ms: the order case retried twice.
    EXPECT_EQ(retries["time.timer_order"].size(), 2u);
    EXPECT_EQ(ref_armed_timers(), 0u);
}

TEST_F(Conformance, RealClockWithHostStallsConforms) {
    // Threaded: register_timer sleeps 3 ms, while the service thread fires what falls due.
    ref_config config{};
    config.threaded = true;
    config.arm_stall_ns = 3000000;
    install(config);
    axv_conformance_options opts = options();
    opts.idle = nullptr;
    EXPECT_EQ(run(&opts), 0) << describe();
    EXPECT_EQ(result.passed, kAllCases.size());
    EXPECT_FALSE(retry_lines()["time.timer_order"].empty()) << ref_console_output();
    ref_platform_stop();
    EXPECT_EQ(ref_armed_timers(), 0u);
}

TEST_F(Conformance, SuiteLateAtEveryAttemptSkipsRatherThanJudges) {
    // 2 s per register_timer: more than half the widest margin (4^4 x 5 ms = 1.28 s).
    ref_config config{};
    config.arm_stall_ns = 2000000000;
    install(config);
    axv_conformance_options opts = options();
    opts.areas = AXV_CONFORMANCE_AREA(time);
    EXPECT_EQ(run(&opts), 0) << describe();
    std::set<std::string> skipped_time_cases;
    for (const std::string &name : with(AXV_CONFORMANCE_SKIP))
        if (name.rfind("time.", 0) == 0)
            skipped_time_cases.insert(name);
    EXPECT_EQ(skipped_time_cases, kMarginCases) << describe();
    for (const Report &r : reports)
        if (kMarginCases.count(r.name) != 0) {
            EXPECT_EQ(r.detail.rfind("the suite was late at every attempt (a host stall, nothing "
                                     "judged): ",
                                     0),
                      0u)
                << r.detail;
            EXPECT_NE(r.detail.find("at margin 1280000000 ns"), std::string::npos) << r.detail;
        }
    for (const auto &r : retry_lines())
        EXPECT_EQ(r.second.size(), 4u) << r.first;
    EXPECT_EQ(ref_armed_timers(), 0u);
}

TEST_F(Conformance, StallsWhileWaitingAreNotCountedButEveryWaitEnds) {
    // Timers that never fire, and a clock that jumps 50 ms every 64 idle steps (3.2 ms): the
    // jumps are not counted against the 10 ms budget, up to 9 budgets, then the wait ends.
    ref_config config{};
    config.fault = REF_FAULT_TIMERS_NEVER_FIRE;
    config.idle_stall_ns = 50000000;
    install(config);
    axv_conformance_options opts = options();
    opts.areas = AXV_CONFORMANCE_AREA(time);
    opts.timer_budget_ns = 10000000;
    EXPECT_EQ(run(&opts), static_cast<int>(kWaitingTimerCases.size())) << describe();
    EXPECT_EQ(with(AXV_CONFORMANCE_FAIL), kWaitingTimerCases);
    const std::regex stalled(
        R"(([1-4]) of \1 timers did not fire within the budget of 10000000 ns )"
        R"(past the deadline \(plus ([0-9]+) ns the suite was stalled\))");
    for (const Report &r : reports)
        if (r.outcome == AXV_CONFORMANCE_FAIL) {
            std::smatch m;
            ASSERT_TRUE(std::regex_search(r.detail, m, stalled)) << r.name << ": " << r.detail;
            const unsigned long long ns = std::stoull(m[2].str());
            EXPECT_GT(ns, 0u) << r.name;
            EXPECT_LE(ns, 90000000u) << r.name << ": at most 9 budgets are forgiven";
        }
}

TEST_F(Conformance, LibraryFallbackForInjectToVcpusConforms) {
    ref_config config{};
    config.fallback_to_vcpus = true;
    install(config);
    ASSERT_FALSE(axv_vmm_implements(axv_vmm_op_inject_interrupt_to_vcpus));
    axv_conformance_options opts = options();
    EXPECT_EQ(run(&opts), 0) << describe();
    EXPECT_EQ(result.passed, kAllCases.size());
}

TEST_F(Conformance, AnotherVmConforms) {
    install();
    axv_conformance_options opts = options();
    opts.vm_id = 1;
    opts.irq = 100;
    EXPECT_EQ(run(&opts), 0) << describe();
    EXPECT_EQ(result.passed, kAllCases.size());
}

struct FaultCase {
    ref_fault fault;
    const char *label;
    std::set<std::string> fails;
    // Failed as well when the host stalls the suite: a stall may expose more of the fault.
    std::set<std::string> also_when_stalled = {};
};

void PrintTo(const FaultCase &f, std::ostream *os) {
    *os << f.label;
}

class BrokenPlatform : public Conformance, public ::testing::WithParamInterface<FaultCase> {};

TEST_P(BrokenPlatform, FailsExactlyTheCasesItBreaks) {
    ref_config config{};
    config.fault = GetParam().fault;
    install(config);
    axv_conformance_options opts = options();
    const std::set<std::string> &expected = GetParam().fails;
    EXPECT_EQ(run(&opts), static_cast<int>(expected.size())) << describe();
    EXPECT_EQ(with(AXV_CONFORMANCE_FAIL), expected) << describe();
    EXPECT_EQ(with(AXV_CONFORMANCE_SKIP), std::set<std::string>{});
    for (const Report &r : reports)
        if (r.outcome == AXV_CONFORMANCE_FAIL) {
            EXPECT_NE(r.detail, "") << r.name;
        }
    EXPECT_EQ(result.failed, expected.size());
    EXPECT_EQ(result.passed, kAllCases.size() - expected.size());
    EXPECT_EQ(check_output(), count_line(kAllCases.size() - expected.size(), expected.size(), 0));
}

// A host that stalls the suite for 3 ms at every register_timer (more than half the 5 ms
// margin, so the margin-bound cases retry) hides no fault.
TEST_P(BrokenPlatform, FailsTheSameCasesWhenTheHostStalls) {
    ref_config config{};
    config.fault = GetParam().fault;
    config.arm_stall_ns = 3000000;
    install(config);
    axv_conformance_options opts = options();
    std::set<std::string> expected = GetParam().fails;
    expected.insert(GetParam().also_when_stalled.begin(), GetParam().also_when_stalled.end());
    EXPECT_EQ(run(&opts), static_cast<int>(expected.size())) << describe();
    EXPECT_EQ(with(AXV_CONFORMANCE_FAIL), expected) << describe();
    EXPECT_EQ(with(AXV_CONFORMANCE_SKIP), std::set<std::string>{}) << describe();
    EXPECT_EQ(check_output(), count_line(kAllCases.size() - expected.size(), expected.size(), 0));
}

INSTANTIATE_TEST_SUITE_P(
    Faults, BrokenPlatform,
    ::testing::Values(
        FaultCase{REF_FAULT_MISALIGNED_FRAMES,
                  "MisalignedFrames",
                  {"memory.alloc_frame_distinct_aligned", "memory.contiguous_alignment"}},
        FaultCase{REF_FAULT_CONTIGUOUS_IGNORES_ALIGN,
                  "ContiguousIgnoresAlign",
                  {"memory.contiguous_alignment"}},
        FaultCase{
            REF_FAULT_FRAMES_OVERLAP_RUNS, "FramesOverlapRuns", {"memory.contiguous_no_overlap"}},
        FaultCase{
            REF_FAULT_DOUBLE_FREE_ACCEPTED, "DoubleFreeAccepted", {"memory.dealloc_frame_twice"}},
        FaultCase{REF_FAULT_TIMER_FIRES_EARLY, "TimerFiresEarly", {"time.timer_not_early"}},
        FaultCase{REF_FAULT_TIMER_EARLY_CLAIMS_ON_TIME,
                  "TimerEarlyClaimsOnTime",
                  {"time.timer_not_early"}},
        FaultCase{
            REF_FAULT_TIMERS_FIRE_IN_ARMING_ORDER, "TimersFireInArmingOrder", {"time.timer_order"}},
        FaultCase{
            REF_FAULT_CANCEL_DOES_NOT_CANCEL, "CancelDoesNotCancel", {"time.cancel_before_expiry"}},
        // A stalled cancel comes after the firing, and is (wrongly) told AXV_OK.
        FaultCase{REF_FAULT_CANCEL_AFTER_FIRE_OK,
                  "CancelAfterFireOk",
                  {"time.cancel_after_fire"},
                  {"time.cancel_before_expiry"}},
        FaultCase{REF_FAULT_TIMERS_NEVER_FIRE, "TimersNeverFire", kWaitingTimerCases},
        FaultCase{REF_FAULT_INJECT_LOSES_IRQ,
                  "InjectLosesIrq",
                  {"vmm.inject_interrupt_delivered", "vmm.inject_shared"}},
        FaultCase{REF_FAULT_CONSOLE_WRITES_SHORT, "ConsoleWritesShort", {"console.write_length"}},
        FaultCase{REF_FAULT_BAD_VM_NOT_ENOENT, "BadVmNotEnoent", {"vmm.vcpu_num"}},
        FaultCase{REF_FAULT_TICKS_GO_BACKWARDS, "TicksGoBackwards", {"time.ticks_monotonic"}},
        FaultCase{REF_FAULT_REMOTE_INJECT_LOST,
                  "RemoteInjectLost",
                  {"vmm.inject_interrupt_delivered", "vmm.inject_to_vcpus_delivered",
                   "vmm.inject_shared"}},
        FaultCase{REF_FAULT_IMSIC_FILES_ALIAS, "ImsicFilesAlias", {"riscv.imsic_layout"}},
        FaultCase{REF_FAULT_FENCE_ACCEPTS_ANY_CPU, "FenceAcceptsAnyCpu", {"riscv.remote_fences"}}),
    [](const ::testing::TestParamInfo<FaultCase> &info) { return std::string(info.param.label); });

// Makes the timer PPI pending on every vCPU of VM 0 (through notify_vcpu_timer_expired).
void make_timer_ppi_pending() {
    for (axv_vcpu_id_t v = 0; v < REF_VM0_VCPUS; v++)
        EXPECT_EQ(axv_vmm_notify_vcpu_timer_expired(0, v), AXV_OK);
}

// Records, and before every delivery case leaves the test INTID pending everywhere.
void record_and_make_stale(void *ctx, const char *name, axv_conformance_outcome outcome,
                           const char *detail) {
    record(ctx, name, outcome, detail);
    make_timer_ppi_pending();
}

TEST_F(Conformance, StalePendingInterruptDoesNotHideALostInjection) {
    // Injection loses interrupts, and inject_interrupt_to_vcpus falls back to it.
    ref_config config{};
    config.fault = REF_FAULT_INJECT_LOSES_IRQ;
    config.fallback_to_vcpus = true;
    install(config);
    // The test INTID is the timer PPI, pending on every vCPU whenever a case starts:
    // delivery must be judged on new injections only.
    make_timer_ppi_pending();
    axv_conformance_options opts = options();
    opts.areas = AXV_CONFORMANCE_AREA(vmm);
    opts.irq = 27;
    opts.shared_routing = AXV_CONFORMANCE_SHARED_UNTESTED; // SPI 32 is not made stale
    opts.report = record_and_make_stale;
    EXPECT_EQ(run(&opts), 2) << describe();
    EXPECT_EQ(with(AXV_CONFORMANCE_FAIL), (std::set<std::string>{"vmm.inject_interrupt_delivered",
                                                                 "vmm.inject_to_vcpus_delivered"}));
}

TEST_F(Conformance, AsynchronousInjectionConforms) {
    // Injection into another vCPU returns before the interrupt is pending, as a message to
    // another CPU does; the contract allows it, so the suite waits for it.
    ref_config config{};
    config.async_inject = true;
    install(config);
    ASSERT_EQ(axv_vmm_inject_interrupt(0, 1, AXV_CONFORMANCE_DEFAULT_IRQ), AXV_OK);
    EXPECT_FALSE(ref_irq_pending(nullptr, 0, 1, AXV_CONFORMANCE_DEFAULT_IRQ)) << "not async";
    for (int step = 0; step < 3; step++)
        ref_idle(nullptr);
    EXPECT_TRUE(ref_irq_pending(nullptr, 0, 1, AXV_CONFORMANCE_DEFAULT_IRQ));

    run_both_to_vcpus_paths(config, 0, [this](int failed) {
        EXPECT_EQ(failed, 0) << describe();
        EXPECT_EQ(result.passed, kAllCases.size());
    });
}

TEST_F(Conformance, AsynchronousInjectionThatLosesItsMessagesFails) {
    // The same platform, but the posted injections never arrive: waiting must not hide it.
    ref_config config{};
    config.async_inject = true;
    config.fault = REF_FAULT_REMOTE_INJECT_LOST;
    run_both_to_vcpus_paths(config, AXV_CONFORMANCE_AREA(vmm), [this](int failed) {
        EXPECT_EQ(failed, 3) << describe();
        EXPECT_EQ(with(AXV_CONFORMANCE_FAIL),
                  (std::set<std::string>{"vmm.inject_interrupt_delivered",
                                         "vmm.inject_to_vcpus_delivered", "vmm.inject_shared"}));
        for (const Report &r : reports)
            if (r.name == "vmm.inject_interrupt_delivered") {
                EXPECT_EQ(r.detail, "inject_interrupt returned AXV_OK but INTID 22 was not "
                                    "pending on vCPU 1 within the timer budget");
            }
    });
}

// An observation hook for a platform that misroutes: whenever another vCPU's interrupt has
// shown, the next poll of vCPU 0 shows it too.
bool echo_to_vcpu0 = false;
bool pending_with_echo(void *, axv_vm_id_t vm, axv_vcpu_id_t vcpu, axv_irq_t irq) {
    bool got = ref_irq_pending(nullptr, vm, vcpu, irq);
    if (vcpu != 0 && got)
        echo_to_vcpu0 = true;
    if (vcpu == 0 && echo_to_vcpu0) {
        echo_to_vcpu0 = false;
        return true;
    }
    return got;
}

TEST_F(Conformance, DeliveryToAVcpuThatWasNotTargetedFails) {
    // The wait watches every vCPU, not only the target, even when delivery is late.
    ref_config config{};
    config.async_inject = true;
    install(config);
    echo_to_vcpu0 = false;
    axv_conformance_options opts = options();
    opts.areas = AXV_CONFORMANCE_AREA(vmm);
    opts.irq_pending = pending_with_echo;
    opts.shared_routing = AXV_CONFORMANCE_SHARED_UNTESTED; // the per-vCPU INTID is enough
    EXPECT_EQ(run(&opts), 1) << describe();
    EXPECT_EQ(with(AXV_CONFORMANCE_FAIL), std::set<std::string>{"vmm.inject_interrupt_delivered"});
    for (const Report &r : reports)
        if (r.outcome == AXV_CONFORMANCE_FAIL) {
            EXPECT_EQ(r.detail,
                      "an interrupt injected into another vCPU made pending INTID 22 on vCPU 0");
        }
}

// The shared-interrupt case checks what the options say the platform does with an SPI.
struct SharedCase {
    ref_spi_mode platform;
    axv_conformance_shared_routing said;
    bool passes;
};

std::string shared_case_text(const SharedCase &c) {
    static const char *const platform[] = {"ToVcpu", "ByVgic", "Refused", "ToAll"};
    static const char *const said[] = {"Untested", "SaidToVcpu", "SaidByVgic", "SaidRefused"};
    return std::string(platform[c.platform]) + said[c.said];
}

std::string shared_case_name(const ::testing::TestParamInfo<SharedCase> &info) {
    return shared_case_text(info.param);
}

// Printed by name: GoogleTest would otherwise dump the struct's bytes, padding included,
// which valgrind rightly reports as uninitialised.
void PrintTo(const SharedCase &c, std::ostream *os) {
    *os << shared_case_text(c);
}

class SharedRouting : public Conformance, public ::testing::WithParamInterface<SharedCase> {};

TEST_P(SharedRouting, TheSharedCaseChecksWhatTheOptionsSay) {
    ref_config config{};
    config.spi_mode = GetParam().platform;
    config.async_inject = true; // delivery to any vCPU but 0 comes later
    install(config);
    axv_conformance_options opts = options();
    opts.areas = AXV_CONFORMANCE_AREA(vmm);
    opts.shared_routing = GetParam().said;
    bool passes = GetParam().passes;
    EXPECT_EQ(run(&opts), passes ? 0 : 1) << describe();
    EXPECT_EQ(with(AXV_CONFORMANCE_FAIL),
              passes ? std::set<std::string>{} : std::set<std::string>{"vmm.inject_shared"})
        << describe();
    EXPECT_EQ(vmm_with(AXV_CONFORMANCE_SKIP), std::set<std::string>{}) << describe();
}

INSTANTIATE_TEST_SUITE_P(
    Platforms, SharedRouting,
    ::testing::Values(SharedCase{REF_SPI_TO_VCPU, AXV_CONFORMANCE_SHARED_TO_VCPU, true},
                      SharedCase{REF_SPI_BY_VGIC, AXV_CONFORMANCE_SHARED_BY_VGIC, true},
                      SharedCase{REF_SPI_REFUSED, AXV_CONFORMANCE_SHARED_REFUSED, true},
                      // One vCPU each time is also "exactly one".
                      SharedCase{REF_SPI_TO_VCPU, AXV_CONFORMANCE_SHARED_BY_VGIC, true},
                      SharedCase{REF_SPI_BY_VGIC, AXV_CONFORMANCE_SHARED_TO_VCPU, false},
                      SharedCase{REF_SPI_REFUSED, AXV_CONFORMANCE_SHARED_TO_VCPU, false},
                      SharedCase{REF_SPI_TO_VCPU, AXV_CONFORMANCE_SHARED_REFUSED, false},
                      // One injection must not become several interrupts.
                      SharedCase{REF_SPI_TO_ALL, AXV_CONFORMANCE_SHARED_BY_VGIC, false}),
    shared_case_name);

TEST_F(Conformance, SharedCaseIsSkippedUnlessTheOptionsSayHowSpisAreRouted) {
    install();
    axv_conformance_options opts = options();
    opts.areas = AXV_CONFORMANCE_AREA(vmm);
    opts.shared_routing = AXV_CONFORMANCE_SHARED_UNTESTED;
    EXPECT_EQ(run(&opts), 0) << describe();
    EXPECT_EQ(vmm_with(AXV_CONFORMANCE_SKIP), std::set<std::string>{"vmm.inject_shared"});
    for (const Report &r : reports)
        if (r.name == "vmm.inject_shared") {
            EXPECT_EQ(r.detail, "the options do not say how the platform treats shared INTIDs "
                                "(shared_routing)");
        }
}

TEST_F(Conformance, EveryFaultIsCovered) {
    // A fault added to the reference platform needs its row above.
    EXPECT_EQ(static_cast<int>(REF_FAULT_COUNT), 18);
}

TEST_F(Conformance, PlatformWithoutVmmSkipsVmmCases) {
    ref_config config{};
    config.without_vmm = true;
    install(config);
    axv_conformance_options opts = options();
    EXPECT_EQ(run(&opts), 0) << describe();
    size_t vmm_cases = 0;
    for (const Report &r : reports) {
        if (r.name.rfind("vmm.", 0) == 0) {
            vmm_cases++;
            EXPECT_EQ(r.outcome, AXV_CONFORMANCE_SKIP) << r.name;
            EXPECT_EQ(r.detail, "the platform implements no vmm op") << r.name;
        } else {
            EXPECT_EQ(r.outcome, AXV_CONFORMANCE_PASS) << r.name << ": " << r.detail;
        }
    }
    EXPECT_EQ(vmm_cases, 8u);
    EXPECT_EQ(result.skipped, vmm_cases);
    EXPECT_EQ(check_output(), count_line(kAllCases.size() - vmm_cases, 0, vmm_cases));
}

TEST_F(Conformance, DeliveryCasesSkipWithoutObservationHook) {
    install();
    axv_conformance_options opts = options();
    opts.irq_pending = nullptr;
    EXPECT_EQ(run(&opts), 0) << describe();
    const std::set<std::string> delivery = {"vmm.inject_interrupt_delivered",
                                            "vmm.inject_to_vcpus_delivered", "vmm.inject_shared"};
    EXPECT_EQ(with(AXV_CONFORMANCE_SKIP), delivery);
    for (const Report &r : reports)
        if (delivery.count(r.name) != 0) {
            EXPECT_EQ(r.detail, "no irq_pending hook in the options to observe delivery");
        }
    EXPECT_EQ(check_output(), count_line(kAllCases.size() - 3, 0, 3));
}

TEST_F(Conformance, DeselectedAreasAreSkipped) {
    install();
    axv_conformance_options opts = options();
    opts.areas = AXV_CONFORMANCE_AREA(memory) | AXV_CONFORMANCE_AREA(console);
    EXPECT_EQ(run(&opts), 0) << describe();
    size_t selected = 0;
    for (const Report &r : reports) {
        bool is_selected = r.name.rfind("memory.", 0) == 0 || r.name.rfind("console.", 0) == 0;
        if (is_selected) {
            selected++;
            EXPECT_EQ(r.outcome, AXV_CONFORMANCE_PASS) << r.name << ": " << r.detail;
        } else {
            EXPECT_EQ(r.outcome, AXV_CONFORMANCE_SKIP) << r.name;
            EXPECT_EQ(r.detail, "area not selected by the options");
        }
    }
    EXPECT_EQ(selected, 15u);
    EXPECT_EQ(result.passed, selected);
    EXPECT_EQ(result.skipped, kAllCases.size() - selected);
    EXPECT_EQ(check_output(), count_line(selected, 0, kAllCases.size() - selected));
    // A deselected area is not touched: no timer was ever armed, no VM was injected into.
    EXPECT_FALSE(ref_irq_pending(nullptr, 0, 0, AXV_CONFORMANCE_DEFAULT_IRQ));
}

TEST_F(Conformance, ExhaustionIsSkippedWhenTheBudgetIsSmallerThanFreeMemory) {
    install();
    axv_conformance_options opts = options();
    opts.max_frames = 64;
    EXPECT_EQ(run(&opts), 0) << describe();
    EXPECT_EQ(with(AXV_CONFORMANCE_SKIP), std::set<std::string>{"memory.exhaustion"});
    for (const Report &r : reports)
        if (r.name == "memory.exhaustion") {
            EXPECT_EQ(r.detail, "the platform has more than 64 free frames, the memory budget "
                                "(options.max_frames)");
        }
    EXPECT_EQ(ref_free_frames(), ref_ram_frames());
    EXPECT_EQ(check_output(), count_line(kAllCases.size() - 1, 0, 1));
}

TEST_F(Conformance, ContiguousAlignmentIsSkippedWhenNoAlignedRunIsFree) {
    install();
    // Hold every 2 MiB-aligned frame: a 2 MiB-aligned run cannot be had (AXV_ENOMEM).
    const size_t align = size_t{2} << 20;
    std::vector<axv_paddr_t> held;
    for (axv_paddr_t first; axv_memory_alloc_contiguous_frames(1, align, &first) == AXV_OK;)
        held.push_back(first);
    ASSERT_EQ(held.size(), ref_ram_frames() * AXV_FRAME_SIZE / align);
    axv_conformance_options opts = options();
    EXPECT_EQ(run(&opts), 0) << describe();
    EXPECT_EQ(with(AXV_CONFORMANCE_SKIP), std::set<std::string>{"memory.contiguous_alignment"});
    for (const Report &r : reports) {
        if (r.name == "memory.contiguous_alignment") {
            EXPECT_EQ(r.detail, "alloc_contiguous_frames(2, 0x200000) returned AXV_ENOMEM: no "
                                "free run that aligned, larger ones not checked");
        }
    }
    for (axv_paddr_t first : held)
        EXPECT_EQ(axv_memory_dealloc_contiguous_frames(first, 1), AXV_OK);
    EXPECT_EQ(ref_free_frames(), ref_ram_frames());
}

TEST_F(Conformance, BadOptionsAreRefusedWithoutRunning) {
    install();
    std::vector<axv_conformance_options> bad(8, options());
    bad[7].shared_routing =
        static_cast<axv_conformance_shared_routing>(AXV_CONFORMANCE_SHARED_REFUSED + 1);
    bad[5].timer_margin_ns = AXV_CONFORMANCE_MIN_TIMER_MARGIN_NS - 1u;
    bad[6].timer_margin_ns = AXV_CONFORMANCE_MAX_TIMER_MARGIN_NS + 1u;
    bad[0].areas = AXV_CONFORMANCE_ALL_AREAS + 1u;
    bad[1].max_frames = AXV_CONFORMANCE_MIN_FRAMES - 1u;
    bad[2].timer_budget_ns = AXV_CONFORMANCE_MIN_TIMER_BUDGET_NS - 1u;
    bad[3].timer_budget_ns = AXV_CONFORMANCE_MAX_TIMER_BUDGET_NS + 1u;
    bad[4].vm_id = static_cast<axv_vm_id_t>(-1);
    for (size_t i = 0; i < bad.size(); i++) {
        result = {1, 2, 3};
        EXPECT_EQ(run(&bad[i]), AXV_EINVAL) << "options #" << i;
        EXPECT_EQ(result.passed + result.failed + result.skipped, 0u) << "options #" << i;
    }
    EXPECT_TRUE(reports.empty());
    EXPECT_STREQ(ref_console_output(), "");
    // The limits themselves are accepted.
    axv_conformance_options edge = options();
    edge.areas = AXV_CONFORMANCE_AREA(host);
    edge.max_frames = AXV_CONFORMANCE_MIN_FRAMES;
    edge.timer_budget_ns = AXV_CONFORMANCE_MAX_TIMER_BUDGET_NS;
    edge.timer_margin_ns = AXV_CONFORMANCE_MAX_TIMER_MARGIN_NS;
    EXPECT_EQ(run(&edge), 0) << describe();
}

TEST_F(Conformance, NullOptionsRunWithDefaults) {
    // No idle hook: this platform's clock steps, and its timers fire, as it is read.
    ref_config config{};
    config.self_clocked = true;
    install(config);
    EXPECT_EQ(axv_conformance_run(nullptr, &result), 0) << ref_console_output();
    EXPECT_EQ(result.failed, 0u);
    EXPECT_EQ(result.skipped, 3u) << "only the delivery cases, for want of a hook or routing";
    EXPECT_EQ(result.passed, kAllCases.size() - 3);
    std::vector<std::string> lines = lines_of(ref_console_output());
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.back(), count_line(kAllCases.size() - 3, 0, 3));
    EXPECT_EQ(axv_conformance_run(nullptr, nullptr), 0);
}

TEST_F(Conformance, StoppedClockFailsTimerCasesInsteadOfHanging) {
    // The simulated clock only moves when idled, and there is no idle hook.
    install();
    axv_conformance_options opts = options();
    opts.idle = nullptr;
    EXPECT_EQ(run(&opts), static_cast<int>(kWaitingTimerCases.size())) << describe();
    EXPECT_EQ(with(AXV_CONFORMANCE_FAIL), kWaitingTimerCases);
    for (const Report &r : reports)
        if (r.outcome == AXV_CONFORMANCE_FAIL) {
            EXPECT_NE(r.detail.find("the clock stood still"), std::string::npos) << r.detail;
        }
}

TEST_F(Conformance, EmptyPlatformSkipsEverythingAndPrintsNothing) {
    // Only the console: everything else must be skipped, never called (a value op's default
    // is fatal).
    install();
    axv_console_ops console{};
    ASSERT_EQ(axv_console_get(&console), AXV_OK);
#define AXV_EACH_AREA(area) ASSERT_EQ(axv_##area##_reset(), AXV_OK);
#include <axvisor_api/each_area.h>
    ASSERT_EQ(axv_console_register(&console), AXV_OK);
    axv_conformance_options opts = options();
    EXPECT_EQ(run(&opts), 0) << describe();
    EXPECT_EQ(with(AXV_CONFORMANCE_PASS), std::set<std::string>{"console.write_length"});
    for (const Report &r : reports)
        if (r.outcome == AXV_CONFORMANCE_SKIP) {
            EXPECT_EQ(r.detail.rfind("the platform implements no ", 0), 0u) << r.detail;
        }
    EXPECT_EQ(check_output(), count_line(1, 0, kAllCases.size() - 1));

    // Without a console the suite runs silently: the report hook still hears everything.
    ASSERT_EQ(axv_console_reset(), AXV_OK);
    reports.clear();
    EXPECT_EQ(run(&opts), 0);
    EXPECT_EQ(reports.size(), kAllCases.size());
    EXPECT_EQ(result.skipped, kAllCases.size());
}

TEST_F(Conformance, PartlyImplementedAreaNamesTheMissingOp) {
    install();
    axv_time_ops time{};
    ASSERT_EQ(axv_time_get(&time), AXV_OK);
    time.cancel_timer = nullptr;
    ASSERT_EQ(axv_time_register(&time), AXV_OK);
    axv_conformance_options opts = options();
    EXPECT_EQ(run(&opts), 0) << describe();
    const std::set<std::string> needs_cancel = {"time.cancel_before_expiry",
                                                "time.cancel_after_fire", "time.cancel_twice",
                                                "time.cancel_unknown"};
    EXPECT_EQ(with(AXV_CONFORMANCE_SKIP), needs_cancel);
    for (const Report &r : reports)
        if (r.outcome == AXV_CONFORMANCE_SKIP) {
            EXPECT_EQ(r.detail, "time.cancel_timer is not implemented");
        }
}

TEST_F(Conformance, OutcomeNames) {
    EXPECT_STREQ(axv_conformance_outcome_name(AXV_CONFORMANCE_PASS), "PASS");
    EXPECT_STREQ(axv_conformance_outcome_name(AXV_CONFORMANCE_FAIL), "FAIL");
    EXPECT_STREQ(axv_conformance_outcome_name(AXV_CONFORMANCE_SKIP), "SKIP");
    EXPECT_STREQ(axv_conformance_outcome_name(static_cast<axv_conformance_outcome>(7)), "?");
}

TEST_F(Conformance, AreaBitsFollowTheBuiltinAreaList) {
    EXPECT_EQ(AXV_CONFORMANCE_ALL_AREAS, 0x7fu);
    EXPECT_EQ(AXV_CONFORMANCE_AREA(memory), 1u);
    EXPECT_EQ(AXV_CONFORMANCE_AREA(console), 0x20u);
    EXPECT_EQ(AXV_CONFORMANCE_AREA(riscv), 0x40u);
}

} // namespace
