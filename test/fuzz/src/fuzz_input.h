/* Shared by the fuzz targets: decoding the fuzzer's bytes into small values, and the check
 * that stops a run on a broken invariant. */
#ifndef AXV_FUZZ_INPUT_H
#define AXV_FUZZ_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The input still to decode. Reads past its end give 0, so every input is a valid program
 * (short ones simply end early). */
struct fuzz_input {
    const uint8_t *data;
    size_t size;
};

static inline bool fuzz_more(const struct fuzz_input *in) {
    return in->size > 0;
}

static inline uint8_t fuzz_u8(struct fuzz_input *in) {
    if (in->size == 0)
        return 0;
    in->size--;
    return *in->data++;
}

static inline uint16_t fuzz_u16(struct fuzz_input *in) {
    uint16_t lo = fuzz_u8(in);
    return (uint16_t)(lo | (uint16_t)fuzz_u8(in) << 8);
}

static inline uint32_t fuzz_u32(struct fuzz_input *in) {
    uint32_t lo = fuzz_u16(in);
    return lo | (uint32_t)fuzz_u16(in) << 16;
}

static inline uint64_t fuzz_u64(struct fuzz_input *in) {
    uint64_t lo = fuzz_u32(in);
    return lo | (uint64_t)fuzz_u32(in) << 32;
}

/* A broken invariant: say which, and abort() so libFuzzer saves the input as a crash. */
#define FUZZ_CHECK(cond)                                                                 \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                     \
        }                                                                                \
    } while (0)

#endif /* AXV_FUZZ_INPUT_H */
