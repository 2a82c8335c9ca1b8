/* Only for tables.c, which includes it by this name: the op declarations are in ops.h. */
#ifndef AXV_QEMU_INTERNAL_H
#define AXV_QEMU_INTERNAL_H

#include "ops.h"

#endif /* AXV_QEMU_INTERNAL_H */
