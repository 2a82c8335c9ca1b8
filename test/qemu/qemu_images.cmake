# The bare-metal images (images/, a project of its own built with the QEMU virt platform's
# cross toolchain) as an external project of the host build, and the function that adds a
# test running one of them. Included by test/qemu and samples/qemu-aarch64-guest, whichever
# comes first defines it. Without the cross compiler nothing is built; without QEMU or the
# image the tests are skipped (exit 77).
include_guard(GLOBAL)
include(ExternalProject)

find_program(AXV_QEMU_SYSTEM_AARCH64 qemu-system-aarch64
    DOC "QEMU for the bare-metal AArch64 tests")
find_program(AXV_QEMU_CROSS_CC NAMES aarch64-linux-gnu-gcc aarch64-none-elf-gcc
    DOC "AArch64 GCC for the QEMU images")

# Cached: the second includer skips this file but its function still needs them.
set(AXV_QEMU_IMAGES_DIR ${PROJECT_BINARY_DIR}/qemu-images CACHE INTERNAL "QEMU images")
set(AXV_QEMU_RUN ${CMAKE_CURRENT_LIST_DIR}/run-qemu.sh CACHE INTERNAL "QEMU runner")

if(AXV_QEMU_CROSS_CC)
    # BUILD_ALWAYS: the images depend on sources all over the tree; the sub-build's own
    # dependency tracking decides what to rebuild.
    ExternalProject_Add(axv_qemu_images
        SOURCE_DIR ${CMAKE_CURRENT_LIST_DIR}/images
        BINARY_DIR ${AXV_QEMU_IMAGES_DIR}
        CMAKE_ARGS
            -DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/platforms/qemu-virt-aarch64/toolchain.cmake
            -DCMAKE_C_COMPILER=${AXV_QEMU_CROSS_CC}
            -DCMAKE_BUILD_TYPE=Release
        INSTALL_COMMAND ""
        BUILD_ALWAYS ON)
endif()

# axv_qemu_test(NAME IMAGE [run-qemu.sh options...]): a test labelled qemu that runs IMAGE
# (a file name in the images' build directory) and passes on its expected exit status.
function(axv_qemu_test name image)
    set(qemu ${AXV_QEMU_SYSTEM_AARCH64})
    if(NOT qemu)
        set(qemu qemu-system-aarch64) # not found: run-qemu.sh reports it and skips
    endif()
    add_test(NAME ${name}
        COMMAND bash ${AXV_QEMU_RUN} --qemu ${qemu} --image ${AXV_QEMU_IMAGES_DIR}/${image}
            ${ARGN})
    # run-qemu.sh gives up on QEMU after AXV_QEMU_TIMEOUT_S (60 s): room for its report.
    set_tests_properties(${name} PROPERTIES LABELS qemu TIMEOUT 90 SKIP_RETURN_CODE 77
        FAIL_REGULAR_EXPRESSION "FAILED|unexpected exception")
endfunction()
