# Bare-metal AArch64 for QEMU virt at EL2: no libc, no FP/SIMD registers (the EL1 guest's
# state is not saved), no unaligned accesses (code runs before the MMU is on, and the EL1
# guests run with theirs off: Device memory), inline atomics (outline atomics pull in libc symbols), fixed addresses (no PIE).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
if(NOT CMAKE_C_COMPILER)
    set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
endif()
if(NOT CMAKE_ASM_COMPILER)
    set(CMAKE_ASM_COMPILER ${CMAKE_C_COMPILER})
endif()
# Nothing links without the platform's linker script: probe with static libraries.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_C_FLAGS_INIT
    "-ffreestanding -nostdlib -fno-pie -mgeneral-regs-only -mstrict-align -mno-outline-atomics")
set(CMAKE_ASM_FLAGS_INIT "-fno-pie")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostdlib -no-pie -static -Wl,--build-id=none")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# $<LINK_LIBRARY:WHOLE_ARCHIVE,...> for this bare-metal (Generic) target, which CMake only
# predefines for hosted systems: GNU ld's flags around the archive.
set(CMAKE_C_LINK_LIBRARY_USING_WHOLE_ARCHIVE
    "LINKER:--whole-archive" "<LINK_ITEM>" "LINKER:--no-whole-archive")
set(CMAKE_C_LINK_LIBRARY_USING_WHOLE_ARCHIVE_SUPPORTED TRUE)
