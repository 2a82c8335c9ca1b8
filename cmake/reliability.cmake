# Reliability runs of the hosted suite: sanitized builds (sanitize.cmake) and valgrind runs
# of a plain build's tests (test_launcher.cmake). CMakePresets.json drives both.
include(${CMAKE_CURRENT_LIST_DIR}/sanitize.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/test_launcher.cmake)
