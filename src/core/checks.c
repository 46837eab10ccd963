/* The check list of checks.h: fixed capacity, because a case fires at most a dozen checks
 * and a result must stay allocation-free to be freed by one call. */
#include "crlm/checks.h"

#include <stdarg.h>
#include <stdio.h>

void crlm_checks_add(crlm_checks *list, const char *code, crlm_severity sev,
                     const char *evidence, const char *fmt, ...)
{
    if (list->count >= CRLM_CHECKS_MAX)
        return;
    crlm_check *c = &list->items[list->count++];
    c->code = code;
    c->severity = sev;
    c->evidence = evidence;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->message, sizeof c->message, fmt, ap);
    va_end(ap);
}

const char *crlm_severity_name(crlm_severity s)
{
    switch (s) {
    case CRLM_SEV_WARNING: return "warning";
    case CRLM_SEV_CRITICAL: return "critical";
    default: return "info";
    }
}
