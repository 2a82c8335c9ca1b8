#!/bin/bash
# Runs one bare-metal image under QEMU virt and judges it by the exit status the image
# gives: AArch64 (EL2, GICv3) through semihosting SYS_EXIT, riscv64 (HS-mode under OpenSBI,
# platforms/qemu-virt-riscv64) through the sifive_test device.
#   run-qemu.sh --qemu PATH --image ELF [--machine aarch64|riscv64] [--machine-options OPTS]
#               [--ram MIB] [--smp N] [--append TEXT] [--expect-status N]
#               [--expect-output REGEX]
# --machine-options: appended to -M virt (riscv64: e.g. aia=aplic-imsic,aia-guests=2).
# Exit status: 0 when the image's status is the expected one (default 0) and, if given, its
# output matches REGEX; 77 (skip) when QEMU or the image (no cross compiler) is missing;
# 1 otherwise, including a hang (killed after AXV_QEMU_TIMEOUT_S).
# Budgets for this host, from the environment: QEMU's counter follows host time while its
# vCPU threads wait for a CPU, so on a loaded machine timers fire late and everything is slow.
#   AXV_TEST_TIMER_BUDGET_MS  how late a timer may fire before it counts as lost (default
#                             2000); appended to the command line as timer_budget_ms=<n>
#   AXV_QEMU_TIMEOUT_S        how long QEMU may run before it counts as hung (default 60;
#                             ctest's TIMEOUT for these tests is 30 s above it)
set -u
qemu=qemu-system-aarch64 machine=aarch64 machine_options= image= ram=128 smp=1 append= expect_status=0 expect_output=
while [ $# -gt 0 ]; do
    case "$1" in
    --qemu) qemu=$2; shift 2 ;;
    --image) image=$2; shift 2 ;;
    --machine) machine=$2; shift 2 ;;
    --machine-options) machine_options=$2; shift 2 ;;
    --ram) ram=$2; shift 2 ;;
    --smp) smp=$2; shift 2 ;;
    --append) append=$2; shift 2 ;;
    --expect-status) expect_status=$2; shift 2 ;;
    --expect-output) expect_output=$2; shift 2 ;;
    *) echo "run-qemu.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
case "$machine" in
aarch64)
    qemu_package=qemu-system-arm compiler="AArch64 cross compiler: gcc-aarch64-linux-gnu"
    args=(-M "virt,virtualization=on,gic-version=3${machine_options:+,$machine_options}"
        -cpu cortex-a72 -m "${ram}M" -smp "$smp"
        -nographic -nic none -semihosting -kernel "$image") ;;
riscv64)
    # -bios default: QEMU's OpenSBI, which starts the image in S-mode at 0x80200000.
    qemu_package=qemu-system-misc compiler="riscv64 cross compiler: gcc-riscv64-unknown-elf"
    args=(-M "virt${machine_options:+,$machine_options}" -m "${ram}M" -smp "$smp" -nographic
        -nic none -bios default -kernel "$image") ;;
*) echo "run-qemu.sh: unknown machine $machine" >&2; exit 2 ;;
esac
if ! command -v "$qemu" >/dev/null 2>&1; then
    echo "SKIP: $qemu is not installed (scripts/setup.sh installs $qemu_package)"
    exit 77
fi
if [ ! -f "$image" ]; then
    echo "SKIP: $image was not built (no $compiler)"
    exit 77
fi
budget_ms=${AXV_TEST_TIMER_BUDGET_MS:-2000}
limit_s=${AXV_QEMU_TIMEOUT_S:-60}
args+=(-append "${append:+$append }timer_budget_ms=$budget_ms")
echo "+ $qemu ${args[*]}"
# stdin from /dev/null: QEMU's -nographic console must not wait on ctest's terminal.
output=$(timeout "$limit_s" "$qemu" "${args[@]}" </dev/null 2>&1)
status=$?
printf '%s\n' "$output"
if [ $status -eq 124 ]; then
    echo "FAILED: QEMU did not exit within $limit_s s (AXV_QEMU_TIMEOUT_S)"
    exit 1
fi
if [ "$status" -ne "$expect_status" ]; then
    echo "FAILED: exit status $status, expected $expect_status"
    exit 1
fi
if [ -n "$expect_output" ] && ! grep -Eq "$expect_output" <<<"$output"; then
    echo "FAILED: output does not match: $expect_output"
    exit 1
fi
exit 0
