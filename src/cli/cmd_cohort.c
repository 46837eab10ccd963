/* `crlm cohort`: the review's Table 1 row for a cohort CSV (docs/cohort.md).
 *
 * A thin client of crlm/survival.h (crlm_cohort_analyze and its renderers): parse options,
 * read the whole file (or stdin) into memory (the library reads it several times, once per
 * analysis; cohorts of resected patients are small), print text, crlm-cohort/1 JSON or the
 * Table 1 CSV in one piece, and write the SVG figures when asked: all of them or none
 * (cli_output.h). Exit 0 done, 2 invalid input (every error on stderr as
 * "FILE: line L: expected ..., found ..."), 1 failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_args.h"
#include "cli/cli_output.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "crlm/survival.h"

static const char usage[] =
    "usage: crlm cohort [--json | --csv] [--svg FILE] [--svg-dfs FILE]\n"
    "                   [--time-unit months|days|years] [--covariates A,B,C]\n"
    "                   [--group-col C] [--r0-col C] [--os-time C] [--os-status C]\n"
    "                   [--dfs-time C] [--dfs-status C] FILE.csv|-\n"
    "\n"
    "The review's Table 1 row for a cohort of resected patients: N, R0 %, the response\n"
    "distribution, median OS and 1-, 3-, 5-year OS and DFS per group with 95% intervals,\n"
    "the log-rank p across groups, and the Cox hazard ratio of progression vs response\n"
    "on OS adjusted for --covariates. Statistics as R's survival package.\n"
    "\n"
    "Columns (one row per resected patient; empty or NA = missing):\n"
    "  response_group  response, stable or progression   (--group-col)\n"
    "  r0              1/0, true/false or yes/no         (--r0-col)\n"
    "  os_time         time to death or last follow-up   (--os-time)\n"
    "  os_status       1 death, 0 censored               (--os-status)\n"
    "  dfs_time        time to recurrence/death or last follow-up (--dfs-time)\n"
    "  dfs_status      1 recurrence or death, 0 censored (--dfs-status)\n"
    "Times are in --time-unit (default months; 1/3/5 years = 12/36/60 months,\n"
    "365.25/1095.75/1826.25 days or 1/3/5 years). --covariates: numeric columns, or\n"
    "factors (treatment contrasts against the first level in sorted order).\n"
    "A row missing a value is dropped from the analyses that use it (OS, DFS and Cox\n"
    "counted separately).\n"
    "  --json          crlm-cohort/1 document      --csv   Table 1 rows (R, S, P)\n"
    "  --svg FILE      Kaplan-Meier figure of OS   --svg-dfs FILE   the same for DFS\n"
    "See docs/cohort.md.\n";

/* A cohort registry is small (thousands of rows); the limit only keeps a wrong file from
 * exhausting memory. */
#define MAX_COHORT_BYTES ((size_t)256 << 20)

#define MAX_COVARIATES 64

enum { TEXT, JSON, CSV };

/* Analyses and writes every output; returns the exit status. */
static int run(const char *file, const crlm_cohort_spec *spec, int format, const char *svg,
               const char *svg_dfs, crlm_cli_tx *tx)
{
    size_t len = 0;
    char *data = NULL;
    bool input_error = false;
    if (!crlm_cli_read_file(file, MAX_COHORT_BYTES, &data, &len, &input_error))
        return input_error ? 2 : 1;
    crlm_errors errs = {0};
    crlm_cohort_result *res = NULL;
    crlm_status st = crlm_cohort_analyze(data, len, spec, NULL, &res, &errs);
    free(data);
    if (st != CRLM_OK) {
        crlm_cli_print_errors(stderr, file, &errs);
        crlm_errors_free(&errs);
        return (st == CRLM_E_NOMEM || st == CRLM_E_INTERNAL || st == CRLM_E_IO) ? 1 : 2;
    }
    crlm_errors_free(&errs);
    bool ok = true;
    crlm_buf out = {0};
    /* The outputs were registered in this order, absent ones skipped. */
    size_t slot = 0;
    for (int k = 0; k < 2 && ok; k++) {
        if (!(k ? svg_dfs : svg))
            continue;
        crlm_cohort_svg(res, k == 1, &out);
        ok = crlm_cli_tx_stage(tx, slot++, &out);
        crlm_buf_reset(&out);
    }
    if (ok) {
        if (format == JSON)
            crlm_cohort_result_json(res, &out);
        else if (format == CSV)
            crlm_cohort_result_csv(res, &out);
        else
            crlm_cohort_result_text(res, &out);
        ok = crlm_cli_tx_commit(tx, &out);
    }
    crlm_buf_free(&out);
    crlm_cohort_result_free(res);
    return ok ? 0 : 1;
}

int crlm_cmd_cohort(int argc, char **argv)
{
    static const crlm_cli_opt opts[] = {
        {"--json", false},      {"--csv", false},        {"--svg", true},
        {"--svg-dfs", true},    {"--group-col", true},   {"--r0-col", true},
        {"--os-time", true},    {"--os-status", true},   {"--dfs-time", true},
        {"--dfs-status", true}, {"--covariates", true},  {"--time-unit", true},
        {NULL, false}};
    crlm_cli_args a = {.command = "cohort", .usage = usage, .opts = opts, .argc = argc,
                       .argv = argv};
    crlm_cohort_spec spec = {0};
    const char *covs[MAX_COVARIATES];
    int format = TEXT;
    const char *file = NULL, *svg = NULL, *svg_dfs = NULL, *name;
    char *v;
    crlm_cli_arg k;
    while ((k = crlm_cli_next(&a, &name, &v)) == CRLM_CLI_OPTION || k == CRLM_CLI_OPERAND) {
        if (k == CRLM_CLI_OPERAND) {
            if (file)
                return crlm_cli_usage_error(&a, "one FILE only (got '%s' and '%s')", file, v);
            file = v;
        } else if (strcmp(name, "--json") == 0) {
            format = JSON;
        } else if (strcmp(name, "--csv") == 0) {
            format = CSV;
        } else if (strcmp(name, "--svg") == 0) {
            svg = v;
        } else if (strcmp(name, "--svg-dfs") == 0) {
            svg_dfs = v;
        } else if (strcmp(name, "--group-col") == 0) {
            spec.group_col = v;
        } else if (strcmp(name, "--r0-col") == 0) {
            spec.r0_col = v;
        } else if (strcmp(name, "--os-time") == 0) {
            spec.os_time_col = v;
        } else if (strcmp(name, "--os-status") == 0) {
            spec.os_status_col = v;
        } else if (strcmp(name, "--dfs-time") == 0) {
            spec.dfs_time_col = v;
        } else if (strcmp(name, "--dfs-status") == 0) {
            spec.dfs_status_col = v;
        } else if (strcmp(name, "--covariates") == 0) {
            if (crlm_cli_list_value(&a, name, v, covs, MAX_COVARIATES, &spec.ncovariates))
                return 2;
            spec.covariates = covs;
        } else {
            if (strcmp(v, "months") == 0)
                spec.time_unit = CRLM_TIME_MONTHS;
            else if (strcmp(v, "days") == 0)
                spec.time_unit = CRLM_TIME_DAYS;
            else if (strcmp(v, "years") == 0)
                spec.time_unit = CRLM_TIME_YEARS;
            else
                return crlm_cli_usage_error(&a, "--time-unit is months, days or years, not '%s'",
                                            v);
        }
    }
    if (k != CRLM_CLI_END)
        return k == CRLM_CLI_HELP ? 0 : 2;
    if (!file)
        return crlm_cli_usage_error(&a, "expected a cohort FILE (- for standard input)");
    const char *outputs[] = {svg, svg_dfs};
    crlm_cli_tx tx;
    int rc = crlm_cli_tx_open(&tx, "cohort", &file, 1, outputs, 2);
    if (rc == 0)
        rc = run(file, &spec, format, svg, svg_dfs, &tx);
    crlm_cli_tx_end(&tx);
    return rc;
}
