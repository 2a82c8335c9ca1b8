# Every test program of a hosted build runs through test_launcher.sh, which runs it under
# valgrind memcheck when AXV_TEST_VALGRIND=1 is in ctest's environment (the valgrind test
# preset) and as is otherwise. So the plain build's tests need no second build to be checked
# by valgrind. The launcher is set for the targets created after this file (all of them:
# the top level includes it before adding any directory); ctest prepends it to tests, and
# gtest_discover_tests to its discovery too.
# Only builds that run tests need it: a parent project embedding the library gets no
# emulator on its targets.
if(CMAKE_CROSSCOMPILING OR CMAKE_SYSTEM_NAME STREQUAL "Generic"
   OR NOT (AXV_BUILD_TESTS OR AXV_BUILD_SAMPLES OR AXV_BUILD_BENCH))
    return()
endif()
set(axv_test_launcher ${CMAKE_CURRENT_LIST_DIR}/test_launcher.sh)
if(CMAKE_VERSION VERSION_LESS 3.29)
    # Before 3.29 ctest prepends the emulator of a host build's targets too.
    set(CMAKE_CROSSCOMPILING_EMULATOR ${axv_test_launcher})
else()
    set(CMAKE_TEST_LAUNCHER ${axv_test_launcher})
endif()
