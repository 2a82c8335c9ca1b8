/* host cases: the CPU count. */
#include "suite.h"

static void case_cpu_num(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, host, cpu_num))
        return;
    size_t first = axv_host_cpu_num();
    if (first == 0) {
        axv_conf_put_str(axv_conf_fail(c), "cpu_num is 0");
        return;
    }
    size_t again = axv_host_cpu_num();
    if (again != first) {
        struct axv_conf_text *t = axv_conf_fail(c);
        axv_conf_put_str(t, "cpu_num changed between calls: ");
        axv_conf_put_dec(t, first);
        axv_conf_put_str(t, " then ");
        axv_conf_put_dec(t, again);
    }
}

static const struct axv_conf_case_def host_cases[] = {
    {"cpu_num", case_cpu_num},
};

const struct axv_conf_area_cases axv_conf_host_cases = {host_cases, AXV_CONF_COUNT(host_cases)};
