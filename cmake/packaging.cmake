# Packaging with CPack, for the top-level project only (a parent project that
# add_subdirectory()s this one owns its own CPack configuration):
#   cpack                                  binary tarball of what `cmake --install` installs
#   cpack --config CPackSourceConfig.cmake source tarball of the tree
# Both are TGZ, written to the build directory (or where `cpack -B <dir>` says). The binary
# tarball is relocatable: the CMake package and the .pc files locate the prefix themselves.
# Test (with AXV_BUILD_TESTS): package.cpack, label package.
if(NOT PROJECT_IS_TOP_LEVEL)
    return()
endif()

set(CPACK_PACKAGE_NAME ${PROJECT_NAME})
set(CPACK_PACKAGE_VENDOR ${PROJECT_NAME})
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_RESOURCE_FILE_README ${PROJECT_SOURCE_DIR}/README.md)
# Write the values below into CPack's config files as they are (regexes keep their escapes).
set(CPACK_VERBATIM_VARIABLES TRUE)
set(CPACK_GENERATOR TGZ)
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_PACKAGE_FILE_NAME
    ${PROJECT_NAME}-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR})
set(CPACK_SOURCE_PACKAGE_FILE_NAME ${PROJECT_NAME}-${PROJECT_VERSION}-src)

# The source tarball holds the tree as git would: no version-control data, no build trees
# (build*/ and _*/ at the top, as .gitignore says, and this build directory wherever it is),
# no editor or Python leftovers. The patterns are regexes on absolute paths.
string(REGEX REPLACE "([][+.*?()^$|\\\\])" "\\\\\\1" axv_src_re "${PROJECT_SOURCE_DIR}")
string(REGEX REPLACE "([][+.*?()^$|\\\\])" "\\\\\\1" axv_bin_re "${PROJECT_BINARY_DIR}")
set(CPACK_SOURCE_IGNORE_FILES
    "^${axv_src_re}/build[^/]*/"
    "^${axv_src_re}/_[^/]*/"
    "^${axv_bin_re}/"
    "/\\.git/" "/\\.git$" "/\\.svn/" "/\\.hg/"
    "/__pycache__/" "\\.pyc$"
    "\\.swp$" "~$" "/\\.#" "/#[^/]*#$"
    "/CMakeUserPresets\\.json$" "/\\.cache/" "/\\.vscode/" "/\\.idea/")
unset(axv_src_re)
unset(axv_bin_re)

# CPack.cmake leaves CPACK_PACKAGE_FILE_NAME set to the source name: keep ours.
set(axv_binary_package ${CPACK_PACKAGE_FILE_NAME})
set(axv_source_package ${CPACK_SOURCE_PACKAGE_FILE_NAME})
include(CPack)

if(AXV_BUILD_TESTS)
    add_test(NAME package.cpack
        COMMAND ${CMAKE_COMMAND}
            -DAXV_CPACK=${CMAKE_CPACK_COMMAND}
            -DAXV_BUILD_DIR=${PROJECT_BINARY_DIR}
            -DAXV_WORK_DIR=${PROJECT_BINARY_DIR}/cpack-test
            -DAXV_BINARY_NAME=${axv_binary_package}
            -DAXV_SOURCE_NAME=${axv_source_package}
            -DAXV_INCLUDEDIR=${CMAKE_INSTALL_INCLUDEDIR}
            -DAXV_LIBDIR=${CMAKE_INSTALL_LIBDIR}
            -DAXV_CONFIG=$<CONFIG>
            -P ${PROJECT_SOURCE_DIR}/test/package/cpack.cmake)
    # cpack builds the top build tree first (target preinstall), as package.install does:
    # share its lock.
    set_tests_properties(package.cpack PROPERTIES
        LABELS package TIMEOUT 300 RESOURCE_LOCK axv_top_build_dir)
endif()
