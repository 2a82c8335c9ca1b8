# Bare-metal RISC-V 64 (RV64IMAC, soft-float LP64 ABI, code anywhere in memory): no libc.
# Used by check_freestanding.sh; pass -DCMAKE_C_COMPILER=... to use another RISC-V GCC.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
if(NOT CMAKE_C_COMPILER)
    set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
endif()
# Nothing can be linked without a libc or a linker script: probe with static libraries.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_C_FLAGS_INIT "-ffreestanding -nostdlib -march=rv64imac -mabi=lp64 -mcmodel=medany")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
