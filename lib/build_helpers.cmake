# Build helpers shared by every library of the project (included from the top level).
include(CheckCCompilerFlag)

# Freestanding code (the core, the conformance suite): -ffreestanding keeps hosted
# assumptions out; GCC would still turn copy loops into memcpy calls and AArch64 GCC would
# call libgcc for atomics, so both are switched off. Clang only warns about flags it
# ignores, so the checks use -Werror.
set(CMAKE_REQUIRED_FLAGS -Werror)
check_c_compiler_flag(-fno-tree-loop-distribute-patterns AXV_HAS_NO_LOOP_PATTERNS)
check_c_compiler_flag(-mno-outline-atomics AXV_HAS_NO_OUTLINE_ATOMICS)
unset(CMAKE_REQUIRED_FLAGS)

# Compiles TARGET as freestanding C11 with the project's warnings.
function(axv_freestanding_target target)
    set(flags -ffreestanding -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes
        -Wmissing-prototypes)
    if(AXV_HAS_NO_LOOP_PATTERNS)
        list(APPEND flags -fno-tree-loop-distribute-patterns)
    endif()
    if(AXV_HAS_NO_OUTLINE_ATOMICS)
        list(APPEND flags -mno-outline-atomics)
    endif()
    if(AXV_WERROR)
        list(APPEND flags -Werror)
    endif()
    target_compile_options(${target} PRIVATE ${flags})
    set_target_properties(${target} PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON
        C_EXTENSIONS OFF)
endfunction()

# Installs a pkg-config file NAME.pc for archive lib<NAME>.a. The prefix is found from the
# file's own location, so the package can be installed (or moved) anywhere.
# Optional REQUIRES: pkg-config packages this one builds on; LIBS: further link flags (such
# as -pthread) a static archive's users need.
function(axv_install_pkgconfig name description)
    cmake_parse_arguments(PARSE_ARGV 2 arg "" "REQUIRES;LIBS" "")
    file(RELATIVE_PATH to_prefix "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
    string(REGEX REPLACE "/$" "" to_prefix "${to_prefix}")
    set(AXV_PC_NAME ${name})
    set(AXV_PC_DESCRIPTION ${description})
    set(AXV_PC_TO_PREFIX ${to_prefix})
    set(AXV_PC_REQUIRES ${arg_REQUIRES})
    set(AXV_PC_LIBS ${arg_LIBS})
    configure_file(${PROJECT_SOURCE_DIR}/lib/package.pc.in ${PROJECT_BINARY_DIR}/${name}.pc @ONLY)
    install(FILES ${PROJECT_BINARY_DIR}/${name}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endfunction()
