# The SMP sample's bare-metal image, built inside test/qemu/images (the cross-built
# project). The guests reuse the single-CPU sample's EL1 vector table.
axv_qemu_add_image(qemu-aarch64-smp
    ${CMAKE_CURRENT_LIST_DIR}/hypervisor.c
    ${CMAKE_CURRENT_LIST_DIR}/guest.c
    ${CMAKE_CURRENT_LIST_DIR}/../qemu-aarch64-guest/guest_vectors.S)
