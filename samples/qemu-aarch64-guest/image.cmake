# The sample's bare-metal image, built inside test/qemu/images (the cross-built project).
axv_qemu_add_image(qemu-aarch64-guest
    ${CMAKE_CURRENT_LIST_DIR}/hypervisor.c
    ${CMAKE_CURRENT_LIST_DIR}/guest.c
    ${CMAKE_CURRENT_LIST_DIR}/guest_vectors.S)
