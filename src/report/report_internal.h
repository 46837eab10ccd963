/* The report's layout, shared by the assessment and the renderers (JSON, text, HTML). Later
 * modules (response, liver, pathway, prognosis) add their results here. */
#ifndef CRLM_REPORT_INTERNAL_H
#define CRLM_REPORT_INTERNAL_H

#include "crlm/report.h"

struct crlm_report {
    const crlm_case *c;        /* borrowed */
    const crlm_profile *p;     /* borrowed */
    crlm_scores scores[2];     /* indexed by crlm_when */
};

#endif
