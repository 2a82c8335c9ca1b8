# Sanitized builds of the hosted tree (CMakePresets.json: presets asan and tsan).
# AXV_SANITIZE names the sanitizers every target of the build is compiled and linked with,
# as -fsanitize takes them: "address,undefined" or "thread" (they cannot be combined with
# each other). Any finding ends the program (-fno-sanitize-recover=all), so it fails its
# test.
set(AXV_SANITIZE "" CACHE STRING
    "Sanitizers for every target, comma-separated: address,undefined or thread (empty: none)")
if(AXV_SANITIZE STREQUAL "")
    return()
endif()
if(CMAKE_CROSSCOMPILING OR CMAKE_SYSTEM_NAME STREQUAL "Generic")
    message(FATAL_ERROR "AXV_SANITIZE is for hosted builds; this one targets ${CMAKE_SYSTEM_NAME}")
endif()
string(REPLACE "," ";" axv_sanitizers "${AXV_SANITIZE}")
foreach(sanitizer IN LISTS axv_sanitizers)
    if(NOT sanitizer MATCHES "^(address|undefined|thread)$")
        message(FATAL_ERROR "AXV_SANITIZE: unknown sanitizer '${sanitizer}' "
            "(address, undefined, thread)")
    endif()
endforeach()
if("thread" IN_LIST axv_sanitizers AND "address" IN_LIST axv_sanitizers)
    message(FATAL_ERROR "AXV_SANITIZE: thread and address cannot be combined; build twice")
endif()
string(REPLACE ";" "," axv_sanitize_flag "${axv_sanitizers}")
# Frame pointers give the reports full stacks at little cost.
add_compile_options(-fsanitize=${axv_sanitize_flag} -fno-sanitize-recover=all
    -fno-omit-frame-pointer)
add_link_options(-fsanitize=${axv_sanitize_flag})
message(STATUS "axvisor_api: sanitizers ${axv_sanitize_flag}")
