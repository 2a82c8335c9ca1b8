/*
 * Forced into every file Frama-C analyses (-include): models of the compiler built-ins the
 * analysed code uses and Frama-C 25's libc does not specify. Eva analyses one thread, so an
 * atomic is modelled as the plain access it performs; a trap ends the execution.
 */
#ifndef AXV_PROOF_FC_MODELS_H
#define AXV_PROOF_FC_MODELS_H

/*@ assigns \nothing;
    ensures never_returns: \false; */
void axv_proof_trap(void);

/*@ requires \valid(p);
    assigns *p;
    ensures *p == v;
    ensures \result == \old(*p); */
static inline int axv_proof_atomic_exchange_int(int *p, int v) {
    int old = *p;
    *p = v;
    return old;
}

/*@ requires \valid(p);
    assigns *p;
    ensures *p == v; */
static inline void axv_proof_atomic_store_int(int *p, int v) {
    *p = v;
}

/* Frama-C's <stdatomic.h> reads through volatile pointers, which Eva takes as any value: in
 * one thread an atomic load or store is the plain access, and a fence does nothing. */
#include <stdatomic.h>
#undef atomic_load_explicit
#define atomic_load_explicit(obj, order) (*(obj))
#undef atomic_store_explicit
#define atomic_store_explicit(obj, value, order) ((void)(*(obj) = (value)))
#define atomic_thread_fence(order) ((void)(order))

/* Bit scans computed bit by bit, so that Eva knows their exact result for exact inputs
 * (the machdep's built-ins are only specified by their range). */
/*@ requires x_nonzero: x != 0;
    assigns \nothing;
    ensures 0 <= \result < 64; */
static inline int axv_proof_clzll(unsigned long long x) {
    int n = 0;
    while ((x & (1ull << 63)) == 0) {
        x <<= 1;
        n++;
    }
    return n;
}

/*@ requires x_nonzero: x != 0;
    assigns \nothing;
    ensures 0 <= \result < 64; */
static inline int axv_proof_ctzll(unsigned long long x) {
    int n = 0;
    while ((x & 1u) == 0) {
        x >>= 1;
        n++;
    }
    return n;
}

#define __builtin_clzll(x) axv_proof_clzll(x)
#define __builtin_ctzll(x) axv_proof_ctzll(x)
#define __builtin_trap() axv_proof_trap()
#define __atomic_exchange_n(p, v, order) axv_proof_atomic_exchange_int((p), (v))
#define __atomic_store_n(p, v, order) axv_proof_atomic_store_int((p), (v))

#endif /* AXV_PROOF_FC_MODELS_H */
