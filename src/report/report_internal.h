/* The report's layout, shared by the assessment and the renderers (JSON, text, HTML). */
#ifndef CRLM_REPORT_INTERNAL_H
#define CRLM_REPORT_INTERNAL_H

#include "crlm/evidence.h"
#include "crlm/liver.h"
#include "crlm/pathway.h"
#include "crlm/recist.h"
#include "crlm/report.h"
#include "crlm/change.h"

struct crlm_report {
    const crlm_case *c;        /* borrowed */
    const crlm_profile *p;     /* borrowed */
    crlm_scores scores[2];     /* indexed by crlm_when */
    crlm_response *response;   /* owned */
    crlm_liver liver;
    crlm_checks checks;        /* response checks and safety checks, most severe first */
    crlm_pathway pathway;
    crlm_prognosis prognosis;
    const crlm_report *before;      /* borrowed: the report without the what-if changes */
    const crlm_what_if *what_if;    /* borrowed; NULL unless this report is a what-if */
};

/* Is `code` among the checks of r? (what-if comparisons) */
bool crlm__report_has_check(const crlm_report *r, const char *code);

/* "a, b" -> ["a","b"] (report_json.c) */
void crlm__write_evidence_list(crlm_buf *b, const char *list);

#endif
