# package.pkg_config: compiles each consumer with nothing but the flags pkg-config reports
# for its package in the installed prefix, then runs it.
# -D: AXV_PREFIX, AXV_CONSUMER_DIR, AXV_WORK_DIR, AXV_C_COMPILER, AXV_PKG_CONFIG; optional
# AXV_MOCK_CONSUMER_DIR, AXV_CONFORMANCE_CONSUMER_DIR, AXV_POSIX_CONSUMER_DIR (the consumers
# of the mock, conformance and posix packages, when the build has them).
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
axv_require(AXV_PREFIX AXV_CONSUMER_DIR AXV_WORK_DIR AXV_C_COMPILER AXV_PKG_CONFIG)

file(GLOB pc_dirs LIST_DIRECTORIES true ${AXV_PREFIX}/lib*/pkgconfig)
list(LENGTH pc_dirs num_pc_dirs)
if(NOT num_pc_dirs EQUAL 1)
    message(FATAL_ERROR "expected one lib*/pkgconfig under ${AXV_PREFIX}, found: ${pc_dirs}")
endif()
set(ENV{PKG_CONFIG_PATH} ${pc_dirs})
# Replacing the default search path too means no other installed copy can answer.
set(ENV{PKG_CONFIG_LIBDIR} ${pc_dirs})

axv_capture(version "pkg-config --modversion" ${AXV_PKG_CONFIG} --modversion axvisor_api)
axv_capture(includedir "pkg-config includedir" ${AXV_PKG_CONFIG} --variable=includedir
    axvisor_api)
message(STATUS "pkg-config: axvisor_api version ${version}")

# A .pc file that names another prefix would send the compiler elsewhere; say so plainly.
if(NOT EXISTS ${includedir}/axvisor_api/config.h)
    message(FATAL_ERROR "axvisor_api.pc names includedir ${includedir}, which does not hold "
        "the headers installed under ${AXV_PREFIX}: the .pc file is not relocatable")
endif()
file(REAL_PATH ${includedir} includedir)
file(REAL_PATH ${AXV_PREFIX} prefix)
string(FIND "${includedir}" "${prefix}/" at)
if(NOT at EQUAL 0)
    message(FATAL_ERROR "axvisor_api.pc names includedir ${includedir}, outside ${prefix}")
endif()

file(REMOVE_RECURSE ${AXV_WORK_DIR})
file(MAKE_DIRECTORY ${AXV_WORK_DIR})

# Builds and runs consumer DIR/main.c with the flags of pkg-config package PACKAGE.
function(axv_pkg_consumer package dir)
    axv_capture(cflags "pkg-config --cflags ${package}" ${AXV_PKG_CONFIG} --cflags ${package})
    axv_capture(libs "pkg-config --libs ${package}" ${AXV_PKG_CONFIG} --libs ${package})
    message(STATUS "pkg-config ${package}: cflags '${cflags}', libs '${libs}'")
    separate_arguments(cflags UNIX_COMMAND "${cflags}")
    separate_arguments(libs UNIX_COMMAND "${libs}")
    axv_run("${package} consumer: compile and link" ${AXV_C_COMPILER} -std=c11 -Wall -Wextra
        -pedantic -Werror ${cflags} "-DAXV_EXPECTED_VERSION=\"${version}\"" ${dir}/main.c ${libs}
        -o ${AXV_WORK_DIR}/${package})
    axv_run_consumer("${package} consumer" ${AXV_WORK_DIR}/${package})
endfunction()

axv_pkg_consumer(axvisor_api ${AXV_CONSUMER_DIR})
if(AXV_MOCK_CONSUMER_DIR)
    axv_pkg_consumer(axvisor_api_mock ${AXV_MOCK_CONSUMER_DIR})
endif()
if(AXV_CONFORMANCE_CONSUMER_DIR)
    axv_pkg_consumer(axvisor_api_conformance ${AXV_CONFORMANCE_CONSUMER_DIR})
endif()
if(AXV_POSIX_CONSUMER_DIR)
    axv_pkg_consumer(axvisor_api_posix ${AXV_POSIX_CONSUMER_DIR})
endif()
