# axv_sample_test(<name> COMMAND <target> [ARGS <arg>...] EXPECT <regex>... [REJECT <regex>]
#                 [TIMEOUT <seconds>])
# Adds ctest test <name> (label "sample") that runs <target> through run_sample.cmake: it
# passes only when the program exits with 0, its output matches every EXPECT regex and does
# not match REJECT.
function(axv_sample_test name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "COMMAND;REJECT;TIMEOUT" "ARGS;EXPECT")
    if(NOT arg_COMMAND OR NOT arg_EXPECT)
        message(FATAL_ERROR "axv_sample_test(${name}): COMMAND and EXPECT are required")
    endif()
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT 60)
    endif()
    # Each list travels to the script whole, as one quoted -D value.
    add_test(NAME ${name}
        COMMAND ${CMAKE_COMMAND}
            -DSAMPLE=$<TARGET_FILE:${arg_COMMAND}>
            "-DARGS=${arg_ARGS}"
            "-DEXPECT=${arg_EXPECT}"
            "-DREJECT=${arg_REJECT}"
            -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/run_sample.cmake)
    set_tests_properties(${name} PROPERTIES LABELS sample TIMEOUT ${arg_TIMEOUT})
endfunction()
