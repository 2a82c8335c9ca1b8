# fuzz.build (cmake -P): configures test/fuzz/project with clang in AXV_BUILD_DIR (once;
# later runs rebuild incrementally) and builds the fuzz targets on 2 jobs.
# -D: AXV_FUZZ_CC, AXV_SOURCE_DIR, AXV_BUILD_DIR, AXV_GENERATOR, AXV_MAKE_PROGRAM (optional).
if(NOT EXISTS ${AXV_BUILD_DIR}/CMakeCache.txt)
    set(tools -G ${AXV_GENERATOR} -DCMAKE_C_COMPILER=${AXV_FUZZ_CC})
    if(AXV_MAKE_PROGRAM)
        list(APPEND tools -DCMAKE_MAKE_PROGRAM=${AXV_MAKE_PROGRAM})
    endif()
    execute_process(COMMAND ${CMAKE_COMMAND} -S ${AXV_SOURCE_DIR}/test/fuzz/project
            -B ${AXV_BUILD_DIR} ${tools} -DAXV_SOURCE_DIR=${AXV_SOURCE_DIR}
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
        file(REMOVE ${AXV_BUILD_DIR}/CMakeCache.txt)
        message(FATAL_ERROR "configuring the fuzz targets failed (${rc}):\n${out}")
    endif()
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${AXV_BUILD_DIR} -j 2
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "building the fuzz targets failed (${rc}):\n${out}")
endif()
message(STATUS "fuzz targets built in ${AXV_BUILD_DIR}")
