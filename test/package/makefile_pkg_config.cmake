# package.makefile_pkg_config: builds embed-legacy with its plain Makefile against the
# installed prefix (pkg-config finds only that prefix), then runs it and checks its output.
# -D: AXV_MAKE, AXV_PKG_CONFIG, AXV_C_COMPILER, AXV_PREFIX, AXV_SAMPLE_DIR, AXV_WORK_DIR,
# AXV_EXPECT (regexes the output must match).
foreach(var IN ITEMS AXV_MAKE AXV_PKG_CONFIG AXV_C_COMPILER AXV_PREFIX AXV_SAMPLE_DIR
        AXV_WORK_DIR AXV_EXPECT)
    if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
        message(FATAL_ERROR "makefile_pkg_config.cmake: pass -D${var}=...")
    endif()
endforeach()

file(GLOB pc_dirs LIST_DIRECTORIES true ${AXV_PREFIX}/lib*/pkgconfig)
if(NOT pc_dirs)
    message(FATAL_ERROR "no lib*/pkgconfig under ${AXV_PREFIX}: is package.install done?")
endif()
list(JOIN pc_dirs ":" pc_path)
# Only the installed prefix may answer, not a copy elsewhere on the system.
set(ENV{PKG_CONFIG_PATH} ${pc_path})
set(ENV{PKG_CONFIG_LIBDIR} ${pc_path})

file(REMOVE_RECURSE ${AXV_WORK_DIR})
execute_process(
    COMMAND ${AXV_MAKE} -f ${AXV_SAMPLE_DIR}/Makefile BUILD=${AXV_WORK_DIR}
        CC=${AXV_C_COMPILER} PKG_CONFIG=${AXV_PKG_CONFIG}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
message("${out}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "make failed (${rc})")
endif()
# The compiler must have been pointed at the installed headers, not the source tree.
if(NOT out MATCHES "-I${AXV_PREFIX}/")
    file(REAL_PATH ${AXV_PREFIX} real_prefix)
    if(NOT out MATCHES "-I${real_prefix}/")
        message(FATAL_ERROR "the compile lines do not use the installed headers")
    endif()
endif()

execute_process(COMMAND ${AXV_WORK_DIR}/embed-legacy RESULT_VARIABLE rc OUTPUT_VARIABLE out
    ERROR_VARIABLE out)
message("${out}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "embed-legacy (Makefile build) exited with ${rc}")
endif()
foreach(regex IN LISTS AXV_EXPECT)
    if(NOT out MATCHES "${regex}")
        message(FATAL_ERROR "embed-legacy output does not match '${regex}'")
    endif()
endforeach()
