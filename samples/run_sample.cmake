# Runs a sample and checks both its exit status and its output (PASS_REGULAR_EXPRESSION alone
# would make ctest ignore the exit status).
#   cmake -DSAMPLE=<program> [-DARGS=<a;b>] -DEXPECT=<regex;regex...> [-DREJECT=<regex>]
#         -P run_sample.cmake
# Passes when the program exits with 0, every EXPECT regex matches its output (stdout and
# stderr together), and REJECT, if given, matches nothing.
foreach(var IN ITEMS SAMPLE EXPECT)
    if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
        message(FATAL_ERROR "run_sample.cmake: pass -D${var}=...")
    endif()
endforeach()

execute_process(COMMAND ${SAMPLE} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out
    ERROR_VARIABLE out)
message("${out}")
if(NOT rc STREQUAL "0")
    message(FATAL_ERROR "${SAMPLE} exited with ${rc}")
endif()
foreach(regex IN LISTS EXPECT)
    if(NOT out MATCHES "${regex}")
        message(FATAL_ERROR "${SAMPLE}: output does not match '${regex}'")
    endif()
endforeach()
if(DEFINED REJECT AND NOT REJECT STREQUAL "" AND out MATCHES "${REJECT}")
    message(FATAL_ERROR "${SAMPLE}: output matches '${REJECT}' (${CMAKE_MATCH_0})")
endif()
