/**
 * @file compiler.h
 * @brief Compiler attributes and C/C++ linkage helpers used by every public header.
 *
 * The library targets GCC and Clang (the compilers hypervisors are built with); on other
 * compilers the attributes expand to nothing, which keeps headers parseable but loses the
 * page alignment that sealing relies on.
 */
#ifndef AXVISOR_API_COMPILER_H
#define AXVISOR_API_COMPILER_H

/**
 * @defgroup axv_compiler Compiler and linkage helpers
 * @brief Attributes and `extern "C"` wrappers the public headers use.
 * @{
 */

#ifdef __cplusplus
/** @brief Opens a block of declarations with C linkage: `extern "C" {` in C++, empty in C. */
#define AXV_EXTERN_C_BEGIN extern "C" {
/** @brief Closes a block opened by AXV_EXTERN_C_BEGIN: `}` in C++, empty in C. */
#define AXV_EXTERN_C_END }
#else
/** @brief Opens a block of declarations with C linkage: `extern "C" {` in C++, empty in C. */
#define AXV_EXTERN_C_BEGIN
/** @brief Closes a block opened by AXV_EXTERN_C_BEGIN: `}` in C++, empty in C. */
#define AXV_EXTERN_C_END
#endif

#if defined(__GNUC__) || defined(__clang__)
/** @brief Marks a function that never returns (C99- and C++-compatible spelling). */
#define AXV_NORETURN __attribute__((noreturn))
/** @brief Aligns a type or object to @p n bytes. */
#define AXV_ALIGNED(n) __attribute__((aligned(n)))
/**
 * @brief Gives a symbol hidden visibility.
 *
 * Registry slots are hidden so that a call through them is one PC-relative load even in
 * position-independent code (no GOT indirection). The library is therefore linked
 * statically into one image, which is how hypervisors are built.
 */
#define AXV_HIDDEN __attribute__((visibility("hidden")))
/** @brief Marks a function or variable that may be unused in a translation unit. */
#define AXV_MAYBE_UNUSED __attribute__((unused))
#else
#define AXV_NORETURN
#define AXV_ALIGNED(n)
#define AXV_HIDDEN
#define AXV_MAYBE_UNUSED
#endif

#if defined(__ELF__)
/**
 * @brief Places registry storage in the ELF section `axv_registry`.
 *
 * A bare-metal linker script gathers this section into page-aligned memory, padded to a
 * page boundary, so the port can map it read-only when the registry is sealed (see
 * axv_port_protect_readonly()).
 */
#define AXV_REGISTRY_SECTION __attribute__((section("axv_registry")))
#else
#define AXV_REGISTRY_SECTION
#endif

/** @} */

#endif /* AXVISOR_API_COMPILER_H */
