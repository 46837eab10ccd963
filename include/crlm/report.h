/* The assessment of one case (`crlm-report/1`, spec/report-format.md) and its renderings.
 *
 * crlm_assess runs every module over one case with one profile and keeps the results in a
 * crlm_report, which owns all of its memory and is freed by crlm_report_free. The report
 * borrows the case and the profile: both must outlive it. Renderers write into a crlm_buf and
 * never decide anything; the report is complete before anything is written.
 */
#ifndef CRLM_REPORT_H
#define CRLM_REPORT_H

#include "crlm/buf.h"
#include "crlm/case.h"
#include "crlm/change.h"
#include "crlm/error.h"
#include "crlm/profile.h"
#include "crlm/scores.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct crlm_report crlm_report;

/* Assesses a case. On success *out is a new report (free with crlm_report_free). Fails only
 * for lack of memory: clinical indeterminacy is part of the report, not an error. */
crlm_status crlm_assess(const crlm_case *c, const crlm_profile *p, crlm_report **out);
void crlm_report_free(crlm_report *r);

const crlm_case *crlm_report_case(const crlm_report *r);
const crlm_scores *crlm_report_scores(const crlm_report *r, crlm_when when);

/* Renderings. Each appends to `out`; check out->failed for an allocation failure. */
void crlm_report_write_json(const crlm_report *r, crlm_buf *out); /* one line, no newline */
void crlm_report_write_text(const crlm_report *r, crlm_buf *out); /* a one-screen summary */
/* The response's spider plot (per-lesion and sum change from baseline) as an SVG document. */
void crlm_report_write_spider_svg(const crlm_report *r, crlm_buf *out);
/* One self-contained printable HTML page (no external resources). */
void crlm_report_write_html(const crlm_report *r, crlm_buf *out);

/* Marks `changed` as a what-if of `original`: its renderings then show the changes and what
 * they changed (recommendation, options, checks). Both reports and `what_if` are borrowed and
 * must outlive `changed`'s renderings. */
void crlm_report_set_what_if(crlm_report *changed, const crlm_report *original,
                             const crlm_what_if *what_if);

/* A JSON error object for batch output:
 * {"format":"crlm-error/1","source":"FILE","line":N,"errors":[{code,pointer,expected,found}]}. */
void crlm_errors_write_json(const crlm_errors *e, const char *source, long input_line,
                            crlm_buf *out);

#ifdef __cplusplus
}
#endif
#endif
