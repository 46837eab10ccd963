/* The case JSON reader (`crlm-case/1`, docs/case-format.md): text or a parsed jansson value in,
 * a validated crlm_case out, every problem named by its JSON pointer. A reader: it sits above
 * the model (crlm/case.h) and below the front doors. */
#ifndef CRLM_CASE_READ_H
#define CRLM_CASE_READ_H

#include <stddef.h>

#include "crlm/case.h"
#include "crlm/error.h"
#include "crlm/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads and validates one case from JSON text (not necessarily NUL-terminated). On success
 * *out owns a new case (free with crlm_case_free) and CRLM_OK is returned. On failure *out is
 * NULL, every problem found is appended to `errors` (may be NULL), and the first problem's
 * code is returned. The profile supplies the synchronous window; NULL means the built-in
 * default. */
crlm_status crlm_case_read(const char *json, size_t len, const crlm_profile *profile,
                           crlm_case **out, crlm_errors *errors);
/* As crlm_case_read, from an already-parsed jansson value (json_t *), for callers that parse
 * JSON themselves (the HTTP server, the FHIR mapper). */
crlm_status crlm_case_from_json(const void *json_value, const crlm_profile *profile,
                                crlm_case **out, crlm_errors *errors);

#ifdef __cplusplus
}
#endif
#endif
