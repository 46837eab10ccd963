/* Reading a profile (`crlm-profile/1`, crlm/profile.h) from JSON, and the built-in default
 * (profiles/default.json compiled in byte for byte, read through the same path). A reader: it
 * sits above the ground floor's profile lookup. */
#ifndef CRLM_PROFILE_READ_H
#define CRLM_PROFILE_READ_H

#include <stddef.h>

#include "crlm/error.h"
#include "crlm/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A new copy of the built-in default profile; free with crlm_profile_free. Returns NULL only
 * when out of memory. */
crlm_profile *crlm_profile_default_new(void);
/* Reads a profile from JSON text; strict like a case. On failure *out is NULL and every
 * problem is appended to `errors`. */
crlm_status crlm_profile_read(const char *json, size_t len, crlm_profile **out,
                              crlm_errors *errors);

#ifdef __cplusplus
}
#endif
#endif
