/* libFuzzer target for the case reader and everything downstream of it: arbitrary bytes go
 * through crlm_case_read, and every case that reads is assessed and rendered as JSON and
 * text, so a crash, leak or undefined behaviour anywhere on the assess path is found. */
#include <stddef.h>
#include <stdint.h>

#include "crlm/case.h"
#include "crlm/case_read.h"
#include "crlm/profile_read.h"
#include "crlm/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static crlm_profile *profile; /* read once: building it per input would swamp the run */
    if (!profile)
        profile = crlm_profile_default_new();
    crlm_errors errs = {0};
    crlm_case *c = NULL;
    if (crlm_case_read((const char *)data, size, profile, &c, &errs) == CRLM_OK) {
        crlm_report *r = NULL;
        if (crlm_assess(c, profile, &r) == CRLM_OK) {
            crlm_buf b = {0};
            crlm_report_write_json(r, &b);
            crlm_report_write_text(r, &b);
            crlm_buf_free(&b);
        }
        crlm_report_free(r);
    }
    crlm_case_free(c);
    crlm_errors_free(&errs);
    return 0;
}
