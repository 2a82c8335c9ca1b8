/* The fatal path: a replaceable handler, then a trap. */
#include <axvisor_api/console.h>
#include <axvisor_api/registry.h>

static axv_fatal_handler_t fatal_handler;

static size_t message_length(const char *s) {
    size_t n = 0;
    while (s[n] != '\0')
        n++;
    return n;
}

/* Writes to the console only if a platform implements it: the console's own default is
 * fatal, which would recurse. A fatal error inside the console write re-enters here; the
 * flag turns that into an immediate trap instead of unbounded recursion (and makes one of
 * two CPUs failing at once print, not both interleaved). */
static void default_fatal_handler(const char *message) {
    static int in_handler;
    if (__atomic_exchange_n(&in_handler, 1, __ATOMIC_ACQUIRE) != 0)
        return;
    /* A short write loses part of a last message: nothing on this path could do better. */
    if (axv_console_implements(axv_console_op_write_bytes)) {
        (void)axv_console_write_bytes(message, message_length(message));
        (void)axv_console_write_bytes("\n", 1);
    }
    /* A harness that survives the trap must see its next fatal message too. */
    __atomic_store_n(&in_handler, 0, __ATOMIC_RELEASE);
}

void axv_set_fatal_handler(axv_fatal_handler_t handler) {
    fatal_handler = handler;
}

void axv_fatal(const char *message) {
    axv_fatal_handler_t handler = fatal_handler != NULL ? fatal_handler : default_fatal_handler;
    handler(message != NULL ? message : "axv_fatal: no message");
    __builtin_trap();
}
