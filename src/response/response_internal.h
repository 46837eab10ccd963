/* Private to src/response and the lesion-table reader above it: the engine entry point that
 * both share.
 *
 * A case's response (crlm_response_compute) lives in one crlm__arena owned by the result, as
 * the house style asks. The cohort reader judges up to millions of patients one after the
 * other and reuses one scratch allocator and one result struct instead (core/arena.h). The
 * engine does not care which: it allocates through crlm__rmem. */
#ifndef CRLM_RESPONSE_INTERNAL_H
#define CRLM_RESPONSE_INTERNAL_H

#include <stddef.h>

#include "core/arena.h"
#include "crlm/recist.h"


/* Fills *r (whose fields before `checks` must be zero and checks.count 0) from the case.
 * Everything r points to is allocated from m. Returns CRLM_OK or CRLM_E_NOMEM. When
 * with_checks is false no check is formatted (the cohort reader does not report them). */
crlm_status crlm__response_build(const crlm_case *c, const crlm_recist_thresholds *t,
                                 crlm__rmem *m, crlm_response *r, bool with_checks);

/* The CEA trend of the values on or before `until` (values sorted by date). */
void crlm__cea_trend(const crlm_cea *v, size_t n, crlm_date until, double upper_normal_ng_ml,
                     crlm_cea_trend *out);

/* Appends x rounded to one decimal ("-31.4", "0.0"), or "null" when x is NaN. */
void crlm__buf_pct(crlm_buf *b, double x);
/* Appends tenths of a millimetre as a decimal ("61.0"), or "null" when negative. */
void crlm__buf_tenths(crlm_buf *b, long tenths);
/* Appends a date as a JSON string, or null. */
/* The baseline, time points and best response of a result as JSON members (response_json.c),
 * for the report and the lesion tables. */
void crlm__response_series_json(crlm_buf *b, const crlm_response *r, bool with_line);
/* One time point as a JSON object (response_json.c), for the report and the lesion tables. */
void crlm__response_timepoint_json(crlm_buf *b, const crlm_response_timepoint *tp, bool with_line);

#endif
