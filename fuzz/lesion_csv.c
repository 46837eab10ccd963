/* libFuzzer target: the lesion-table reader end to end (CSV records -> patients -> RECIST
 * engine -> CSV and JSON Lines writers) on arbitrary bytes. Properties checked beyond "no
 * crash, no sanitizer report": the run returns one of the documented statuses, the summary's
 * counts are consistent, and every output is NUL-terminated text of the size reported.
 * The input is split by its first byte into the two output formats so both writers are
 * exercised. A broken record before any row counts one (unnamed) patient with no rows. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/lesion_table.h"
#include "crlm/profile.h"
#include "crlm/profile_read.h"
#include "crlm/recist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static crlm_profile *p;
    if (!p && !(p = crlm_profile_default_new()))
        return 0;
    bool jsonl = size > 0 && (data[0] & 1u);
    crlm_buf out = {0};
    crlm_errors errs = {0};
    crlm_lesion_table_summary sum;
    crlm_status st = crlm_lesion_table_run_memory((const char *)data, size, p, jsonl, &out, &errs,
                                                  &sum);
    if (st != CRLM_OK && st != CRLM_E_SYNTAX && st != CRLM_E_LIMIT && st != CRLM_E_MISSING &&
        st != CRLM_E_NOMEM)
        abort();
    if (sum.patients_with_errors > sum.patients || sum.patients > sum.rows + 1)
        abort();
    if (out.len && (!out.data || out.data[out.len] != '\0' || strlen(out.data) > out.len))
        abort();
    if (st == CRLM_OK && !jsonl && out.len == 0)
        abort(); /* a readable table always gets the CSV header */
    crlm_buf_free(&out);
    crlm_errors_free(&errs);
    crlm_lesion_table_summary_free(&sum);
    return 0;
}
