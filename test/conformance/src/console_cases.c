/* console cases: a write of N bytes reports N. */
#include "suite.h"

static void case_write_length(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, console, write_bytes))
        return;
    static const char line[] = "# console.write_length: this line is written in one call\n";
    size_t len = sizeof(line) - 1u;
    size_t written = axv_console_write_bytes(line, len);
    if (written != len) {
        struct axv_conf_text *t = axv_conf_fail(c);
        axv_conf_put_str(t, "write_bytes of ");
        axv_conf_put_dec(t, len);
        axv_conf_put_str(t, " bytes returned ");
        axv_conf_put_dec(t, written);
        /* Finish the line so the output stays one line per case. */
        if (written < len)
            axv_conf_console_write(line + written, len - written);
    }
    written = axv_console_write_bytes(NULL, 0);
    if (written != 0) {
        struct axv_conf_text *t = axv_conf_fail(c);
        axv_conf_put_str(t, "write_bytes(NULL, 0) returned ");
        axv_conf_put_dec(t, written);
    }
}

static const struct axv_conf_case_def console_cases[] = {
    {"write_length", case_write_length},
};

const struct axv_conf_area_cases axv_conf_console_cases = {console_cases,
                                                           AXV_CONF_COUNT(console_cases)};
