# extra_area.*: adding a built-in area takes its op list and one line in the list of
# built-in areas, nothing else. Sub-builds of this source tree get the test area "extra"
# (ops.h here) appended to the list through AXV_TEST_EXTRA_AREA, and must then have it
# everywhere the list reaches:
#   MODE=dynamic  the unit tests contain the generated cases of every extra op and pass; the
#                 probe (struct axv_platform member, registry, fakes, gMock class) passes;
#                 the Doxygen filter documents the extra accessors
#   MODE=static   a static build bound to platform "broken" (generated from the list, so
#                 it has the extra ops too) with extra.peek renamed away fails naming it:
#                 the static check covers the extra area
# -D: MODE, AXV_SOURCE_DIR, AXV_WORK_DIR, AXV_C_COMPILER, AXV_CXX_COMPILER, AXV_GENERATOR,
# AXV_MAKE_PROGRAM (optional), AXV_PYTHON, AXV_BROKEN_PLATFORM (static).
include(${AXV_SOURCE_DIR}/test/static/common.cmake)

set(build ${AXV_WORK_DIR}/build)
set(extra -DAXV_TEST_EXTRA_AREA=${AXV_SOURCE_DIR}/test/extra_area/ops.h
    -DAXV_BUILD_POSIX=OFF -DAXV_BUILD_SAMPLES=OFF -DAXV_BUILD_BENCH=OFF)

function(run what)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${what} failed (${rc}):\n${out}")
    endif()
    set(out "${out}" PARENT_SCOPE)
endfunction()

if(MODE STREQUAL "dynamic")
    axv_static_configure(${build} ${extra} -DCMAKE_CXX_COMPILER=${AXV_CXX_COMPILER})
    run("building the unit tests and the probe" ${CMAKE_COMMAND} --build ${build} -j 2
        --target axv_unit_tests axv_extra_area_probe)
    run("the unit tests" ${build}/test/unit/axv_unit_tests --gtest_brief=1)
    run("listing the unit tests" ${build}/test/unit/axv_unit_tests --gtest_list_tests)
    foreach(op poke peek ring)
        foreach(kind Forwards DefaultFollowsItsKind)
            string(FIND "${out}" "  ${op}_${kind}" at)
            if(at EQUAL -1)
                message(FATAL_ERROR "no generated case extraOps.${op}_${kind} in:\n${out}")
            endif()
        endforeach()
    endforeach()
    run("the probe" ${build}/test/extra_area/probe/axv_extra_area_probe)
    message(STATUS "${out}")
    run("the Doxygen filter" ${AXV_PYTHON} ${AXV_SOURCE_DIR}/doc/doxygen_filter.py
        -I ${AXV_SOURCE_DIR}/include -I ${build}/include
        ${AXV_SOURCE_DIR}/include/axvisor_api/areas.h)
    foreach(decl "@defgroup axv_area_extra" "static inline uint32_t axv_extra_peek(void)"
            "int axv_extra_register(const struct axv_extra_ops *ops)")
        string(FIND "${out}" "${decl}" at)
        if(at EQUAL -1)
            message(FATAL_ERROR "the documentation lacks '${decl}'")
        endif()
    endforeach()
    message(STATUS "the extra area has its generated tests, platform member, fakes, gMock "
        "class and documentation")
elseif(MODE STREQUAL "static")
    axv_static_configure(${build} ${extra} -DAXV_BINDING=static -DAXV_STATIC_PLATFORM=broken
        -DCMAKE_PROJECT_axvisor_api_INCLUDE=${AXV_BROKEN_PLATFORM} -DAXV_BUILD_CONFORMANCE=OFF
        -DAXV_TEST_BROKEN_ALSO_LACKS=extra_peek)
    axv_static_build(${build} rc out)
    if(rc EQUAL 0)
        message(FATAL_ERROR "the static build succeeded although platform broken has no "
            "extra ops:\n${out}")
    endif()
    string(REGEX MATCHALL "platform broken lacks [a-z_]+\\.[a-z_]+" named "${out}")
    list(REMOVE_DUPLICATES named)
    list(SORT named)
    if(NOT named STREQUAL "platform broken lacks extra.peek;platform broken lacks memory.alloc_frame")
        message(FATAL_ERROR "expected extra.peek and memory.alloc_frame to be named, got "
            "'${named}':\n${out}")
    endif()
    message(STATUS "static binding checks the extra area: ${named}")
else()
    message(FATAL_ERROR "MODE must be dynamic or static")
endif()
