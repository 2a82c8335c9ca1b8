/* Every op's prototype (axv_posix_<area>_<op>, the names a static binding of the accessors
 * will call) and every table's declaration, generated from the op lists. tables.c defines
 * the tables; the *_ops.c files, host.c and console.c define the ops. The parts' start and
 * stop are in posix_parts.h. */
#ifndef AXV_POSIX_INTERNAL_H
#define AXV_POSIX_INTERNAL_H

#include <axvisor_api/posix.h>

AXV_EXTERN_C_BEGIN

#define AXV_IMPL_PREFIX axv_posix
#define AXV_IMPL_DECLARE_ONLY
#include <axvisor_api/platform_impl.h>

AXV_EXTERN_C_END

#endif /* AXV_POSIX_INTERNAL_H */
