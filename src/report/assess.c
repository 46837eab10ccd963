/* crlm_assess: the one place that runs the modules in order over a case (DESIGN.md's flow:
 * scores, response and liver are pure functions of case and profile; the pathway reads their
 * results). */
#include <stdlib.h>

#include "report/report_internal.h"

crlm_status crlm_assess(const crlm_case *c, const crlm_profile *p, crlm_report **out)
{
    *out = NULL;
    crlm_report *r = calloc(1, sizeof *r);
    if (!r)
        return CRLM_E_NOMEM;
    r->c = c;
    r->p = p;
    crlm_scores_compute(c, p, CRLM_AT_DIAGNOSIS, &r->scores[CRLM_AT_DIAGNOSIS]);
    crlm_scores_compute(c, p, CRLM_CURRENT, &r->scores[CRLM_CURRENT]);
    *out = r;
    return CRLM_OK;
}

void crlm_report_free(crlm_report *r) { free(r); }

const crlm_case *crlm_report_case(const crlm_report *r) { return r->c; }

const crlm_scores *crlm_report_scores(const crlm_report *r, crlm_when when)
{
    return &r->scores[when == CRLM_CURRENT ? CRLM_CURRENT : CRLM_AT_DIAGNOSIS];
}
