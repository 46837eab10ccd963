/* `crlm assess [--json|--text] [--profile FILE] CASE|-`: one report.
 * Exit 0 done, 2 invalid input (every error on stderr, nothing on stdout), 1 failure. The
 * report and the spider plot are rendered in memory and committed together (cli_output.h), so
 * stdout never holds half a report and no plot is left without its report. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_args.h"
#include "cli/cli_output.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "crlm/case.h"
#include "crlm/case_read.h"
#include "crlm/report.h"
#include "crlm/whatif.h"

static const char usage[] =
    "usage: crlm assess [--json|--text|--html] [--profile FILE] [--svg FILE] CASE.json|-\n"
    "  --text          a one-screen summary (default)\n"
    "  --json          the crlm-report/1 JSON object\n"
    "  --html          one self-contained printable HTML page\n"
    "  --svg FILE      also write the spider plot of the response to FILE\n"
    "  --set P=V       what if: assess with the case's JSON pointer P set to V (repeatable;\n"
    "                  V is JSON, or a bare word taken as a string; null makes a value unknown)\n"
    "  --profile FILE  thresholds from FILE instead of the built-in default profile\n";

enum format { TEXT, JSON, HTML };

typedef struct assess_args {
    const char *profile_path, *case_path, *svg_path;
    const char *sets[CRLM_WHATIF_MAX];
    size_t n_sets;
    enum format format;
} assess_args;

/* Renders the report (and the spider plot when asked) and commits them together. */
static int render(const assess_args *o, crlm_cli_tx *tx, crlm_report *r)
{
    crlm_buf out = {0}, svg = {0};
    if (o->format == JSON) {
        crlm_report_write_json(r, &out);
        crlm_buf_putc(&out, '\n');
    } else if (o->format == HTML) {
        crlm_report_write_html(r, &out);
    } else {
        crlm_report_write_text(r, &out);
    }
    bool ok = true;
    if (o->svg_path) {
        crlm_report_write_spider_svg(r, &svg);
        ok = crlm_cli_tx_stage(tx, 0, &svg);
    }
    ok = ok && crlm_cli_tx_commit(tx, &out);
    crlm_buf_free(&svg);
    crlm_buf_free(&out);
    return ok ? 0 : 1;
}

static int run(const assess_args *o, crlm_cli_tx *tx)
{
    int status;
    crlm_profile *profile = crlm_cli_load_profile(o->profile_path, &status);
    if (!profile)
        return status;
    char *text;
    size_t len;
    bool input_error;
    if (!crlm_cli_read_file(o->case_path, CRLM_CASE_MAX_BYTES, &text, &len, &input_error)) {
        crlm_profile_free(profile);
        return input_error ? 2 : 1;
    }
    crlm_errors errs = {0};
    crlm_case *c = NULL, *original = NULL;
    crlm_what_if what_if;
    crlm_status st = o->n_sets ? crlm_case_read_what_if(text, len, o->sets, o->n_sets, profile,
                                                        &original, &c, &what_if, &errs)
                               : crlm_case_read(text, len, profile, &c, &errs);
    free(text);
    int rc = 0;
    if (st != CRLM_OK) {
        crlm_cli_print_errors(stderr, st == CRLM_E_ARGUMENT ? "--set" : o->case_path, &errs);
        rc = st == CRLM_E_NOMEM ? 1 : 2;
    } else {
        crlm_report *r = NULL, *before = NULL;
        if (crlm_assess(c, profile, &r) != CRLM_OK ||
            (original && crlm_assess(original, profile, &before) != CRLM_OK)) {
            crlm_cli_error("crlm assess: out of memory");
            rc = 1;
        } else {
            if (before)
                crlm_report_set_what_if(r, before, &what_if);
            rc = render(o, tx, r);
        }
        crlm_report_free(r);
        crlm_report_free(before);
    }
    crlm_case_free(original);
    crlm_case_free(c);
    crlm_errors_free(&errs);
    crlm_profile_free(profile);
    return rc;
}

int crlm_cmd_assess(int argc, char **argv)
{
    static const crlm_cli_opt opts[] = {{"--json", false}, {"--text", false}, {"--html", false},
                                        {"--svg", true},   {"--set", true},   {"--profile", true},
                                        {NULL, false}};
    crlm_cli_args a = {.command = "assess", .usage = usage, .opts = opts, .argc = argc,
                       .argv = argv};
    assess_args o = {.format = TEXT};
    const char *name;
    char *value;
    crlm_cli_arg k;
    while ((k = crlm_cli_next(&a, &name, &value)) == CRLM_CLI_OPTION || k == CRLM_CLI_OPERAND) {
        if (k == CRLM_CLI_OPERAND) {
            if (o.case_path)
                return crlm_cli_usage_error(&a, "one case at a time (use crlm batch for many)");
            o.case_path = value;
        } else if (strcmp(name, "--json") == 0) {
            o.format = JSON;
        } else if (strcmp(name, "--text") == 0) {
            o.format = TEXT;
        } else if (strcmp(name, "--html") == 0) {
            o.format = HTML;
        } else if (strcmp(name, "--svg") == 0) {
            o.svg_path = value;
        } else if (strcmp(name, "--set") == 0) {
            if (o.n_sets == CRLM_WHATIF_MAX)
                return crlm_cli_usage_error(&a, "at most %d --set changes", CRLM_WHATIF_MAX);
            o.sets[o.n_sets++] = value;
        } else {
            o.profile_path = value;
        }
    }
    if (k != CRLM_CLI_END)
        return k == CRLM_CLI_HELP ? 0 : 2;
    if (!o.case_path)
        return crlm_cli_usage_error(&a, "expected a case file (- for standard input)");
    const char *inputs[] = {o.case_path, o.profile_path};
    crlm_cli_tx tx;
    int rc = crlm_cli_tx_open(&tx, "assess", inputs, 2, &o.svg_path, 1);
    if (rc == 0)
        rc = run(&o, &tx);
    crlm_cli_tx_end(&tx);
    return rc;
}
