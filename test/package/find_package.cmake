# package.find_package: builds and runs the consumer project against the installed prefix.
# -D: AXV_PREFIX, AXV_CONSUMER_DIR, AXV_WORK_DIR, AXV_C_COMPILER, AXV_GENERATOR,
# AXV_MAKE_PROGRAM (optional).
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
axv_require(AXV_PREFIX AXV_CONSUMER_DIR AXV_WORK_DIR)

# The package registries could supply some other copy; only the prefix may be searched.
axv_build_consumer("find_package consumer" ${AXV_CONSUMER_DIR} ${AXV_WORK_DIR}
    -DCMAKE_PREFIX_PATH=${AXV_PREFIX}
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)

file(STRINGS ${AXV_WORK_DIR}/CMakeCache.txt found REGEX "^axvisor_api_DIR:")
string(REGEX REPLACE "^[^=]*=" "" found "${found}")
file(REAL_PATH "${found}" found)
file(REAL_PATH ${AXV_PREFIX} prefix)
string(FIND "${found}" "${prefix}/" at)
if(NOT at EQUAL 0)
    message(FATAL_ERROR "find_package used ${found}, not the package installed in ${prefix}")
endif()
