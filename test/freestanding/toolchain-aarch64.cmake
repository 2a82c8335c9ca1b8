# Bare-metal AArch64 (EL2 hypervisor style): no libc, fixed addresses (aarch64-linux-gnu-gcc
# defaults to PIE, whose GOT loads a bare-metal link would keep), no FP/SIMD registers, no unaligned
# accesses, inline atomics. Used by check_freestanding.sh; pass -DCMAKE_C_COMPILER=... to
# use another AArch64 GCC.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
if(NOT CMAKE_C_COMPILER)
    set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
endif()
# Nothing can be linked without a libc or a linker script: probe with static libraries.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_C_FLAGS_INIT
    "-ffreestanding -nostdlib -fno-pie -mgeneral-regs-only -mstrict-align -mno-outline-atomics")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
