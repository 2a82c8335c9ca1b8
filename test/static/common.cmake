# Helpers of the static-binding test scripts (cmake -P); every failure is FATAL_ERROR.

# axv_static_configure(<build dir> <cmake args>...): configures a sub-build of the source
# tree with the parent build's compiler and generator.
function(axv_static_configure dir)
    set(tools -G ${AXV_GENERATOR} -DCMAKE_C_COMPILER=${AXV_C_COMPILER})
    if(AXV_MAKE_PROGRAM)
        list(APPEND tools -DCMAKE_MAKE_PROGRAM=${AXV_MAKE_PROGRAM})
    endif()
    file(REMOVE_RECURSE ${dir})
    execute_process(COMMAND ${CMAKE_COMMAND} -S ${AXV_SOURCE_DIR} -B ${dir} ${tools} ${ARGN}
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "configuring ${dir} failed (${rc}):\n${out}")
    endif()
endfunction()

# axv_static_build(<build dir> <result var> <output var>): builds everything, on 2 jobs.
function(axv_static_build dir rc_var out_var)
    execute_process(COMMAND ${CMAKE_COMMAND} --build ${dir} -j 2
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    set(${rc_var} ${rc} PARENT_SCOPE)
    set(${out_var} "${out}" PARENT_SCOPE)
endfunction()
