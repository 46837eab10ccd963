/* `crlm batch [--profile FILE] FILE...|-`: JSON Lines in, JSON Lines out.
 *
 * Every input line is accounted for: a line holding a case gives one line out, a
 * crlm-report/1 object or a crlm-error/1 object naming the file and line (a line over the case
 * size limit, a NUL byte, bad JSON or an invalid case), so a bad line never stops the batch;
 * blank lines give none. An input that cannot be opened gives one crlm-error/1 record with
 * line 0 and the batch goes on. Streaming (batch.c, crlm/lines.h): memory stays at one line
 * and 64 KiB of records, whatever the number of cases; records are written in 64 KiB pieces,
 * so a stream is "never half-written" in this sense: it stops at the first failed write with a
 * message and exit 1, and what it wrote before is whole records. Exit 0, or 2 when any line
 * or input was invalid, 1 on an I/O failure. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/batch.h"
#include "cli/cli_args.h"
#include "cli/cli_output.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "crlm/case.h"

static const char usage[] = "usage: crlm batch [--profile FILE] FILE.jsonl...|-\n";

static bool write_stdout(void *ctx, crlm_buf *out)
{
    (void)ctx;
    bool ok = crlm_cli_write_stdout(out);
    crlm_buf_reset(out);
    return ok;
}

/* False on a failure that stops the batch. */
static bool run_file(crlm_cli_batch *b, const char *path)
{
    FILE *f = crlm_cli_open_input(path);
    if (!f) {
        return crlm_cli_batch_file_error(b, path, "a readable file of JSON Lines",
                                         strerror(errno));
    }
    crlm_lines *r = NULL;
    bool ok = crlm_lines_open_file(&r, f, CRLM_CASE_MAX_BYTES) == CRLM_OK;
    if (!ok)
        crlm_cli_error("crlm batch: out of memory");
    else
        ok = crlm_cli_batch_lines(b, r, path);
    crlm_lines_close(r);
    if (f != stdin)
        fclose(f);
    return ok;
}

int crlm_cmd_batch(int argc, char **argv)
{
    static const crlm_cli_opt opts[] = {{"--profile", true}, {NULL, false}};
    crlm_cli_args a = {.command = "batch", .usage = usage, .opts = opts, .argc = argc,
                       .argv = argv};
    const char **files = malloc(((size_t)argc + 1) * sizeof *files);
    if (!files) {
        crlm_cli_error("crlm batch: out of memory");
        return 1;
    }
    const char *profile_path = NULL, *name;
    char *value;
    size_t n = 0;
    crlm_cli_arg k;
    while ((k = crlm_cli_next(&a, &name, &value)) == CRLM_CLI_OPTION || k == CRLM_CLI_OPERAND) {
        if (k == CRLM_CLI_OPERAND)
            files[n++] = value;
        else
            profile_path = value;
    }
    int rc = k == CRLM_CLI_HELP ? 0 : 2;
    if (k == CRLM_CLI_END && n == 0)
        crlm_cli_usage_error(&a, "expected one or more JSON Lines files (- for standard input)");
    if (k != CRLM_CLI_END || n == 0) {
        free(files);
        return rc;
    }
    files[n] = profile_path; /* an input too (NULL is skipped) */
    crlm_cli_tx tx;
    rc = crlm_cli_tx_open(&tx, "batch", files, n + 1, NULL, 0);
    crlm_profile *profile = NULL;
    if (rc == 0)
        profile = crlm_cli_load_profile(profile_path, &rc);
    if (profile) {
        crlm_cli_batch b = {.profile = profile, .flush = write_stdout};
        bool ok = true;
        for (size_t i = 0; ok && i < n; i++)
            ok = run_file(&b, files[i]);
        rc = !ok ? 1 : b.any_invalid ? 2 : 0;
        crlm_cli_batch_free(&b);
    }
    crlm_profile_free(profile);
    crlm_cli_tx_end(&tx);
    free(files);
    return rc;
}
