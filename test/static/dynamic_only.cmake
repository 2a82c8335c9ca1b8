# static.dynamic_only: a static-binding configuration that asks for the mock platform or
# the test suite (both swap tables at run time) must be refused at configure time, saying
# why; without them it configures.
# -D: AXV_SOURCE_DIR, AXV_WORK_DIR, AXV_C_COMPILER, AXV_GENERATOR, AXV_MAKE_PROGRAM (optional).
foreach(option AXV_BUILD_MOCK AXV_BUILD_TESTS)
    set(dir ${AXV_WORK_DIR}/${option})
    file(REMOVE_RECURSE ${dir})
    execute_process(COMMAND ${CMAKE_COMMAND} -S ${AXV_SOURCE_DIR} -B ${dir} -G ${AXV_GENERATOR}
        -DCMAKE_C_COMPILER=${AXV_C_COMPILER} -DAXV_BINDING=static -DAXV_STATIC_PLATFORM=posix
        -D${option}=ON
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(rc EQUAL 0)
        message(FATAL_ERROR "static binding with ${option}=ON configured:\n${out}")
    endif()
    if(NOT out MATCHES "${option} needs AXV_BINDING=dynamic")
        message(FATAL_ERROR "static binding with ${option}=ON failed without saying why:\n${out}")
    endif()
    message(STATUS "${option}=ON refused under static binding: ok")
endforeach()
