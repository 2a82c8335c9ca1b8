# Helpers shared by the package test scripts, which run in script mode (cmake -P).
# Every step that fails stops the script with FATAL_ERROR, so ctest sees the test fail.

# Stops unless every named variable was passed with -D.
function(axv_require)
    foreach(var IN LISTS ARGN)
        if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
            message(FATAL_ERROR "${CMAKE_SCRIPT_MODE_FILE}: pass -D${var}=...")
        endif()
    endforeach()
endfunction()

# axv_run(<what> <command>...): runs a command; on failure shows its output and stops.
function(axv_run what)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${what} failed (${rc}):\n${ARGN}\n${out}")
    endif()
    message(STATUS "${what}: ok")
endfunction()

# axv_capture(<var> <what> <command>...): like axv_run, and stores stdout (stripped) in <var>.
function(axv_capture var what)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
        OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${what} failed (${rc}):\n${ARGN}\n${out}${err}")
    endif()
    set(${var} "${out}" PARENT_SCOPE)
endfunction()

# axv_run_consumer(<what> <executable>): runs a built consumer and shows what it printed.
function(axv_run_consumer what exe)
    if(NOT EXISTS ${exe})
        message(FATAL_ERROR "${what}: no executable at ${exe}")
    endif()
    execute_process(COMMAND ${exe} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    message(STATUS "${what} says:\n${out}")
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${what} exited with ${rc}")
    endif()
endfunction()

# axv_build_consumer(<what> <source dir> <binary dir> [<cache args>...]): configures and
# builds a consumer project from scratch with the main build's compiler and generator, then
# runs the executable `consumer` it defines.
function(axv_build_consumer what src bin)
    axv_require(AXV_C_COMPILER AXV_GENERATOR)
    file(REMOVE_RECURSE ${bin})
    set(tool_args -G ${AXV_GENERATOR} -DCMAKE_C_COMPILER=${AXV_C_COMPILER})
    if(AXV_MAKE_PROGRAM)
        list(APPEND tool_args -DCMAKE_MAKE_PROGRAM=${AXV_MAKE_PROGRAM})
    endif()
    axv_run("${what}: configure" ${CMAKE_COMMAND} -S ${src} -B ${bin} ${tool_args}
        -DCMAKE_BUILD_TYPE=Release ${ARGN})
    axv_run("${what}: build" ${CMAKE_COMMAND} --build ${bin} --config Release)
    # Multi-config generators put the executable in a per-configuration folder.
    set(exe ${bin}/consumer)
    if(NOT EXISTS ${exe} AND EXISTS ${bin}/Release/consumer)
        set(exe ${bin}/Release/consumer)
    endif()
    axv_run_consumer(${what} ${exe})
endfunction()
