# package.install: installs the top build into a scratch prefix and checks what landed there.
# -D: AXV_BUILD_DIR (top build dir), AXV_SOURCE_DIR, AXV_PREFIX, AXV_INCLUDEDIR and
# AXV_LIBDIR (GNUInstallDirs values), AXV_CONFIG (build configuration; may be empty),
# AXV_MOCK (ON when the build has the mock platform) with AXV_MOCK_INCLUDE (its headers),
# AXV_CONFORMANCE (ON when it has the conformance suite), AXV_POSIX (the POSIX platform).
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
axv_require(AXV_BUILD_DIR AXV_SOURCE_DIR AXV_PREFIX AXV_INCLUDEDIR AXV_LIBDIR)

set(config_args)
if(AXV_CONFIG)
    set(config_args --config ${AXV_CONFIG})
endif()

# A prefix left from an earlier run would hide a file the install rules stopped installing.
file(REMOVE_RECURSE ${AXV_PREFIX})
# ctest does not build; this makes sure every archive being installed is current (a no-op
# after a normal build).
axv_run("build" ${CMAKE_COMMAND} --build ${AXV_BUILD_DIR} ${config_args})
axv_run("install" ${CMAKE_COMMAND} --install ${AXV_BUILD_DIR} --prefix ${AXV_PREFIX}
    ${config_args})

set(missing)
macro(axv_expect_file path)
    if(NOT EXISTS ${AXV_PREFIX}/${path})
        list(APPEND missing ${path})
    endif()
endmacro()

# Every public header and every op list of the source tree, plus the generated config.
set(src_include ${AXV_SOURCE_DIR}/include)
file(GLOB headers RELATIVE ${src_include} ${src_include}/axvisor_api/*.h)
file(GLOB op_lists RELATIVE ${src_include} ${src_include}/axvisor_api/ops/*.h)
if(NOT op_lists)
    message(FATAL_ERROR "no op lists found under ${src_include}/axvisor_api/ops")
endif()
foreach(header IN LISTS headers op_lists)
    axv_expect_file(${AXV_INCLUDEDIR}/${header})
endforeach()
axv_expect_file(${AXV_INCLUDEDIR}/axvisor_api/config.h)
axv_expect_file(${AXV_LIBDIR}/libaxvisor_api.a)
axv_expect_file(${AXV_LIBDIR}/cmake/axvisor_api/axvisor_apiConfig.cmake)
axv_expect_file(${AXV_LIBDIR}/cmake/axvisor_api/axvisor_apiConfigVersion.cmake)
axv_expect_file(${AXV_LIBDIR}/cmake/axvisor_api/axvisor_api_targets.cmake)
axv_expect_file(${AXV_LIBDIR}/pkgconfig/axvisor_api.pc)
if(AXV_POSIX)
    axv_expect_file(${AXV_INCLUDEDIR}/axvisor_api/posix.h)
    axv_expect_file(${AXV_LIBDIR}/libaxvisor_api_posix.a)
    axv_expect_file(${AXV_LIBDIR}/pkgconfig/axvisor_api_posix.pc)
endif()
if(AXV_CONFORMANCE)
    axv_expect_file(${AXV_INCLUDEDIR}/axvisor_api/conformance.h)
    axv_expect_file(${AXV_LIBDIR}/libaxvisor_api_conformance.a)
    axv_expect_file(${AXV_LIBDIR}/pkgconfig/axvisor_api_conformance.pc)
endif()
# The mock platform: its archive and every header of its include directory.
if(AXV_MOCK)
    axv_require(AXV_MOCK_INCLUDE)
    file(GLOB mock_headers RELATIVE ${AXV_MOCK_INCLUDE} ${AXV_MOCK_INCLUDE}/axvisor_api/mock/*.h)
    if(NOT mock_headers)
        message(FATAL_ERROR "no mock headers found under ${AXV_MOCK_INCLUDE}/axvisor_api/mock")
    endif()
    foreach(header IN LISTS mock_headers)
        axv_expect_file(${AXV_INCLUDEDIR}/${header})
    endforeach()
    axv_expect_file(${AXV_LIBDIR}/libaxvisor_api_mock.a)
    axv_expect_file(${AXV_LIBDIR}/pkgconfig/axvisor_api_mock.pc)
endif()
if(missing)
    list(JOIN missing "\n  " missing)
    message(FATAL_ERROR "not installed under ${AXV_PREFIX}:\n  ${missing}")
endif()
list(LENGTH op_lists num_op_lists)
message(STATUS "installed: ${num_op_lists} op lists, config.h, archive, CMake package, .pc")
if(AXV_MOCK)
    list(LENGTH mock_headers num_mock_headers)
    message(STATUS "installed: the mock archive and ${num_mock_headers} mock headers")
endif()

# Consumers must compile against the configuration the archive was built with.
file(SHA256 ${AXV_BUILD_DIR}/include/axvisor_api/config.h built_config)
file(SHA256 ${AXV_PREFIX}/${AXV_INCLUDEDIR}/axvisor_api/config.h installed_config)
if(NOT built_config STREQUAL installed_config)
    message(FATAL_ERROR "the installed config.h differs from the build's")
endif()
if(EXISTS ${AXV_PREFIX}/${AXV_INCLUDEDIR}/axvisor_api/config.h.in)
    message(FATAL_ERROR "the config.h template was installed")
endif()
