/* The report's layout, shared by the assessment and the renderers (JSON, text, HTML). */
#ifndef CRLM_REPORT_INTERNAL_H
#define CRLM_REPORT_INTERNAL_H

#include "crlm/evidence.h"
#include "crlm/liver.h"
#include "crlm/pathway.h"
#include "crlm/recist.h"
#include "crlm/report.h"

struct crlm_report {
    const crlm_case *c;        /* borrowed */
    const crlm_profile *p;     /* borrowed */
    crlm_scores scores[2];     /* indexed by crlm_when */
    crlm_response *response;   /* owned */
    crlm_liver liver;
    crlm_checks checks;        /* response checks and safety checks, most severe first */
    crlm_pathway pathway;
    crlm_prognosis prognosis;
};

/* "a, b" -> ["a","b"] (report_json.c) */
void crlm__write_evidence_list(crlm_buf *b, const char *list);

#endif
