/* Catches axv_fatal() in-process: the handler jumps back instead of returning, which is
 * what the contract asks of a handler. Plain C, so no C++ frame is skipped by longjmp
 * other than the trivial caller of fn. Also the calls the unit tests must make from C. */
#include <setjmp.h>
#include <stddef.h>

#include <axvisor_api/host.h>
#include <axvisor_api/registry.h>

const char *axv_test_capture_fatal(void (*fn)(void));
bool axv_test_host_implements_id(int op);

/* In C an enum parameter takes any int; C++ may not even form an enum value outside the
 * enumerators' range (UBSan's -fsanitize=enum reports it), so out-of-range ids are asked
 * from here. */
bool axv_test_host_implements_id(int op) {
    return axv_host_implements((enum axv_host_op)op);
}

static jmp_buf fatal_jump;
static char fatal_message[256];

static void capture_handler(const char *message) {
    size_t i = 0;
    for (; message[i] != '\0' && i + 1 < sizeof(fatal_message); i++)
        fatal_message[i] = message[i];
    fatal_message[i] = '\0';
    longjmp(fatal_jump, 1);
}

const char *axv_test_capture_fatal(void (*fn)(void)) {
    fatal_message[0] = '\0';
    axv_set_fatal_handler(capture_handler);
    if (setjmp(fatal_jump) == 0) {
        fn();
        axv_set_fatal_handler(NULL);
        return NULL;
    }
    axv_set_fatal_handler(NULL);
    return fatal_message;
}
