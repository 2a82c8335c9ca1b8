/*
 * Op list of the riscv area: what a RISC-V vCPU, a virtual PLIC/APLIC and an IMSIC-based
 * injector need from the hypervisor-extension hardware below them.
 * Present on every target, so host tests and mocks can use them too.
 * An op list is data for the generators; include <axvisor_api/axvisor_api.h> instead.
 * No include guard: it is expanded once per generated piece.
 */
#ifndef AXV_OP
#error "an op list is expanded by the generators; include <axvisor_api/axvisor_api.h>"
#endif

/**
 * @brief RISC-V H-extension and AIA helpers: VS-level pending bits, IMSIC guest interrupt
 * files, remote guest TLB fences and the host interrupt controller's addresses.
 *
 * **Harts.** Every op that names a hart takes the hypervisor's CPU index, 0 to
 * axv_host_cpu_num() - 1, the numbering of the host area; the platform maps it to the
 * hart's mhartid (the SBI's hart ids) itself.
 *
 * **Which platforms install it.** A RISC-V platform with the H extension installs it; a
 * platform of another architecture leaves it out, and then every op answers AXV_ENOSYS
 * (axv_riscv_implements() tells, op by op). The hosted platform models it, so RISC-V
 * components run in host tests.
 */
AXV_AREA_BEGIN(riscv)

/**
 * @brief Makes a VS-level interrupt pending for the vCPU loaded on the calling hart, by
 * setting its bit in hvip.
 * @param irq The interrupt's number as hvip numbers it: 2 (VSSIP, software), 6 (VSTIP,
 *        timer) or 10 (VSEIP, external).
 * @return AXV_OK; AXV_EINVAL for another number, or when no vCPU is loaded on the calling
 *         hart; AXV_ENOSYS when not implemented.
 * @note Must run on the hart that runs the target vCPU, with interrupts masked; never
 *       sleeps. Touches only the calling hart's hvip, so calls on different harts do not
 *       interfere. A vCPU on another hart is reached through axv_vmm_inject_interrupt().
 */
AXV_OP(riscv, STATUS, int, set_vs_pending, (uint32_t, irq))

/**
 * @brief Withdraws a VS-level interrupt from the vCPU loaded on the calling hart, by
 * clearing its bit in hvip (a virtual timer re-armed to the future, a level-sensitive line
 * of a virtual PLIC that went low).
 * @param irq 2 (VSSIP), 6 (VSTIP) or 10 (VSEIP). Clearing a bit that is not set is AXV_OK.
 * @return AXV_OK; AXV_EINVAL for another number, or when no vCPU is loaded on the calling
 *         hart; AXV_ENOSYS when not implemented.
 * @note As axv_riscv_set_vs_pending().
 */
AXV_OP(riscv, STATUS, int, clear_vs_pending, (uint32_t, irq))

/**
 * @brief Counts the IMSIC guest interrupt files each hart has (GEILEN).
 * @param num Receives the count, 0 when the IMSIC has none (guests then get their external
 *        interrupts through VSEIP only).
 * @return AXV_OK; AXV_ENOENT when the host has no IMSIC (no AIA); AXV_EINVAL for a NULL
 *         @p num; AXV_ENOSYS when not implemented.
 * @note Any context, including IRQ handlers; thread-safe; never sleeps. The answer never
 *       changes once the platform is installed.
 */
AXV_OP(riscv, STATUS, int, imsic_guest_files, (size_t *, num))

/**
 * @brief The physical address of one interrupt file of one hart's IMSIC, as an MSI writer
 * (an IMSIC-based injector, a device's MSI) sees it.
 * @param cpu The hart, as the hypervisor's CPU index.
 * @param file 0 for the hart's supervisor-level file; 1 to the count
 *        axv_riscv_imsic_guest_files() gives for guest file @p file (the number
 *        hstatus.VGEIN selects).
 * @param addr Receives the file's page address (its seteipnum_le register is at offset 0).
 * @return AXV_OK; AXV_ENOENT when the host has no IMSIC; AXV_EINVAL for an unknown @p cpu,
 *         a @p file beyond the count, or a NULL @p addr; AXV_ENOSYS when not implemented.
 * @note Any context, including IRQ handlers; thread-safe; never sleeps.
 */
AXV_OP(riscv, STATUS, int, imsic_file_address, (size_t, cpu, size_t, file, axv_paddr_t *, addr))

/**
 * @brief Makes harts drop their cached G-stage translations of one VM: HFENCE.GVMA for
 * @p vmid over a guest-physical range, on every selected hart (the SBI's
 * remote_hfence_gvma_vmid).
 * @param cpu_mask Bit i selects CPU @p cpu_base + i; an empty mask does nothing. The
 *        calling hart may be among them.
 * @param cpu_base The CPU index of bit 0.
 * @param vmid The VMID (hgatp.VMID), below 2^VMIDLEN of the host.
 * @param gpa The first guest-physical address of the range.
 * @param size The range's length in bytes; 0 does nothing; SIZE_MAX covers every
 *        guest-physical address of @p vmid (then @p gpa is ignored).
 * @return AXV_OK once every selected hart has executed the fence; AXV_EINVAL for a selected
 *         CPU that does not exist, a @p vmid the host's VMIDLEN cannot hold, or a range
 *         that wraps; AXV_ENOSYS when not implemented.
 * @note Any context, with or without interrupts masked; thread-safe; never sleeps, but
 *       waits for the selected harts.
 */
AXV_OP(riscv, STATUS, int, remote_hfence_gvma,
       (uint64_t, cpu_mask, size_t, cpu_base, uint32_t, vmid, uint64_t, gpa, size_t, size))

/**
 * @brief Makes harts drop their cached VS-stage translations of one guest address space:
 * HFENCE.VVMA for @p vmid and @p asid over a guest-virtual range, on every selected hart
 * (the SBI's remote_hfence_vvma_asid, for a VMID named here rather than taken from the
 * caller's hgatp).
 * @param cpu_mask Bit i selects CPU @p cpu_base + i; an empty mask does nothing.
 * @param cpu_base The CPU index of bit 0.
 * @param vmid The VMID whose guest translations are fenced.
 * @param asid The guest ASID (vsatp.ASID), or UINT32_MAX for every ASID of @p vmid.
 * @param gva The first guest-virtual address of the range.
 * @param size The range's length in bytes; 0 does nothing; SIZE_MAX covers every
 *        guest-virtual address (then @p gva is ignored).
 * @return AXV_OK once every selected hart has executed the fence; AXV_EINVAL for a selected
 *         CPU that does not exist, a @p vmid or @p asid the host cannot hold, or a range that
 *         wraps; AXV_ENOSYS when not implemented.
 * @note As axv_riscv_remote_hfence_gvma().
 */
AXV_OP(riscv, STATUS, int, remote_hfence_vvma,
       (uint64_t, cpu_mask, size_t, cpu_base, uint32_t, vmid, uint32_t, asid, uint64_t, gva, size_t,
        size))

/**
 * @brief Physical base address of the host's PLIC, for a virtual PLIC that passes
 * interrupts through.
 * @param base Receives the address.
 * @return AXV_OK; AXV_ENOENT when the host has no PLIC; AXV_EINVAL for a NULL @p base;
 *         AXV_ENOSYS when not implemented.
 * @note Any context, including IRQ handlers; thread-safe; never sleeps.
 */
AXV_OP(riscv, STATUS, int, host_plic_base, (axv_paddr_t *, base))

/**
 * @brief Physical base address of the host's supervisor-level APLIC domain, for a virtual
 * APLIC that passes interrupts through.
 * @param base Receives the address.
 * @return AXV_OK; AXV_ENOENT when the host has no APLIC; AXV_EINVAL for a NULL @p base;
 *         AXV_ENOSYS when not implemented.
 * @note Any context, including IRQ handlers; thread-safe; never sleeps.
 */
AXV_OP(riscv, STATUS, int, host_aplic_base, (axv_paddr_t *, base))

AXV_AREA_END(riscv)
