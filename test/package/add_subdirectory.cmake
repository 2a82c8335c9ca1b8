# package.add_subdirectory: builds and runs a consumer project that builds the library from
# source with add_subdirectory().
# -D: AXV_SOURCE_DIR, AXV_PROJECT_DIR (the subdir_consumer project), AXV_WORK_DIR,
# AXV_C_COMPILER, AXV_GENERATOR, AXV_MAKE_PROGRAM (optional).
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
axv_require(AXV_SOURCE_DIR AXV_PROJECT_DIR AXV_WORK_DIR)

axv_build_consumer("add_subdirectory consumer" ${AXV_PROJECT_DIR} ${AXV_WORK_DIR}
    -DAXV_SOURCE_DIR=${AXV_SOURCE_DIR})
