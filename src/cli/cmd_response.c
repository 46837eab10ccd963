/* `crlm response`: response to chemotherapy outside a full assessment.
 *
 *   crlm response [--json|--text] [--svg FILE] [--profile FILE] CASE.json|-
 *       the `response` object of one case (JSON, default), or its lesion table (text); --svg
 *       also writes the case's spider plot.
 *   crlm response --csv FILE|- [--jsonl] [--sorted] [--svg FILE] [--profile FILE]
 *       a cohort from a lesion table (patient_id,date,lesion_id,organ,role,nodal,diameter_mm,
 *       status,baseline): per-patient time points and best response as CSV (default) or JSON
 *       Lines; --svg writes the cohort's waterfall plot.
 *
 * Exit 0 done, 2 invalid input (for a cohort: any patient with an error; each bad row on stderr
 * as `FILE: line N: expected ..., found ...`), 1 failure. A cohort streams: output is written
 * in 64 KiB pieces as patients are judged, so a cohort with bad patients still yields every
 * good patient's result. The --svg file is reserved before the first byte is streamed and
 * committed only when the whole stream was written (cli_output.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_args.h"
#include "cli/cli_output.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "crlm/case.h"
#include "crlm/case_read.h"
#include "crlm/csv.h"
#include "crlm/lesion_table.h"
#include "crlm/recist.h"

static const char usage[] =
    "usage: crlm response [--json|--text] [--svg FILE] [--profile FILE] CASE.json|-\n"
    "       crlm response --csv FILE|- [--jsonl] [--any-order] [--svg FILE] [--profile FILE]\n"
    "  --json          the report's response object for one case (default)\n"
    "  --text          the RECIST lesion table for one case\n"
    "  --csv FILE      a lesion table (one row per patient, study date and lesion)\n"
    "  --jsonl         cohort output as JSON Lines instead of CSV\n"
    "  --sorted        patient ids increase through the table (the default): memory stays\n"
    "                  bounded by one patient's rows, whatever the size of the table\n"
    "  --any-order     patients in any order (each one's rows still together); costs\n"
    "                  16 bytes per patient to catch a patient whose rows are split\n"
    "  --svg FILE      also write a spider plot (one case) or a waterfall plot (cohort)\n"
    "  --profile FILE  thresholds from FILE instead of the built-in default profile\n";

typedef struct cohort_ctx {
    const char *source;
    bool write_failed;
} cohort_ctx;

static bool flush_stdout(void *ctx, crlm_buf *out)
{
    cohort_ctx *c = ctx;
    if (out->len && fwrite(out->data, 1, out->len, stdout) != out->len) {
        crlm_cli_stdout_failed(errno);
        c->write_failed = true;
        return false;
    }
    crlm_buf_reset(out);
    return true;
}

static void print_row_error(void *ctx, const crlm_error *e)
{
    cohort_ctx *c = ctx;
    /* A row's error is named by its line (the pointer holds the patient id, the column is in
     * the message's own words). */
    crlm_error shown = *e;
    shown.pointer[0] = '\0';
    shown.column = 0;
    crlm_cli_print_error(stderr, c->source, &shown);
}

static int run_cohort(const char *path, bool jsonl, bool sorted, bool svg, crlm_cli_tx *tx,
                      const crlm_profile *p)
{
    FILE *in = crlm_cli_open_input(path);
    if (!in)
        return 2;
    static char iobuf[1 << 16];
    setvbuf(stdout, iobuf, _IOFBF, sizeof iobuf);
    cohort_ctx ctx = {path, false};
    crlm_errors errs = {0};
    crlm_csv_reader *csv = NULL;
    crlm_status st = crlm_csv_open_file(&csv, in, NULL, &errs);
    crlm_lesion_table_summary sum = {0};
    if (st == CRLM_OK) {
        crlm_lesion_table_options opt = {.jsonl = jsonl, .waterfall = svg,
                                         .sorted_ids = sorted, .flush = flush_stdout,
                                         .error = print_row_error, .ctx = &ctx};
        st = crlm_lesion_table_run(csv, p, &opt, &sum);
    } else {
        crlm_cli_print_errors(stderr, path, &errs);
    }
    crlm_csv_close(csv);
    crlm_errors_free(&errs);
    if (in != stdin)
        fclose(in);
    if (!ctx.write_failed && fflush(stdout) != 0) {
        crlm_cli_stdout_failed(errno);
        ctx.write_failed = true;
    }
    int rc = 0;
    if (st == CRLM_E_NOMEM) {
        crlm_cli_error("crlm response: out of memory");
        rc = 1;
    } else if (st == CRLM_E_IO || ctx.write_failed) {
        rc = 1;
    } else if (st != CRLM_OK || sum.patients_with_errors > 0) {
        rc = 2;
    }
    if (svg && rc != 1) {
        crlm_buf b = {0};
        crlm_waterfall_write_svg(sum.waterfall, sum.n_waterfall, "Best change from baseline", &b);
        if (!crlm_cli_tx_stage(tx, 0, &b) || !crlm_cli_tx_commit(tx, NULL))
            rc = 1;
        crlm_buf_free(&b);
    }
    crlm_lesion_table_summary_free(&sum);
    return rc;
}

static int run_case(const char *path, bool text, bool svg, crlm_cli_tx *tx,
                    const crlm_profile *p)
{
    int rc;
    crlm_case *c = crlm_cli_read_case(path, p, &rc);
    if (!c)
        return rc;
    crlm_response *r = NULL;
    if (crlm_response_compute(c, p, &r) != CRLM_OK) {
        crlm_cli_error("crlm response: out of memory");
        rc = 1;
    } else {
        crlm_buf out = {0}, b = {0};
        if (text) {
            crlm_response_write_text(r, c, &out);
        } else {
            crlm_response_write_json(r, &out);
            crlm_buf_putc(&out, '\n');
        }
        bool ok = true;
        if (svg) {
            crlm_response_write_spider_svg(r, c, &b);
            ok = crlm_cli_tx_stage(tx, 0, &b);
        }
        rc = ok && crlm_cli_tx_commit(tx, &out) ? 0 : 1;
        crlm_buf_free(&b);
        crlm_buf_free(&out);
    }
    crlm_response_free(r);
    crlm_case_free(c);
    return rc;
}

int crlm_cmd_response(int argc, char **argv)
{
    static const crlm_cli_opt opts[] = {
        {"--json", false},  {"--text", false}, {"--jsonl", false},  {"--sorted", false},
        {"--any-order", false}, {"--csv", true}, {"--svg", true}, {"--profile", true},
        {NULL, false}};
    crlm_cli_args a = {.command = "response", .usage = usage, .opts = opts, .argc = argc,
                       .argv = argv};
    const char *profile_path = NULL, *csv_path = NULL, *svg = NULL, *case_path = NULL;
    bool jsonl = false, text = false, sorted = true;
    const char *name;
    char *value;
    crlm_cli_arg k;
    while ((k = crlm_cli_next(&a, &name, &value)) == CRLM_CLI_OPTION || k == CRLM_CLI_OPERAND) {
        if (k == CRLM_CLI_OPERAND) {
            if (case_path)
                return crlm_cli_usage_error(&a, "one case at a time");
            case_path = value;
        } else if (strcmp(name, "--json") == 0) {
            text = false;
        } else if (strcmp(name, "--text") == 0) {
            text = true;
        } else if (strcmp(name, "--jsonl") == 0) {
            jsonl = true;
        } else if (strcmp(name, "--sorted") == 0) {
            sorted = true;
        } else if (strcmp(name, "--any-order") == 0) {
            sorted = false;
        } else if (strcmp(name, "--csv") == 0) {
            csv_path = value;
        } else if (strcmp(name, "--svg") == 0) {
            svg = value;
        } else {
            profile_path = value;
        }
    }
    if (k != CRLM_CLI_END)
        return k == CRLM_CLI_HELP ? 0 : 2;
    if (csv_path && case_path)
        return crlm_cli_usage_error(&a, "a case or --csv, not both");
    if (!csv_path && !case_path)
        return crlm_cli_usage_error(&a, "expected a case file or --csv FILE");
    const char *inputs[] = {csv_path ? csv_path : case_path, profile_path};
    crlm_cli_tx tx;
    int rc = crlm_cli_tx_open(&tx, "response", inputs, 2, &svg, 1);
    if (rc == 0) {
        crlm_profile *p = crlm_cli_load_profile(profile_path, &rc);
        if (p)
            rc = csv_path ? run_cohort(csv_path, jsonl, sorted, svg != NULL, &tx, p)
                          : run_case(case_path, text, svg != NULL, &tx, p);
        crlm_profile_free(p);
    }
    crlm_cli_tx_end(&tx);
    return rc;
}
