// The gMock class of the component-defined "vgic" area (test/custom_area): what a
// component ships beside its area header so C++ tests can mock it.
#ifndef AXV_TEST_VGIC_MOCK_H
#define AXV_TEST_VGIC_MOCK_H

#include <axvisor_api/mock/gmock.h>
#include <demo_vgic/vgic_api.h>

#define AXV_AREA_OPS <demo_vgic/ops.h>
#include <axvisor_api/mock/gmock_area.h>

#endif // AXV_TEST_VGIC_MOCK_H
