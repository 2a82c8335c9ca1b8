# package.ld_consumer: a make-based bare-metal hypervisor build that links with ld directly.
# Cross-builds this tree for AArch64 bare metal (the QEMU platform's toolchain file, AXV_PORT
# external), installs it, builds test/package/ld_consumer with its Makefile from the
# installed make fragment (compiler for objects, aarch64-linux-gnu-ld for the link, archives
# as prerequisites), checks the image (no GOT, no unwind tables, axv_registry page-aligned
# and one page), and runs it under QEMU when installed. Exits 77 (skip) without the cross
# tools. -D: AXV_SOURCE_DIR, AXV_WORK_DIR, AXV_MAKE, AXV_GENERATOR, AXV_MAKE_PROGRAM.
foreach(var IN ITEMS AXV_SOURCE_DIR AXV_WORK_DIR AXV_MAKE AXV_GENERATOR)
    if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
        message(FATAL_ERROR "ld_consumer.cmake: pass -D${var}=...")
    endif()
endforeach()
set(cross aarch64-linux-gnu-)
foreach(tool gcc ld readelf)
    find_program(axv_${tool} ${cross}${tool})
    if(NOT axv_${tool})
        message("SKIP: ${cross}${tool} is not installed (scripts/setup.sh installs it)")
        cmake_language(EXIT 77)
    endif()
endforeach()

function(run what)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
        message("${out}")
        message(FATAL_ERROR "${what} failed (${rc})")
    endif()
    set(out "${out}" PARENT_SCOPE)
endfunction()

set(build ${AXV_WORK_DIR}/library)
set(prefix ${AXV_WORK_DIR}/prefix)
file(REMOVE_RECURSE ${AXV_WORK_DIR})
set(make_program)
if(AXV_MAKE_PROGRAM)
    set(make_program -DCMAKE_MAKE_PROGRAM=${AXV_MAKE_PROGRAM})
endif()
# Host settings from the environment must not leak into the cross build.
unset(ENV{CFLAGS})
unset(ENV{LDFLAGS})
run("configuring the cross build" ${CMAKE_COMMAND} -S ${AXV_SOURCE_DIR} -B ${build}
    -G ${AXV_GENERATOR} ${make_program}
    -DCMAKE_TOOLCHAIN_FILE=${AXV_SOURCE_DIR}/platforms/qemu-virt-aarch64/toolchain.cmake
    -DCMAKE_C_COMPILER=${axv_gcc} -DCMAKE_BUILD_TYPE=MinSizeRel -DAXV_PORT=external
    -DAXV_BUILD_TESTS=OFF -DAXV_BUILD_SAMPLES=OFF -DAXV_BUILD_DOCS=OFF)
run("building the cross build" ${CMAKE_COMMAND} --build ${build} -j2)
run("installing the cross build" ${CMAKE_COMMAND} --install ${build} --prefix ${prefix})
if(NOT EXISTS ${prefix}/share/axvisor_api/axvisor_api.mk)
    message(FATAL_ERROR "the install has no share/axvisor_api/axvisor_api.mk")
endif()

set(image ${AXV_WORK_DIR}/make/image.elf)
run("make" ${AXV_MAKE} -f ${AXV_SOURCE_DIR}/test/package/ld_consumer/Makefile
    AXV_PREFIX=${prefix} BUILD=${AXV_WORK_DIR}/make CROSS=${cross})
message("${out}")
# The link is ld's, with the installed archive given by path.
if(NOT out MATCHES "${cross}ld [^\n]*${prefix}/lib[^ ]*/libaxvisor_api\\.a")
    message(FATAL_ERROR "the image was not linked by ${cross}ld with the installed archive")
endif()
if(NOT out MATCHES "-fno-pie -mgeneral-regs-only")
    message(FATAL_ERROR "AXV_CFLAGS_REQUIRED did not reach the compile lines")
endif()

run("readelf" ${axv_readelf} -SW ${image})
message("${out}")
foreach(section \\.got \\.eh_frame)
    if(out MATCHES " ${section}[ .]")
        message(FATAL_ERROR "the image has a ${section} section")
    endif()
endforeach()
if(NOT out MATCHES " axv_registry +PROGBITS +([0-9a-f]+) [0-9a-f]+ ([0-9a-f]+)")
    message(FATAL_ERROR "the image has no axv_registry section")
endif()
math(EXPR address "0x${CMAKE_MATCH_1}")
math(EXPR size "0x${CMAKE_MATCH_2}")
math(EXPR offset_in_page "${address} % 4096")
if(NOT offset_in_page EQUAL 0 OR size EQUAL 0 OR size GREATER 4096)
    message(FATAL_ERROR "axv_registry at ${address}, ${size} bytes: not one aligned page")
endif()
message("axv_registry: one page at 0x${CMAKE_MATCH_1}")

find_program(axv_qemu qemu-system-aarch64)
if(NOT axv_qemu)
    message("qemu-system-aarch64 not installed: the image links and is checked, not run")
    return()
endif()
execute_process(COMMAND ${axv_qemu} -M virt -cpu cortex-a72 -m 64M -nographic -nic none
        -semihosting -kernel ${image}
    TIMEOUT 60 RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
message("${out}")
if(NOT rc EQUAL 0 OR NOT out MATCHES "ld-consumer: PASS")
    message(FATAL_ERROR "the image failed under QEMU (${rc})")
endif()
