/* libFuzzer target for `crlm cohort`'s reader and everything after it: arbitrary bytes as a
 * cohort CSV (the documented columns, with one covariate `age` when the header has it), through
 * crlm_cohort_analyze and every rendering (JSON, text, CSV, both SVG figures). A registry
 * export is the least vetted file crlm reads. */
#define _GNU_SOURCE /* memmem */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "crlm/survival.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    const char *covs[1] = {"age"};
    bool with_age = memmem(data, size, "age", 3) != NULL;
    crlm_cohort_spec spec = {.covariates = with_age ? covs : NULL,
                             .ncovariates = with_age ? 1 : 0,
                             .time_unit = CRLM_TIME_MONTHS};
    crlm_surv_options opt = {.max_iter = 10};
    crlm_cohort_result *r = NULL;
    crlm_errors errs = {0};
    if (crlm_cohort_analyze((const char *)data, size, &spec, &opt, &r, &errs) == CRLM_OK) {
        crlm_buf b = {0};
        crlm_cohort_result_json(r, &b);
        crlm_cohort_result_text(r, &b);
        crlm_cohort_result_csv(r, &b);
        crlm_cohort_svg(r, false, &b);
        crlm_cohort_svg(r, true, &b);
        crlm_buf_free(&b);
    }
    crlm_cohort_result_free(r);
    crlm_errors_free(&errs);
    return 0;
}
