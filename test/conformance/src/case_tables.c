/* Which case table checks which area: the suite's contents, one line per area it has
 * cases for. */
#include "suite.h"

const struct axv_conf_area_case_table axv_conf_case_tables[] = {
    {&axv_memory_area, &axv_conf_memory_cases}, {&axv_time_area, &axv_conf_time_cases},
    {&axv_vmm_area, &axv_conf_vmm_cases},       {&axv_host_area, &axv_conf_host_cases},
    {&axv_gic_area, &axv_conf_gic_cases},       {&axv_console_area, &axv_conf_console_cases},
    {&axv_riscv_area, &axv_conf_riscv_cases},   {&axv_host_irq_area, &axv_conf_host_irq_cases},
};
const size_t axv_conf_num_case_tables = AXV_CONF_COUNT(axv_conf_case_tables);
