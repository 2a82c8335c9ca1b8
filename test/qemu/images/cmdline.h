/* The images' command line: what run-qemu.sh passes with -append, read through semihosting
 * (axv_qemu_cmdline). QEMU builds it as "<kernel file> <-append text>". */
#ifndef AXV_QEMU_IMAGES_CMDLINE_H
#define AXV_QEMU_IMAGES_CMDLINE_H

#include <stdint.h>
#include <axvisor_api/qemu_virt.h>

/* The number after "<key>=" (key given with its '='), where key starts a word of line; 0
 * when the key is absent. */
static inline uint64_t cmdline_value(const char *line, const char *key) {
    for (const char *p = line; *p != '\0'; p++) {
        const char *k = key, *q = p;
        while (*k != '\0' && *q == *k) {
            k++;
            q++;
        }
        if (*k != '\0' || (p != line && p[-1] != ' '))
            continue;
        uint64_t v = 0;
        while (*q >= '0' && *q <= '9')
            v = v * 10u + (uint64_t)(*q++ - '0');
        return v;
    }
    return 0;
}

/* The timer budget run-qemu.sh passes as "timer_budget_ms=<n>" (how late a timer may fire
 * on this host before it counts as lost), in nanoseconds; @p fallback_ns when absent. */
static inline axv_nanos_t cmdline_timer_budget_ns(axv_nanos_t fallback_ns) {
    char line[512]; /* room for the kernel path QEMU puts first */
    if (axv_qemu_cmdline(line, sizeof line) != AXV_OK)
        return fallback_ns;
    uint64_t ms = cmdline_value(line, "timer_budget_ms=");
    return ms != 0 ? (axv_nanos_t)ms * 1000000u : fallback_ns;
}

#endif /* AXV_QEMU_IMAGES_CMDLINE_H */
