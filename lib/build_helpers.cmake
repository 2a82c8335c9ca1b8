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

# The project's warnings, for every target it builds: link axv_warnings (installed targets
# through $<BUILD_INTERFACE:axv_warnings>, so consumers do not inherit them). Whether they
# are errors is CMAKE_COMPILE_WARNING_AS_ERROR's to say (on in top-level builds).
add_library(axv_warnings INTERFACE)
# (GoogleTest's typed-test macros pass an empty variadic argument, which clang's -pedantic
# reports; the C++ here is test code.)
target_compile_options(axv_warnings INTERFACE -Wall -Wextra -pedantic
    $<$<COMPILE_LANGUAGE:C>:-Wshadow -Wstrict-prototypes -Wmissing-prototypes>
    $<$<COMPILE_LANG_AND_ID:CXX,Clang>:-Wno-gnu-zero-variadic-macro-arguments>)

# Compiles TARGET as freestanding C11 with the project's warnings.
function(axv_freestanding_target target)
    target_link_libraries(${target} PRIVATE $<BUILD_INTERFACE:axv_warnings>)
    set(flags -ffreestanding)
    if(AXV_HAS_NO_LOOP_PATTERNS)
        list(APPEND flags -fno-tree-loop-distribute-patterns)
    endif()
    if(AXV_HAS_NO_OUTLINE_ATOMICS)
        list(APPEND flags -mno-outline-atomics)
    endif()
    # Bare metal: nothing unwinds through this code (no C++ exceptions, no unwinder in the
    # image), so .eh_frame would only grow the image. Hosted builds keep them for debuggers,
    # sanitizers and exceptions thrown by C++ callbacks through the fallbacks.
    if(NOT AXV_PORT STREQUAL "posix")
        list(APPEND flags -fno-asynchronous-unwind-tables -fno-unwind-tables)
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

# Installs share/axvisor_api/axvisor_api.mk, the make fragment for builds that link with ld
# directly: include paths, archive paths in link order, and the code-generation flags
# (taken from this build's CMAKE_C_FLAGS) that the image's objects must share with them.
function(axv_install_make_fragment)
    set(dest ${CMAKE_INSTALL_DATADIR}/axvisor_api)
    file(RELATIVE_PATH to_prefix "/${dest}" "/")
    set(AXV_MK_TO_PREFIX "/${to_prefix}")
    separate_arguments(flags UNIX_COMMAND "${CMAKE_C_FLAGS}")
    list(FILTER flags INCLUDE REGEX "^-(f(no-)?(pie|PIE|pic|PIC)|mcmodel=.*|mabi=.*|mgeneral-regs-only)$")
    list(JOIN flags " " AXV_MK_REQUIRED)
    set(AXV_MK_CONFORMANCE "")
    if(AXV_BUILD_CONFORMANCE)
        set(AXV_MK_CONFORMANCE
            "$(AXV_LIB_DIR)/libaxvisor_api_conformance.a $(AXV_ARCHIVES)")
    endif()
    configure_file(${PROJECT_SOURCE_DIR}/lib/axvisor_api.mk.in
        ${PROJECT_BINARY_DIR}/axvisor_api.mk @ONLY)
    install(FILES ${PROJECT_BINARY_DIR}/axvisor_api.mk DESTINATION ${dest})
endfunction()

# axv_header_sets(<target> <include dir> [EXTRA <file>...]): the target's headers under
# <include dir>/axvisor_api, as two file sets installed with it. HEADERS holds what a
# consumer includes on its own; in top-level builds each of them is compiled alone as part
# of the build (VERIFY_INTERFACE_HEADER_SETS: self-containment under the build's compiler
# and C standard; test/headers adds the other standards, C++ and the include guards).
# `generators` holds what must not be included on its own: op lists, the list of areas,
# the generators (they start with #ifndef AXV_...) and C++-only headers. EXTRA files (the
# generated config.h) join HEADERS.
function(axv_header_sets target base)
    cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "EXTRA")
    file(GLOB_RECURSE headers CONFIGURE_DEPENDS ${base}/axvisor_api/*.h)
    set(public ${arg_EXTRA})
    set(generators)
    foreach(header IN LISTS headers)
        file(STRINGS ${header} first REGEX "^#" LIMIT_COUNT 1)
        file(STRINGS ${header} cxx_only REGEX "^#ifndef __cplusplus" LIMIT_COUNT 1)
        if(first MATCHES "^#ifndef AXV_(AREA_OPS|IMPL_PREFIX|EACH_AREA|OP)$" OR cxx_only)
            list(APPEND generators ${header})
        else()
            list(APPEND public ${header})
        endif()
    endforeach()
    set(base_dirs ${base})
    if(arg_EXTRA)
        list(APPEND base_dirs ${PROJECT_BINARY_DIR}/include)
    endif()
    target_sources(${target} PUBLIC
        FILE_SET HEADERS BASE_DIRS ${base_dirs} FILES ${public}
        FILE_SET generators TYPE HEADERS BASE_DIRS ${base} FILES ${generators})
    set_target_properties(${target} PROPERTIES INTERFACE_HEADER_SETS_TO_VERIFY HEADERS)
    if(PROJECT_IS_TOP_LEVEL AND NOT CMAKE_CROSSCOMPILING)
        set_target_properties(${target} PROPERTIES VERIFY_INTERFACE_HEADER_SETS ON)
        if(NOT TARGET axv_verify_headers)
            add_custom_target(axv_verify_headers ALL)
        endif()
        add_dependencies(axv_verify_headers ${target}_verify_interface_header_sets)
    endif()
endfunction()
