/* The record loop of `crlm batch` (batch.h). */
#include "cli/batch.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli_util.h"
#include "crlm/case.h"
#include "crlm/case_read.h"
#include "crlm/report.h"

static void error_record(crlm_cli_batch *b, const char *source, long line)
{
    /* The file name as the errors are: escaped, so the record is valid UTF-8 JSON whatever
     * bytes the name holds. */
    char src[1024];
    crlm_error_escape(src, sizeof src, source, strlen(source));
    crlm_errors_write_json(&b->errs, src, line, &b->out);
    crlm_buf_putc(&b->out, '\n');
    b->records++;
    b->any_invalid = true;
}

static void one_case(crlm_cli_batch *b, const char *source, const crlm_line *line)
{
    crlm_case *c = NULL;
    crlm_errors_clear(&b->errs);
    crlm_status st = crlm_case_read(line->text, line->len, b->profile, &c, &b->errs);
    if (st == CRLM_OK) {
        crlm_report *r = NULL;
        if (crlm_assess(c, b->profile, &r) == CRLM_OK) {
            crlm_report_write_json(r, &b->out);
            crlm_buf_putc(&b->out, '\n');
            b->records++;
        } else {
            b->out.failed = true;
        }
        crlm_report_free(r);
    } else {
        if (b->errs.count == 0)
            crlm_errors_add(&b->errs, st, "", 0, 0, "a case", crlm_status_message(st));
        error_record(b, source, line->number);
    }
    crlm_case_free(c);
}

static void too_long(crlm_cli_batch *b, const char *source, const crlm_line *line, size_t max)
{
    char exp[64], found[64];
    snprintf(exp, sizeof exp, "a case of at most %zu bytes", max);
    snprintf(found, sizeof found, "a line of %zu bytes", line->len);
    crlm_errors_clear(&b->errs);
    crlm_errors_add(&b->errs, CRLM_E_LIMIT, "", 0, 0, exp, found);
    error_record(b, source, line->number);
}

static bool flush(crlm_cli_batch *b)
{
    if (b->out.failed) {
        crlm_cli_error("crlm batch: out of memory");
        return false;
    }
    return b->flush(b->ctx, &b->out);
}

bool crlm_cli_batch_lines(crlm_cli_batch *b, crlm_lines *r, const char *source)
{
    crlm_line line;
    long last = 0;
    while (crlm_lines_next(r, &line)) {
        last = line.number;
        if (line.too_long)
            too_long(b, source, &line, crlm_lines_max(r));
        else if (!crlm_line_blank(&line))
            one_case(b, source, &line);
        if ((b->out.len >= CRLM_CLI_BATCH_FLUSH_BYTES || b->out.failed) && !flush(b))
            return false;
    }
    if (crlm_lines_status(r) != CRLM_OK) {
        crlm_cli_error("%s: read error after line %ld: %s", source, last, strerror(errno));
        flush(b);
        return false;
    }
    return flush(b);
}

bool crlm_cli_batch_file_error(crlm_cli_batch *b, const char *source, const char *expected,
                               const char *found)
{
    crlm_errors_clear(&b->errs);
    crlm_errors_add(&b->errs, CRLM_E_IO, "", 0, 0, expected, found);
    error_record(b, source, 0);
    return flush(b);
}

void crlm_cli_batch_free(crlm_cli_batch *b)
{
    crlm_buf_free(&b->out);
    crlm_errors_free(&b->errs);
}
