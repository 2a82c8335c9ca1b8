# package.pkg_config: compiles the consumer with nothing but the flags pkg-config reports for
# the installed prefix, then runs it.
# -D: AXV_PREFIX, AXV_CONSUMER_DIR, AXV_WORK_DIR, AXV_C_COMPILER, AXV_PKG_CONFIG.
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

axv_capture(cflags "pkg-config --cflags" ${AXV_PKG_CONFIG} --cflags axvisor_api)
axv_capture(libs "pkg-config --libs" ${AXV_PKG_CONFIG} --libs axvisor_api)
axv_capture(version "pkg-config --modversion" ${AXV_PKG_CONFIG} --modversion axvisor_api)
axv_capture(includedir "pkg-config includedir" ${AXV_PKG_CONFIG} --variable=includedir
    axvisor_api)
message(STATUS "pkg-config: cflags '${cflags}', libs '${libs}', version ${version}")

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

separate_arguments(cflags UNIX_COMMAND "${cflags}")
separate_arguments(libs UNIX_COMMAND "${libs}")
file(REMOVE_RECURSE ${AXV_WORK_DIR})
file(MAKE_DIRECTORY ${AXV_WORK_DIR})
axv_run("pkg-config consumer: compile and link" ${AXV_C_COMPILER} -std=c11 -Wall -Wextra
    -pedantic -Werror ${cflags} "-DAXV_EXPECTED_VERSION=\"${version}\""
    ${AXV_CONSUMER_DIR}/main.c ${libs} -o ${AXV_WORK_DIR}/consumer)
axv_run_consumer("pkg-config consumer" ${AXV_WORK_DIR}/consumer)
