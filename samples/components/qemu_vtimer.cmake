# The shared components in a QEMU sample image: axv_qemu_sample_vtimer(<image>) compiles the
# vtimer component and its QEMU hookup into it, unchanged for either QEMU platform.
function(axv_qemu_sample_vtimer image)
    target_sources(${image} PRIVATE ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/vtimer.c
        ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/qemu_vtimer.c)
    target_include_directories(${image} PRIVATE ${CMAKE_CURRENT_FUNCTION_LIST_DIR})
endfunction()
