# The host build's side of the QEMU virt riscv64 platform (included by platforms/CMakeLists.txt
# when the host build has tests or samples): the bare-metal images come from this same source
# tree configured again with toolchain.cmake and AXV_BUILD_QEMU_VIRT_RISCV64=ON, as an
# external project; axv_qemu_riscv64_test() adds a test that runs one of them under QEMU
# through the AArch64 platform's run-qemu.sh (--machine riscv64). Without the cross compiler
# nothing is built; without QEMU or the image the tests are skipped (exit 77).
include(ExternalProject)

find_program(AXV_QEMU_SYSTEM_RISCV64 qemu-system-riscv64
    DOC "QEMU for the bare-metal riscv64 tests")
find_program(AXV_QEMU_RISCV64_CC NAMES riscv64-unknown-elf-gcc riscv64-linux-gnu-gcc
    DOC "riscv64 GCC for the QEMU images")

# Where the bare-metal build is (axv_qemu_add_image puts every image at its top). A function
# rather than a variable: the tests are added in another directory scope.
function(axv_qemu_riscv64_images_dir out)
    set(${out} ${axvisor_api_BINARY_DIR}/qemu-images-riscv64 PARENT_SCOPE)
endfunction()

if(AXV_QEMU_RISCV64_CC)
    axv_qemu_riscv64_images_dir(images_dir)
    # BUILD_ALWAYS: the images depend on sources all over the tree; the bare-metal build's
    # own dependency tracking decides what to rebuild.
    ExternalProject_Add(axv_qemu_riscv64_images
        SOURCE_DIR ${axvisor_api_SOURCE_DIR}
        BINARY_DIR ${images_dir}
        CMAKE_ARGS
            -DCMAKE_TOOLCHAIN_FILE=${CMAKE_CURRENT_LIST_DIR}/toolchain.cmake
            -DCMAKE_C_COMPILER=${AXV_QEMU_RISCV64_CC}
            -DCMAKE_BUILD_TYPE=Release
            -DAXV_BUILD_QEMU_VIRT_RISCV64=ON
        INSTALL_COMMAND ""
        BUILD_ALWAYS ON)
endif()

# axv_qemu_riscv64_test(NAME IMAGE [run-qemu.sh options...]): a test labelled qemu and
# riscv64 that runs IMAGE (an image's file name) and passes on its expected exit status.
function(axv_qemu_riscv64_test name image)
    set(qemu ${AXV_QEMU_SYSTEM_RISCV64})
    if(NOT qemu)
        set(qemu qemu-system-riscv64) # not found: run-qemu.sh reports it and skips
    endif()
    axv_qemu_riscv64_images_dir(images_dir)
    add_test(NAME ${name}
        COMMAND bash ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../qemu-virt-aarch64/run-qemu.sh
            --machine riscv64 --qemu ${qemu} --image ${images_dir}/${image}
            ${ARGN})
    # run-qemu.sh gives up on QEMU after AXV_QEMU_TIMEOUT_S (60 s): room for its report.
    set_tests_properties(${name} PROPERTIES LABELS "qemu;riscv64" TIMEOUT 90
        SKIP_RETURN_CODE 77 FAIL_REGULAR_EXPRESSION "FAILED|unexpected exception")
endfunction()
