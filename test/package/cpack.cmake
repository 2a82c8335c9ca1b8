# package.cpack: makes the binary and the source tarballs with cpack and checks what they
# hold. -D: AXV_CPACK, AXV_BUILD_DIR, AXV_WORK_DIR, AXV_BINARY_NAME and AXV_SOURCE_NAME (the
# tarballs' names without .tar.gz), AXV_INCLUDEDIR, AXV_LIBDIR, AXV_CONFIG (may be empty).
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
axv_require(AXV_CPACK AXV_BUILD_DIR AXV_WORK_DIR AXV_BINARY_NAME AXV_SOURCE_NAME AXV_INCLUDEDIR
    AXV_LIBDIR)

# Lists the entries of tarball FILE into VAR, one path per element.
function(axv_tar_list var file)
    if(NOT EXISTS ${file})
        message(FATAL_ERROR "cpack made no ${file}")
    endif()
    execute_process(COMMAND ${CMAKE_COMMAND} -E tar tf ${file} RESULT_VARIABLE rc
        OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "cannot list ${file}: ${err}")
    endif()
    string(REGEX REPLACE "\n$" "" out "${out}")
    string(REPLACE "\n" ";" out "${out}")
    set(${var} "${out}" PARENT_SCOPE)
endfunction()

# Fails unless some entry of LIST matches each regex, or (REJECT) when one matches.
function(axv_expect what list)
    cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "HAS;LACKS")
    foreach(regex IN LISTS arg_HAS)
        set(found FALSE)
        foreach(entry IN LISTS ${list})
            if(entry MATCHES "${regex}")
                set(found TRUE)
                break()
            endif()
        endforeach()
        if(NOT found)
            message(FATAL_ERROR "${what}: no entry matches '${regex}'")
        endif()
    endforeach()
    foreach(regex IN LISTS arg_LACKS)
        foreach(entry IN LISTS ${list})
            if(entry MATCHES "${regex}")
                message(FATAL_ERROR "${what}: entry '${entry}' should not be there ('${regex}')")
            endif()
        endforeach()
    endforeach()
endfunction()

set(cpack_config_args)
if(AXV_CONFIG)
    set(cpack_config_args -C ${AXV_CONFIG})
endif()
file(REMOVE_RECURSE ${AXV_WORK_DIR})

# Binary tarball: the installed package (cpack first brings the build up to date).
axv_run("cpack (binary)" ${AXV_CPACK} -G TGZ --config ${AXV_BUILD_DIR}/CPackConfig.cmake
    -B ${AXV_WORK_DIR}/binary ${cpack_config_args})
axv_tar_list(binary ${AXV_WORK_DIR}/binary/${AXV_BINARY_NAME}.tar.gz)
set(top "^${AXV_BINARY_NAME}/")
axv_expect("binary tarball" binary
    HAS "${top}${AXV_INCLUDEDIR}/axvisor_api/axvisor_api\\.h$"
        "${top}${AXV_INCLUDEDIR}/axvisor_api/config\\.h$"
        "${top}${AXV_INCLUDEDIR}/axvisor_api/ops/memory\\.h$"
        "${top}${AXV_LIBDIR}/libaxvisor_api\\.a$"
        "${top}${AXV_LIBDIR}/cmake/axvisor_api/axvisor_apiConfig\\.cmake$"
        "${top}${AXV_LIBDIR}/cmake/axvisor_api/axvisor_apiConfigVersion\\.cmake$"
        "${top}${AXV_LIBDIR}/cmake/axvisor_api/axvisor_api_targets\\.cmake$"
        "${top}${AXV_LIBDIR}/pkgconfig/axvisor_api\\.pc$"
    LACKS "config\\.h\\.in$" "\\.o$" "CMakeCache\\.txt$" "/test/" "/samples/")
list(LENGTH binary num_binary)

# Source tarball: the tree, without build trees or version-control data.
axv_run("cpack (source)" ${AXV_CPACK} -G TGZ --config ${AXV_BUILD_DIR}/CPackSourceConfig.cmake
    -B ${AXV_WORK_DIR}/source)
axv_tar_list(source ${AXV_WORK_DIR}/source/${AXV_SOURCE_NAME}.tar.gz)
set(top "^${AXV_SOURCE_NAME}/")
axv_expect("source tarball" source
    HAS "${top}CMakeLists\\.txt$" "${top}lib/registry\\.c$" "${top}README\\.md$"
        "${top}include/axvisor_api/ops/vmm\\.h$" "${top}cmake/packaging\\.cmake$"
        "${top}samples/register-at-boot/main\\.c$"
    LACKS "${top}build[^/]*/" "${top}_[^/]*/" "/\\.git/" "CMakeCache\\.txt$" "\\.o$"
        "/_CPack_Packages/" "\\.tar\\.gz$" "/__pycache__/")
list(LENGTH source num_source)
file(SIZE ${AXV_WORK_DIR}/source/${AXV_SOURCE_NAME}.tar.gz source_bytes)
message(STATUS "binary tarball: ${num_binary} entries; source tarball: ${num_source} entries, "
    "${source_bytes} bytes")
