# fuzz.<target> (cmake -P): runs one fuzz target on a copy of its seed corpus (so nothing
# is written into the source tree) for AXV_SECONDS seconds or AXV_RUNS inputs, whichever
# comes first. On a crash, prints the crashing input in hex so it can be replayed from the
# log (write it to a file and run the target on that file).
# -D: AXV_FUZZER, AXV_CORPUS, AXV_WORK_DIR, AXV_SECONDS, AXV_RUNS.
file(REMOVE_RECURSE ${AXV_WORK_DIR})
file(MAKE_DIRECTORY ${AXV_WORK_DIR}/corpus)
file(GLOB seeds ${AXV_CORPUS}/*)
list(LENGTH seeds num_seeds)
if(num_seeds EQUAL 0)
    message(FATAL_ERROR "no seeds in ${AXV_CORPUS}")
endif()
file(COPY ${seeds} DESTINATION ${AXV_WORK_DIR}/corpus)

execute_process(COMMAND ${AXV_FUZZER} ${AXV_WORK_DIR}/corpus
        -max_total_time=${AXV_SECONDS} -runs=${AXV_RUNS} -timeout=10
        -print_final_stats=1 -artifact_prefix=${AXV_WORK_DIR}/
    WORKING_DIRECTORY ${AXV_WORK_DIR}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
# The beginning (seed, corpus loading), the final statistics, or all of it on failure.
string(REGEX MATCH "Seed: [0-9]+" seed "${out}")
string(TOLOWER "${seed}" seed)
string(REGEX MATCHALL "(#[0-9]+\tDONE[^\n]*|stat::[a-z_]+: *[0-9]+)" stats "${out}")
if(NOT rc EQUAL 0)
    file(GLOB crashes ${AXV_WORK_DIR}/crash-* ${AXV_WORK_DIR}/leak-* ${AXV_WORK_DIR}/timeout-*
        ${AXV_WORK_DIR}/oom-*)
    set(inputs "")
    foreach(crash IN LISTS crashes)
        file(READ ${crash} hex HEX)
        string(APPEND inputs "\n${crash} (hex): ${hex}")
    endforeach()
    message(FATAL_ERROR "${AXV_FUZZER} failed (${rc}), ${seed}:\n${out}${inputs}")
endif()
list(JOIN stats "\n" stats)
message(STATUS "${AXV_FUZZER}: ${seed}, ${num_seeds} seeds\n${stats}")
if(NOT stats MATCHES "stat::number_of_executed_units: *[1-9]")
    message(FATAL_ERROR "${AXV_FUZZER} ran no input:\n${out}")
endif()
