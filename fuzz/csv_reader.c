/* libFuzzer target: the CSV record reader and the survival column parsing on arbitrary bytes.
 *
 * Why: the reader faces files nobody vetted (cohort exports, lesion tables), so it must never
 * read out of bounds, loop, or grow memory without bound, whatever the quoting, line ends or
 * NUL bytes. The input is read twice: record by record with small limits (so the E_LIMIT paths
 * run), and through crlm_surv_data_read + crlm_surv_analyze with the first two header columns
 * as time and event, the third as group and the fourth as a covariate, so number parsing,
 * factor interning and the KM/log-rank/Cox code see hostile values too. Every record's
 * fields must lie inside the reader's record and no call may fail silently.
 * Build: clang-14 -fsanitize=fuzzer,address,undefined (fuzz/CMakeLists.txt, crlm_static).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/csv.h"
#include "crlm/survival.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *copy_field(const crlm_csv_field *f)
{
    char *s = malloc(f->len + 1);
    if (s) {
        memcpy(s, f->ptr, f->len);
        s[f->len] = '\0';
    }
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    crlm_csv_options small = {.max_record_bytes = 4096, .max_fields = 64};
    crlm_csv_reader *r = NULL;
    crlm_errors errs = {0};
    if (crlm_csv_open_memory(&r, text, size, &small, &errs) == CRLM_OK) {
        crlm_csv_record rec;
        long last_line = 0;
        while (crlm_csv_next(r, &rec, &errs) == CRLM_OK && rec.count > 0) {
            if (rec.line < last_line || rec.count > small.max_fields)
                abort();
            last_line = rec.line;
            for (size_t i = 0; i < rec.count; i++) {
                double v;
                volatile bool ok = crlm_csv_parse_double(rec.fields[i].ptr, rec.fields[i].len, &v);
                (void)ok;
                (void)crlm_csv_is_missing(&rec.fields[i]);
            }
        }
        crlm_csv_close(r);
    }
    crlm_errors_clear(&errs);

    /* the survival reader, columns named after the first header fields */
    char *names[4] = {0};
    size_t nnames = 0;
    if (crlm_csv_open_memory(&r, text, size, NULL, &errs) == CRLM_OK) {
        crlm_csv_record rec;
        if (crlm_csv_next(r, &rec, &errs) == CRLM_OK)
            for (size_t i = 0; i < rec.count && nnames < 4; i++)
                names[nnames++] = copy_field(&rec.fields[i]);
        crlm_csv_close(r);
    }
    bool have_names = nnames >= 2;
    for (size_t i = 0; i < nnames; i++)
        if (!names[i])
            have_names = false;
    if (have_names && crlm_csv_open_memory(&r, text, size, NULL, &errs) == CRLM_OK) {
        const char *covs[1] = {nnames > 3 ? names[3] : NULL};
        crlm_surv_spec spec = {.time_col = names[0],
                               .event_col = names[1],
                               .group_col = nnames > 2 ? names[2] : NULL,
                               .covariates = covs,
                               .ncovariates = nnames > 3 ? 1 : 0};
        crlm_surv_data *d = NULL;
        if (crlm_surv_data_read(r, &spec, &d, &errs) == CRLM_OK && d->n > 0 && d->n < 5000) {
            double at[2] = {1.0, 10.0};
            crlm_surv_options opt = {.at = at, .nat = 2, .max_iter = 5};
            crlm_surv_result *res = NULL;
            if (crlm_surv_analyze(d, &opt, &res, &errs) == CRLM_OK) {
                crlm_buf b = {0};
                crlm_surv_result_json(res, &b);
                crlm_buf_free(&b);
            }
            crlm_surv_result_free(res);
        }
        crlm_surv_data_free(d);
        crlm_csv_close(r);
    }
    for (size_t i = 0; i < nnames; i++)
        free(names[i]);
    crlm_errors_free(&errs);
    return 0;
}
