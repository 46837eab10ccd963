# `cmake --install` into a temporary prefix gives a library that an outside program can build
# against with pkg-config alone, and that computes a worked Fong example (node-positive,
# synchronous, 2 tumours, 60 mm, CEA 250 -> 5, high).
. "$(dirname "$0")/common.inc"
BUILD=$(dirname "$CRLM")
cmake --install "$BUILD" --prefix "$TMP/prefix" >/dev/null && ok || fail "cmake --install"
[ -f "$TMP/prefix/include/crlm/crlm.h" ] && ok || fail "headers installed"
[ -f "$TMP/prefix/share/crlm/profiles/default.json" ] && ok || fail "profile installed"
cat >"$TMP/use.c" <<'C'
#include <crlm/crlm.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    const char *j = "{\"format\":\"crlm-case/1\",\"id\":\"X\",\"primary\":{\"n_stage\":\"n1\"},"
                    "\"liver_metastases\":{\"detected_on\":\"2024-01-01\",\"synchronous\":true},"
                    "\"cea\":[{\"date\":\"2024-01-01\",\"value_ng_ml\":250}],"
                    "\"imaging\":[{\"date\":\"2024-01-01\",\"lesions\":["
                    "{\"id\":\"A\",\"organ\":\"liver\",\"role\":\"target\",\"diameter_mm\":60},"
                    "{\"id\":\"B\",\"organ\":\"liver\",\"role\":\"target\",\"diameter_mm\":20}]}]}";
    crlm_profile *p = crlm_profile_default_new();
    crlm_case *c = NULL;
    if (!p || crlm_case_read(j, strlen(j), p, &c, NULL) != CRLM_OK)
        return 1;
    crlm_scores s;
    crlm_scores_compute(c, p, CRLM_CURRENT, &s);
    printf("Fong %d %s\n", s.fong.min, crlm_risk_name(s.fong.risk));
    crlm_case_free(c);
    crlm_profile_free(p);
    return 0;
}
C
export PKG_CONFIG_PATH="$TMP/prefix/lib/pkgconfig"
libdir=$(ls -d "$TMP"/prefix/lib* | head -n 1)
# A sanitizer build's library needs its runtime in the program that links it.
SAN=""
grep -q '^CRLM_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt" 2>/dev/null && SAN="-fsanitize=address,undefined"
CC=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$BUILD/CMakeCache.txt" 2>/dev/null)
"${CC:-cc}" $SAN -std=c17 "$TMP/use.c" -o "$TMP/use" $(pkg-config --cflags --libs crlm) -Wl,-rpath,"$libdir" \
    && ok || fail "build against the installed library"
[ "$("$TMP/use")" = "Fong 5 high" ] && ok || fail "installed library computes Fong 5 high"
finish
