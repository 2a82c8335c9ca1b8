# Injected into a sub-build with CMAKE_PROJECT_axvisor_api_INCLUDE by static.missing_op:
# the platform "broken" (target axvisor_api_broken), which lacks memory.alloc_frame.
add_library(axvisor_api_broken STATIC ${CMAKE_CURRENT_LIST_DIR}/broken_platform.c)
target_link_libraries(axvisor_api_broken PUBLIC axvisor_api)
# The core links the platform it is bound to, so the platform joins the core's export set.
install(TARGETS axvisor_api_broken EXPORT axvisor_api_targets ARCHIVE DESTINATION lib)
# extra_area.static renames more ops out of the way (as <area>_<op>), to see them named.
foreach(op IN LISTS AXV_TEST_BROKEN_ALSO_LACKS)
    target_compile_definitions(axvisor_api_broken PRIVATE axv_broken_${op}=axv_broken_${op}_renamed)
endforeach()
