/* `crlm batch [--profile FILE] FILE...|-`: JSON Lines in, JSON Lines out.
 *
 * One case per input line gives one line out: a crlm-report/1 object, or a crlm-error/1
 * object naming the file and line, so a bad line never stops the batch. Streaming: a line is
 * read into a fixed buffer of at most the case size limit (longer lines are skipped to their
 * end and reported), so memory does not grow with the number of cases. Blank lines are
 * skipped. Exit 0, or 2 when any line was invalid, 1 on an I/O failure.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "crlm/case.h"
#include "crlm/case_read.h"
#include "crlm/report.h"

typedef struct batch {
    const crlm_profile *profile;
    crlm_buf out;
    crlm_errors errs;
    char *line;         /* CRLM_CASE_MAX_BYTES + 2 bytes, reused for every line */
    bool any_invalid;
} batch;

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

static void one_line(batch *b, const char *source, long lineno, const char *text, size_t len)
{
    crlm_case *c = NULL;
    crlm_errors_clear(&b->errs);
    crlm_status st = crlm_case_read(text, len, b->profile, &c, &b->errs);
    if (st == CRLM_OK) {
        crlm_report *r = NULL;
        if (crlm_assess(c, b->profile, &r) == CRLM_OK)
            crlm_report_write_json(r, &b->out);
        else
            b->out.failed = true;
        crlm_report_free(r);
    } else {
        if (b->errs.count == 0)
            crlm_errors_add(&b->errs, st, "", 0, 0, "a case", crlm_status_message(st));
        crlm_errors_write_json(&b->errs, source, lineno, &b->out);
        b->any_invalid = true;
    }
    crlm_buf_putc(&b->out, '\n');
    crlm_case_free(c);
}

static bool flush(batch *b)
{
    bool ok = crlm_cli_write_stdout(&b->out);
    crlm_buf_reset(&b->out);
    return ok;
}

static bool run_file(batch *b, const char *path)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        perror(path);
        return false;
    }
    const size_t cap = CRLM_CASE_MAX_BYTES + 2;
    long lineno = 0;
    bool ok = true;
    while (ok && fgets(b->line, (int)cap, f)) {
        lineno++;
        size_t len = strlen(b->line);
        if (len == cap - 1 && b->line[len - 1] != '\n') {
            /* Over the limit: drop the rest of the line, report it, go on. */
            int ch;
            while ((ch = fgetc(f)) != EOF && ch != '\n')
                ;
            crlm_errors_clear(&b->errs);
            char exp[64];
            snprintf(exp, sizeof exp, "a case of at most %u bytes", CRLM_CASE_MAX_BYTES);
            crlm_errors_add(&b->errs, CRLM_E_LIMIT, "", 0, 0, exp, "a longer line");
            crlm_errors_write_json(&b->errs, path, lineno, &b->out);
            crlm_buf_putc(&b->out, '\n');
            b->any_invalid = true;
        } else if (!blank(b->line, len)) {
            one_line(b, path, lineno, b->line, len);
        }
        if (b->out.len > (1u << 16) || b->out.failed)
            ok = flush(b);
    }
    if (ferror(f)) {
        perror(path);
        ok = false;
    }
    if (!is_stdin)
        fclose(f);
    return ok && flush(b);
}

int crlm_cmd_batch(int argc, char **argv)
{
    const char *profile_path = NULL;
    int first_file = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
            profile_path = argv[++i];
        } else if (strcmp(argv[i], "--help") == 0) {
            puts("usage: crlm batch [--profile FILE] FILE.jsonl...|-");
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "crlm batch: unknown option '%s'\n", argv[i]);
            return 2;
        } else {
            first_file = i;
            break;
        }
    }
    if (!first_file) {
        fputs("usage: crlm batch [--profile FILE] FILE.jsonl...|-\n", stderr);
        return 2;
    }
    int status;
    crlm_profile *profile = crlm_cli_load_profile(profile_path, &status);
    if (!profile)
        return status;
    batch b = {.profile = profile, .line = malloc(CRLM_CASE_MAX_BYTES + 2)};
    bool ok = b.line != NULL;
    for (int i = first_file; ok && i < argc; i++)
        ok = run_file(&b, argv[i]);
    free(b.line);
    crlm_buf_free(&b.out);
    crlm_errors_free(&b.errs);
    crlm_profile_free(profile);
    if (!ok)
        return 1;
    return b.any_invalid ? 2 : 0;
}
