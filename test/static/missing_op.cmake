# static.missing_op: a static build bound to a platform that lacks one op must fail to
# build, and say which op. The platform, "broken", is added to the sub-build by
# broken_platform.cmake; it defines every op but memory.alloc_frame.
# -D: AXV_SOURCE_DIR, AXV_WORK_DIR, AXV_BROKEN_PLATFORM, AXV_C_COMPILER, AXV_GENERATOR,
# AXV_MAKE_PROGRAM (optional).
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

set(build ${AXV_WORK_DIR}/build)
axv_static_configure(${build} -DAXV_BINDING=static -DAXV_STATIC_PLATFORM=broken
    -DCMAKE_PROJECT_axvisor_api_INCLUDE=${AXV_BROKEN_PLATFORM}
    -DAXV_BUILD_POSIX=OFF -DAXV_BUILD_SAMPLES=OFF -DAXV_BUILD_CONFORMANCE=OFF)
axv_static_build(${build} rc out)
message(STATUS "build output:\n${out}")
if(rc EQUAL 0)
    message(FATAL_ERROR "the build succeeded although platform broken lacks an op")
endif()
set(expected "static binding: platform broken lacks memory.alloc_frame")
string(FIND "${out}" "${expected}" at)
if(at EQUAL -1)
    message(FATAL_ERROR "the build failed, but without saying '${expected}'")
endif()
# Only the one op is missing: the check must not name any other.
string(REGEX MATCHALL "platform broken lacks [a-z_]+\\.[a-z_]+" named "${out}")
list(REMOVE_DUPLICATES named)
list(LENGTH named count)
if(NOT count EQUAL 1)
    message(FATAL_ERROR "expected exactly memory.alloc_frame to be named, got: ${named}")
endif()
message(STATUS "the build failed as it should: ${expected}")
