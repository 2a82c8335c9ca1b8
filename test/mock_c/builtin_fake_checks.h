/* The generic checks of fake_checks.h for every built-in area (run_<area>_fake_checks(),
 * run_<area>_accessor_checks(), ...): one list, for every test of the built-in fakes. */
#ifndef AXV_TEST_MOCK_C_BUILTIN_FAKE_CHECKS_H
#define AXV_TEST_MOCK_C_BUILTIN_FAKE_CHECKS_H

#include <axvisor_api/mock/fakes.h>

#define AXV_AREA_OPS <axvisor_api/ops/memory.h>
#include "fake_checks.h"
#define AXV_AREA_OPS <axvisor_api/ops/time.h>
#include "fake_checks.h"
#define AXV_AREA_OPS <axvisor_api/ops/vmm.h>
#include "fake_checks.h"
#define AXV_AREA_OPS <axvisor_api/ops/host.h>
#include "fake_checks.h"
#define AXV_AREA_OPS <axvisor_api/ops/arch.h>
#include "fake_checks.h"
#define AXV_AREA_OPS <axvisor_api/ops/console.h>
#include "fake_checks.h"

#endif /* AXV_TEST_MOCK_C_BUILTIN_FAKE_CHECKS_H */
