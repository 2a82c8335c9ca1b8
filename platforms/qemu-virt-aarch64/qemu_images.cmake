# The host build's side of the QEMU virt platform (included by platforms/CMakeLists.txt when
# the host build has tests or samples): the bare-metal images come from this same source
# tree configured again with toolchain.cmake and AXV_BUILD_QEMU_VIRT=ON, as an external
# project; axv_qemu_test() adds a test that runs one of them under QEMU. Without the cross
# compiler nothing is built; without QEMU or the image the tests are skipped (exit 77).
include(ExternalProject)

find_program(AXV_QEMU_SYSTEM_AARCH64 qemu-system-aarch64
    DOC "QEMU for the bare-metal AArch64 tests")
find_program(AXV_QEMU_CROSS_CC NAMES aarch64-linux-gnu-gcc aarch64-none-elf-gcc
    DOC "AArch64 GCC for the QEMU images")

# axv_qemu_image_path(OUT FILE): where FILE of the bare-metal build is (axv_qemu_add_image
# puts every image at its top).
function(axv_qemu_image_path out file)
    set(${out} ${axvisor_api_BINARY_DIR}/qemu-images/${file} PARENT_SCOPE)
endfunction()

if(AXV_QEMU_CROSS_CC)
    axv_qemu_image_path(axv_qemu_images_dir "")
    # BUILD_ALWAYS: the images depend on sources all over the tree; the bare-metal build's
    # own dependency tracking decides what to rebuild.
    ExternalProject_Add(axv_qemu_images
        SOURCE_DIR ${axvisor_api_SOURCE_DIR}
        BINARY_DIR ${axv_qemu_images_dir}
        CMAKE_ARGS
            -DCMAKE_TOOLCHAIN_FILE=${CMAKE_CURRENT_LIST_DIR}/toolchain.cmake
            -DCMAKE_C_COMPILER=${AXV_QEMU_CROSS_CC}
            -DCMAKE_BUILD_TYPE=Release
            -DAXV_BUILD_QEMU_VIRT=ON
        INSTALL_COMMAND ""
        BUILD_ALWAYS ON)
endif()

# axv_qemu_test(NAME IMAGE [run-qemu.sh options...]): a test labelled qemu that runs IMAGE
# (an image's file name) and passes on its expected exit status.
function(axv_qemu_test name image)
    set(qemu ${AXV_QEMU_SYSTEM_AARCH64})
    if(NOT qemu)
        set(qemu qemu-system-aarch64) # not found: run-qemu.sh reports it and skips
    endif()
    axv_qemu_image_path(path ${image})
    add_test(NAME ${name}
        COMMAND bash ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/run-qemu.sh --qemu ${qemu}
            --image ${path} ${ARGN})
    # run-qemu.sh gives up on QEMU after AXV_QEMU_TIMEOUT_S (60 s): room for its report.
    set_tests_properties(${name} PROPERTIES LABELS qemu TIMEOUT 90 SKIP_RETURN_CODE 77
        FAIL_REGULAR_EXPRESSION "FAILED|unexpected exception")
endfunction()
