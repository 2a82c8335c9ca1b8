# The accessor binding (AXV_BINDING, AXV_STATIC_PLATFORM): what goes into the generated
# config.h, and in static mode the link to the chosen platform and the check that it
# provides every op. Included from the top level before config.h is generated.
#
# A platform named P supports static binding by naming its op functions axv_P_<area>_<op>
# (what <axvisor_api/platform_impl.h> declares for AXV_IMPL_PREFIX axv_P); when it is built
# in this project its library target is axvisor_api_P.

if(NOT AXV_BINDING MATCHES "^(dynamic|static)$")
    message(FATAL_ERROR "AXV_BINDING must be dynamic or static, not '${AXV_BINDING}'")
endif()
set(axv_binding_static 0)
set(AXV_STATIC_PREFIX "")
if(AXV_BINDING STREQUAL "static")
    if(NOT AXV_STATIC_PLATFORM MATCHES "^[a-z_][a-z0-9_]*$")
        message(FATAL_ERROR "AXV_BINDING=static needs AXV_STATIC_PLATFORM, the platform's name "
            "(a C identifier such as posix, whose functions are axv_posix_<area>_<op>); "
            "got '${AXV_STATIC_PLATFORM}'")
    endif()
    set(axv_binding_static 1)
    set(AXV_STATIC_PREFIX axv_${AXV_STATIC_PLATFORM})
elseif(NOT AXV_STATIC_PLATFORM STREQUAL "")
    message(FATAL_ERROR "AXV_STATIC_PLATFORM is only meaningful with AXV_BINDING=static")
endif()
if(axv_binding_static)
    set(axv_binding_dynamic 0)
else()
    set(axv_binding_dynamic 1)
endif()

# The test suite and the mock platform register tables and expect calls to reach them.
macro(axv_check_binding_options)
    if(axv_binding_static AND AXV_BUILD_MOCK)
        message(FATAL_ERROR "AXV_BUILD_MOCK needs AXV_BINDING=dynamic: mocks are registered "
            "tables, which static binding never calls")
    endif()
    if(axv_binding_static AND AXV_BUILD_TESTS)
        message(FATAL_ERROR "AXV_BUILD_TESTS needs AXV_BINDING=dynamic: the suite registers "
            "tables; a dynamic build tests static binding itself (label static)")
    endif()
endmacro()

# Static mode, after the platforms and the core exist: the core's own accessor calls (in
# fatal.c, the fallbacks) go to the platform, so the core links it; and a generated check
# program, run as part of the build, names every op the platform lacks.
function(axv_setup_static_binding)
    if(NOT axv_binding_static)
        return()
    endif()
    set(platform_target axvisor_api_${AXV_STATIC_PLATFORM})
    if(NOT TARGET ${platform_target})
        message(STATUS "axvisor_api: static binding to platform '${AXV_STATIC_PLATFORM}', "
            "which this build does not contain; the final link needs its "
            "${AXV_STATIC_PREFIX}_<area>_<op> functions")
        return()
    endif()
    target_link_libraries(axvisor_api INTERFACE ${platform_target})
    if(CMAKE_CROSSCOMPILING)
        return() # the check runs on the build machine; the link still names what is missing
    endif()
    # The platform's objects are linked directly, so weak references see every function.
    add_executable(axv_static_binding_check ${PROJECT_SOURCE_DIR}/lib/static_binding_check.c
        $<TARGET_OBJECTS:${platform_target}>)
    # (The library itself is linked too, for its dependencies; nothing is taken from it.)
    target_link_libraries(axv_static_binding_check PRIVATE ${platform_target})
    target_compile_definitions(axv_static_binding_check PRIVATE
        AXV_CHECK_PLATFORM="${AXV_STATIC_PLATFORM}")
    set(stamp ${PROJECT_BINARY_DIR}/axv_static_binding_check.stamp)
    add_custom_command(OUTPUT ${stamp}
        COMMAND axv_static_binding_check
        COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
        DEPENDS axv_static_binding_check
        COMMENT "Checking that platform ${AXV_STATIC_PLATFORM} provides every op")
    add_custom_target(axv_static_binding ALL DEPENDS ${stamp})
endfunction()
