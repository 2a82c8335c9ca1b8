# static.posix: a static-binding build bound to the posix platform, built lean (core,
# posix, the op check, the hosted-vmm sample), then
#  1. hosted-vmm runs for 0.2 s and loses nothing;
#  2. its calls into the platform are direct: some call names an axv_posix_ op function,
#     and none is an indirect call through memory (the registry);
#  3. the build is installed; its config.h says static; the package's posix consumer
#     (test/package/posix_consumer, which includes <axvisor_api/axvisor_api.h> with no
#     flags) builds against the install, runs, and calls axv_posix_memory_alloc_frame
#     directly.
# -D: AXV_SOURCE_DIR, AXV_WORK_DIR, AXV_CONSUMER_DIR, AXV_OBJDUMP, AXV_HOST_PROCESSOR
# (the disassembly checks run on x86-64 hosts; test/codegen covers AArch64), AXV_C_COMPILER,
# AXV_GENERATOR, AXV_MAKE_PROGRAM (optional).
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)

set(build ${AXV_WORK_DIR}/build)
set(prefix ${AXV_WORK_DIR}/prefix)
axv_static_configure(${build} -DAXV_BINDING=static -DAXV_STATIC_PLATFORM=posix
    -DCMAKE_BUILD_TYPE=Release -DAXV_BUILD_CONFORMANCE=OFF -DCMAKE_INSTALL_PREFIX=${prefix})
axv_static_build(${build} rc out)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the static build failed (${rc}):\n${out}")
endif()
string(FIND "${out}" "static binding: platform posix provides every op" at)
if(at EQUAL -1)
    message(FATAL_ERROR "the static build did not run its op check:\n${out}")
endif()
message(STATUS "static build: ok")

# 1. The sample.
set(vmm ${build}/samples/hosted-vmm/hosted-vmm)
execute_process(COMMAND ${vmm} --duration 0.2 --no-progress RESULT_VARIABLE rc
    OUTPUT_VARIABLE out ERROR_VARIABLE out)
message(STATUS "hosted-vmm says:\n${out}")
if(NOT rc EQUAL 0 OR out MATCHES "FAILED|LOST" OR NOT out MATCHES "nothing lost")
    message(FATAL_ERROR "hosted-vmm failed under static binding (${rc})")
endif()

# Fails unless <file> makes a direct call or jump to a function named <symbol regex> (in
# function <func>, or anywhere when <func> is empty), and unless only the registry's own
# functions (registration, defaults, installation) refer to a registry slot
# axv_priv_<area>_slot: an accessor call through the registry reads one.
function(axv_check_direct what file func symbol)
    set(dis_file ${AXV_WORK_DIR}/disassembly.txt)
    execute_process(COMMAND ${AXV_OBJDUMP} -d --no-show-raw-insn ${file}
        RESULT_VARIABLE rc OUTPUT_FILE ${dis_file} ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "objdump ${file} failed:\n${err}")
    endif()
    file(READ ${dis_file} dis)
    if(func)
        string(REGEX MATCH "<${func}>:\n([^\n]+\n)+" dis "${dis}")
    endif()
    if(NOT dis MATCHES "(call|jmp) +[0-9a-f]+ <${symbol}>")
        message(FATAL_ERROR "${what}: no direct call to ${symbol}:\n${dis}")
    endif()
    file(STRINGS ${dis_file} lines REGEX "^[0-9a-f]+ <|<axv_priv_[a-z_]+_slot")
    set(registry "^axv_(priv_[a-z_]+|[a-z_]+_(register|get|reset|validate)|platform_install)$")
    set(current "")
    foreach(line IN LISTS lines)
        if(line MATCHES "^[0-9a-f]+ <([^>]+)>:")
            set(current "${CMAKE_MATCH_1}")
        elseif(NOT current MATCHES "${registry}")
            message(FATAL_ERROR "${what}: ${current} reads a registry slot: ${line}")
        endif()
    endforeach()
    message(STATUS "${what}: direct calls to ${symbol}, no call through the registry")
endfunction()

# 2. Direct calls in the sample.
if(AXV_HOST_PROCESSOR MATCHES "x86_64|AMD64")
    axv_check_direct("hosted-vmm" ${vmm} "" "axv_posix_[a-z_]+")
endif()

# 3. The install and its consumer.
file(REMOVE_RECURSE ${prefix})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${build} RESULT_VARIABLE rc
    OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "installing the static build failed:\n${out}")
endif()
file(GLOB_RECURSE config ${prefix}/*/axvisor_api/config.h)
file(READ "${config}" text)
if(NOT text MATCHES "#define AXV_BINDING_STATIC 1" OR
        NOT text MATCHES "#define AXV_STATIC_PREFIX axv_posix")
    message(FATAL_ERROR "the installed ${config} does not carry the static binding")
endif()
set(consumer ${AXV_WORK_DIR}/consumer)
file(REMOVE_RECURSE ${consumer})
set(tools -G ${AXV_GENERATOR} -DCMAKE_C_COMPILER=${AXV_C_COMPILER})
if(AXV_MAKE_PROGRAM)
    list(APPEND tools -DCMAKE_MAKE_PROGRAM=${AXV_MAKE_PROGRAM})
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${AXV_CONSUMER_DIR} -B ${consumer} ${tools}
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc EQUAL 0)
    execute_process(COMMAND ${CMAKE_COMMAND} --build ${consumer}
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
endif()
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "building the consumer against the static install failed:\n${out}")
endif()
execute_process(COMMAND ${consumer}/consumer RESULT_VARIABLE rc OUTPUT_VARIABLE out
    ERROR_VARIABLE out)
message(STATUS "the consumer says:\n${out}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the consumer of the static install failed (${rc})")
endif()
if(AXV_HOST_PROCESSOR MATCHES "x86_64|AMD64")
    axv_check_direct("consumer main" ${consumer}/consumer main
        "axv_posix_memory_alloc_frame")
endif()
