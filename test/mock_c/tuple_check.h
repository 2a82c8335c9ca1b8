/* Test-side expanders of an op's parameter tuple, written independently of the fake
 * generator's own (so a generator bug cannot hide behind a shared helper):
 *   TC_ARGS_OF(s, tuple)     call arguments taken from a struct: (s).a, (s).b
 *   TC_ARGS_EQ(x, y, tuple)  every member equal: ((x).a == (y).a && ...), or 1
 *   TC_STORE(d, tuple)       the parameters in scope stored into a struct: (d).a = a; ...
 * At most 8 parameters, like the op lists. */
#ifndef AXV_MOCK_C_TUPLE_CHECK_H
#define AXV_MOCK_C_TUPLE_CHECK_H

#include <axvisor_api/oplist.h>

#define TC_APPLY(m, ...) m(__VA_ARGS__)
#define TC_UNPACK(...) __VA_ARGS__
#define TC_COUNT(tuple) AXV_PRIV_NARGS tuple

#define TC_ARGS_OF(s, tuple) \
    TC_APPLY(AXV_PRIV_CAT(TC_ARGS_OF_, TC_COUNT(tuple)), s, TC_UNPACK tuple)
#define TC_ARGS_OF_1(s, v)
#define TC_ARGS_OF_2(s, t1, a1) (s).a1
#define TC_ARGS_OF_4(s, t1, a1, t2, a2) (s).a1, (s).a2
#define TC_ARGS_OF_6(s, t1, a1, t2, a2, t3, a3) (s).a1, (s).a2, (s).a3
#define TC_ARGS_OF_8(s, t1, a1, t2, a2, t3, a3, t4, a4) (s).a1, (s).a2, (s).a3, (s).a4
#define TC_ARGS_OF_10(s, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) \
    TC_ARGS_OF_8(s, t1, a1, t2, a2, t3, a3, t4, a4), (s).a5
#define TC_ARGS_OF_12(s, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
    TC_ARGS_OF_10(s, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5), (s).a6
#define TC_ARGS_OF_14(s, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7) \
    TC_ARGS_OF_12(s, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6), (s).a7
#define TC_ARGS_OF_16(s, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7, t8, a8) \
    TC_ARGS_OF_14(s, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7), (s).a8

#define TC_ARGS_EQ(x, y, tuple) \
    (TC_APPLY(AXV_PRIV_CAT(TC_ARGS_EQ_, TC_COUNT(tuple)), x, y, TC_UNPACK tuple))
#define TC_ARGS_EQ_1(x, y, v) 1
#define TC_ARGS_EQ_2(x, y, t1, a1) (x).a1 == (y).a1
#define TC_ARGS_EQ_4(x, y, t1, a1, t2, a2) TC_ARGS_EQ_2(x, y, t1, a1) && (x).a2 == (y).a2
#define TC_ARGS_EQ_6(x, y, t1, a1, t2, a2, t3, a3) \
    TC_ARGS_EQ_4(x, y, t1, a1, t2, a2) && (x).a3 == (y).a3
#define TC_ARGS_EQ_8(x, y, t1, a1, t2, a2, t3, a3, t4, a4) \
    TC_ARGS_EQ_6(x, y, t1, a1, t2, a2, t3, a3) && (x).a4 == (y).a4
#define TC_ARGS_EQ_10(x, y, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) \
    TC_ARGS_EQ_8(x, y, t1, a1, t2, a2, t3, a3, t4, a4) && (x).a5 == (y).a5
#define TC_ARGS_EQ_12(x, y, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
    TC_ARGS_EQ_10(x, y, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) && (x).a6 == (y).a6
#define TC_ARGS_EQ_14(x, y, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7) \
    TC_ARGS_EQ_12(x, y, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) && (x).a7 == (y).a7
#define TC_ARGS_EQ_16(x, y, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7, t8, a8) \
    TC_ARGS_EQ_14(x, y, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7) && (x).a8 == (y).a8

#define TC_STORE(d, tuple) TC_APPLY(AXV_PRIV_CAT(TC_STORE_, TC_COUNT(tuple)), d, TC_UNPACK tuple)
#define TC_STORE_1(d, v)
#define TC_STORE_2(d, t1, a1) (d).a1 = a1;
#define TC_STORE_4(d, t1, a1, t2, a2) \
    (d).a1 = a1;                      \
    (d).a2 = a2;
#define TC_STORE_6(d, t1, a1, t2, a2, t3, a3) \
    (d).a1 = a1;                              \
    (d).a2 = a2;                              \
    (d).a3 = a3;
#define TC_STORE_8(d, t1, a1, t2, a2, t3, a3, t4, a4) \
    (d).a1 = a1;                                      \
    (d).a2 = a2;                                      \
    (d).a3 = a3;                                      \
    (d).a4 = a4;
#define TC_STORE_10(d, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) \
    (d).a1 = a1;                                               \
    (d).a2 = a2;                                               \
    (d).a3 = a3;                                               \
    (d).a4 = a4;                                               \
    (d).a5 = a5;
#define TC_STORE_12(d, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
    (d).a1 = a1;                                                       \
    (d).a2 = a2;                                                       \
    (d).a3 = a3;                                                       \
    (d).a4 = a4;                                                       \
    (d).a5 = a5;                                                       \
    (d).a6 = a6;
#define TC_STORE_14(d, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7) \
    (d).a1 = a1;                                                               \
    (d).a2 = a2;                                                               \
    (d).a3 = a3;                                                               \
    (d).a4 = a4;                                                               \
    (d).a5 = a5;                                                               \
    (d).a6 = a6;                                                               \
    (d).a7 = a7;
#define TC_STORE_16(d, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6, t7, a7, t8, a8) \
    (d).a1 = a1;                                                                       \
    (d).a2 = a2;                                                                       \
    (d).a3 = a3;                                                                       \
    (d).a4 = a4;                                                                       \
    (d).a5 = a5;                                                                       \
    (d).a6 = a6;                                                                       \
    (d).a7 = a7;                                                                       \
    (d).a8 = a8;

#endif /* AXV_MOCK_C_TUPLE_CHECK_H */
