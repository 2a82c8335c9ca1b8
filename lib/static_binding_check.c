/*
 * Static binding check, built and run as part of a static-binding build (lib/binding.cmake):
 * every op of every built-in area must exist as AXV_STATIC_PREFIX_<area>_<op> in the chosen
 * platform. Each function is referenced weakly, so a missing one reads as NULL here and is
 * reported by name instead of as a bare undefined reference at some later link.
 */
#include <stdio.h>
#include <axvisor_api/axvisor_api.h>

#if !AXV_BINDING_STATIC
#error "static_binding_check.c is only built with AXV_BINDING=static"
#endif
#ifndef AXV_CHECK_PLATFORM
#error "define AXV_CHECK_PLATFORM as the platform's name (a string)"
#endif

#define AXV_PRIV_CHECK_FN(area, name) AXV_PRIV_CAT(AXV_STATIC_PREFIX, _##area##_##name)
#define AXV_PRIV_CHECK_STR2(x) #x
#define AXV_PRIV_CHECK_STR(x) AXV_PRIV_CHECK_STR2(x)

/* Pass 1: make every reference weak (the accessors' headers declared the functions). */
#define AXV_AREA_BEGIN(area)
#define AXV_OP(area, kind, ret, name, params) \
    ret AXV_PRIV_CHECK_FN(area, name)(AXV_PARAMS(params)) __attribute__((weak));
#define AXV_AREA_END(area)
#include <axvisor_api/builtin_areas.h>
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END

typedef void (*axv_check_fn)(void);

static int missing;

static void check(const char *op, const char *symbol, axv_check_fn volatile fn) {
    if (fn == NULL) {
        /* The exit status reports the failure; the text only names it. */
        (void)fprintf(stderr, "static binding: platform %s lacks %s (define %s)\n",
                      AXV_CHECK_PLATFORM, op, symbol);
        missing++;
    }
}

int main(void) {
    /* Pass 2: look every function up. */
#define AXV_AREA_BEGIN(area)
#define AXV_OP(area, kind, ret, name, params)                                 \
    check(#area "." #name, AXV_PRIV_CHECK_STR(AXV_PRIV_CHECK_FN(area, name)), \
          (axv_check_fn)AXV_PRIV_CHECK_FN(area, name));
#define AXV_AREA_END(area)
#include <axvisor_api/builtin_areas.h>
#undef AXV_AREA_BEGIN
#undef AXV_OP
#undef AXV_AREA_END
    if (missing != 0) {
        (void)fprintf(stderr,
                      "static binding: platform %s lacks %d op(s); it must define "
                      "%s_<area>_<op> for every op of every built-in area\n",
                      AXV_CHECK_PLATFORM, missing, AXV_PRIV_CHECK_STR(AXV_STATIC_PREFIX));
        return 1;
    }
    printf("static binding: platform %s provides every op\n", AXV_CHECK_PLATFORM);
    return 0;
}
