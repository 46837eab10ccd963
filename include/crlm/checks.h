/* Safety checks: findings the board must see whatever the recommendation (a bevacizumab
 * interval too short, an inadequate remnant, a target choice outside RECIST's limits...).
 * Each has a stable code from the spec, a severity, a message with the values it used, and
 * its evidence. Modules append checks to a crlm_checks list owned by their result. */
#ifndef CRLM_CHECKS_H
#define CRLM_CHECKS_H

#include <stddef.h>

#include "crlm/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum crlm_severity {
    CRLM_SEV_INFO = 0, CRLM_SEV_WARNING = 1, CRLM_SEV_CRITICAL = 2
} crlm_severity;

typedef struct crlm_check {
    const char *code;       /* static, e.g. "bevacizumab_interval" */
    crlm_severity severity;
    char message[320];      /* with the values used: "31 days since the last dose..." */
    const char *evidence;   /* static, comma-separated ids: "seed:34, gordon-2009" */
} crlm_check;

#define CRLM_CHECKS_MAX 64
typedef struct crlm_checks {
    size_t count;
    crlm_check items[CRLM_CHECKS_MAX];
} crlm_checks;

/* Appends a check (message formatted printf-style); silently keeps the first
 * CRLM_CHECKS_MAX, which no real case approaches. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
void crlm_checks_add(crlm_checks *list, const char *code, crlm_severity sev,
                     const char *evidence, const char *fmt, ...);
const char *crlm_severity_name(crlm_severity s); /* "info", "warning", "critical" */

#ifdef __cplusplus
}
#endif
#endif
