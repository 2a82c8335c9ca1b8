# Bare-metal riscv64 for QEMU virt in HS-mode: no libc, no floating point (a guest's state
# is not saved, and lib/ has none), medany (the image is linked at 0x80200000, beyond
# medlow's reach), fixed addresses (no PIE). gcc 12 rejects `h` in -march: the hypervisor
# CSRs assemble by name without it.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
if(NOT CMAKE_C_COMPILER)
    set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
endif()
if(NOT CMAKE_ASM_COMPILER)
    set(CMAKE_ASM_COMPILER ${CMAKE_C_COMPILER})
endif()
# Nothing links without the platform's linker script: probe with static libraries.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
# Zicsr and Zifencei are explicit for gcc 12 (ISA spec 20191213); clang 14 (the static
# analysis builds with it) implies them and rejects their names.
set(axv_rv64_march rv64imac_zicsr_zifencei)
if(CMAKE_C_COMPILER MATCHES "clang")
    set(axv_rv64_march rv64imac)
endif()
set(CMAKE_C_FLAGS_INIT
    "-ffreestanding -nostdlib -fno-pie -march=${axv_rv64_march} -mabi=lp64 -mcmodel=medany")
set(CMAKE_ASM_FLAGS_INIT "-fno-pie -march=${axv_rv64_march} -mabi=lp64 -mcmodel=medany")
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
