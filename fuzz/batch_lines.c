/* libFuzzer target for `crlm batch`'s line reader and record loop (src/cli/batch.c over
 * crlm/lines.h), the very code the command runs. Besides crashes, leaks and undefined
 * behaviour it checks the batch contract on every input: each output line is valid JSON
 * (jansson refuses invalid UTF-8) holding a crlm-report/1 or crlm-error/1 object, and there is
 * exactly one record per non-blank input line, counted here independently of the reader (a
 * line ends at LF, a CR before it is part of the line end, a last line without LF counts,
 * blank = only spaces, tabs and CRs), error records naming those lines in order. The line
 * limit is small so that over-long lines and resynchronisation are reached. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/batch.h"
#include "crlm/profile_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_LINE 2048

static bool collect(void *ctx, crlm_buf *out)
{
    crlm_buf_append(ctx, out->data ? out->data : "", out->len);
    crlm_buf_reset(out);
    return true;
}

static bool blank(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static crlm_profile *profile; /* read once: building it per input would swamp the run */
    if (!profile)
        profile = crlm_profile_default_new();
    if (!profile)
        abort();
    /* The non-blank lines' numbers, in order. */
    long *expect = malloc((size + 1) * sizeof *expect);
    size_t n_expect = 0;
    long number = 0;
    for (size_t i = 0; i < size;) {
        const uint8_t *nl = memchr(data + i, '\n', size - i);
        size_t end = nl ? (size_t)(nl - data) : size;
        number++;
        if (!blank(data + i, end - i))
            expect[n_expect++] = number;
        i = end + 1;
    }

    crlm_buf all = {0};
    crlm_cli_batch b = {.profile = profile, .flush = collect, .ctx = &all};
    crlm_lines *r = NULL;
    if (crlm_lines_open_memory(&r, (const char *)data, size, MAX_LINE) != CRLM_OK)
        abort();
    if (!crlm_cli_batch_lines(&b, r, "fuzz.jsonl") || all.failed)
        abort(); /* memory input: nothing can fail but memory */
    crlm_lines_close(r);

    size_t records = 0;
    for (size_t i = 0; i < all.len;) {
        const char *line = all.data + i;
        const char *nl = memchr(line, '\n', all.len - i);
        if (!nl)
            abort(); /* every record ends with a line end */
        size_t n = (size_t)(nl - line);
        json_error_t err;
        json_t *v = json_loadb(line, n, JSON_REJECT_DUPLICATES, &err);
        if (!v || !json_is_object(v))
            abort();
        const char *format = json_string_value(json_object_get(v, "format"));
        if (!format || records >= n_expect)
            abort();
        if (strcmp(format, "crlm-error/1") == 0) {
            json_t *ln = json_object_get(v, "line");
            if (!json_is_integer(ln) || json_integer_value(ln) != expect[records])
                abort();
        } else if (strcmp(format, "crlm-report/1") != 0) {
            abort();
        }
        json_decref(v);
        records++;
        i += n + 1;
    }
    if (records != n_expect)
        abort();
    crlm_buf_free(&all);
    crlm_cli_batch_free(&b);
    free(expect);
    return 0;
}
