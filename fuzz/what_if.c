/* libFuzzer target for what-if assignments: the input's first line is a list of
 * "POINTER=VALUE" assignments separated by tabs, the rest is a case. Exercises the JSON pointer
 * parser, value parsing and the re-validation of the changed case, then assesses both. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/profile_read.h"
#include "crlm/report.h"
#include "crlm/whatif.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static crlm_profile *profile;
    if (!profile)
        profile = crlm_profile_default_new();
    const uint8_t *nl = memchr(data, '\n', size);
    if (!nl)
        return 0;
    size_t head = (size_t)(nl - data);
    char *line = malloc(head + 1);
    if (!line)
        return 0;
    memcpy(line, data, head);
    line[head] = '\0';
    const char *sets[CRLM_WHATIF_MAX];
    size_t n = 0;
    for (char *s = line; s && n < CRLM_WHATIF_MAX;) {
        sets[n++] = s;
        s = strchr(s, '\t');
        if (s)
            *s++ = '\0';
    }
    crlm_case *orig = NULL, *changed = NULL;
    crlm_what_if wi;
    crlm_errors errs = {0};
    if (crlm_case_read_what_if((const char *)nl + 1, size - head - 1, sets, n, profile, &orig,
                               &changed, &wi, &errs) == CRLM_OK) {
        crlm_report *a = NULL, *b = NULL;
        if (crlm_assess(orig, profile, &a) == CRLM_OK && crlm_assess(changed, profile, &b) == CRLM_OK) {
            crlm_report_set_what_if(b, a, &wi);
            crlm_buf out = {0};
            crlm_report_write_json(b, &out);
            crlm_report_write_text(b, &out);
            crlm_buf_free(&out);
        }
        crlm_report_free(a);
        crlm_report_free(b);
    }
    crlm_case_free(orig);
    crlm_case_free(changed);
    crlm_errors_free(&errs);
    free(line);
    return 0;
}
