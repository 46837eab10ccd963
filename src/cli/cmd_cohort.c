/* `crlm cohort`: the review's Table 1 row for a cohort CSV (docs/cohort.md).
 *
 * A thin client of crlm/survival.h (crlm_cohort_analyze and its renderers): parse options,
 * read the whole file (or stdin) into memory (the library reads it several times, once per
 * analysis; cohorts of resected patients are small), print text, crlm-cohort/1 JSON or the
 * Table 1 CSV in one piece, and write the SVG figures when asked. Exit 0 done, 2 invalid input
 * (every error on stderr as "FILE: line L: expected ..., found ..."), 1 failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "crlm/survival.h"

static void usage(FILE *out)
{
    fputs("usage: crlm cohort [--json | --csv] [--svg FILE] [--svg-dfs FILE]\n"
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
          "See docs/cohort.md.\n",
          out);
}

/* A cohort registry is small (thousands of rows); the limit only keeps a wrong file from
 * exhausting memory. */
#define MAX_COHORT_BYTES ((size_t)256 << 20)

#define MAX_COVARIATES 64

int crlm_cmd_cohort(int argc, char **argv)
{
    crlm_cohort_spec spec = {0};
    const char *covs[MAX_COVARIATES];
    enum { TEXT, JSON, CSV } format = TEXT;
    const char *file = NULL, *svg = NULL, *svg_dfs = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool v = i + 1 < argc;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--json") == 0) {
            format = JSON;
        } else if (strcmp(a, "--csv") == 0) {
            format = CSV;
        } else if (strcmp(a, "--svg") == 0 && v) {
            svg = argv[++i];
        } else if (strcmp(a, "--svg-dfs") == 0 && v) {
            svg_dfs = argv[++i];
        } else if (strcmp(a, "--group-col") == 0 && v) {
            spec.group_col = argv[++i];
        } else if (strcmp(a, "--r0-col") == 0 && v) {
            spec.r0_col = argv[++i];
        } else if (strcmp(a, "--os-time") == 0 && v) {
            spec.os_time_col = argv[++i];
        } else if (strcmp(a, "--os-status") == 0 && v) {
            spec.os_status_col = argv[++i];
        } else if (strcmp(a, "--dfs-time") == 0 && v) {
            spec.dfs_time_col = argv[++i];
        } else if (strcmp(a, "--dfs-status") == 0 && v) {
            spec.dfs_status_col = argv[++i];
        } else if (strcmp(a, "--covariates") == 0 && v) {
            spec.ncovariates = crlm_cli_split_list(argv[++i], covs, MAX_COVARIATES);
            spec.covariates = covs;
            if (!spec.ncovariates) {
                fprintf(stderr, "crlm cohort: --covariates needs A,B,C (at most %d)\n",
                        MAX_COVARIATES);
                return 2;
            }
        } else if (strcmp(a, "--time-unit") == 0 && v) {
            const char *u = argv[++i];
            if (strcmp(u, "months") == 0)
                spec.time_unit = CRLM_TIME_MONTHS;
            else if (strcmp(u, "days") == 0)
                spec.time_unit = CRLM_TIME_DAYS;
            else if (strcmp(u, "years") == 0)
                spec.time_unit = CRLM_TIME_YEARS;
            else {
                fprintf(stderr, "crlm cohort: --time-unit is months, days or years, not '%s'\n",
                        u);
                return 2;
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "crlm cohort: unknown option or missing value: %s\n", a);
            usage(stderr);
            return 2;
        } else if (!file) {
            file = a;
        } else {
            fprintf(stderr, "crlm cohort: one FILE only (got '%s' and '%s')\n", file, a);
            return 2;
        }
    }
    if (!file) {
        usage(stderr);
        return 2;
    }
    size_t len = 0;
    char *data = NULL;
    bool input_error = false;
    if (!crlm_cli_read_file(file, MAX_COHORT_BYTES, &data, &len, &input_error))
        return input_error ? 2 : 1;
    crlm_errors errs = {0};
    crlm_cohort_result *res = NULL;
    crlm_status st = crlm_cohort_analyze(data, len, &spec, NULL, &res, &errs);
    free(data);
    if (st != CRLM_OK) {
        crlm_cli_print_errors(stderr, file, &errs);
        crlm_errors_free(&errs);
        return (st == CRLM_E_NOMEM || st == CRLM_E_INTERNAL || st == CRLM_E_IO) ? 1 : 2;
    }
    crlm_errors_free(&errs);
    int rc = 0;
    crlm_buf out = {0};
    for (int k = 0; k < 2 && rc == 0; k++) {
        const char *path = k ? svg_dfs : svg;
        if (!path)
            continue;
        crlm_cohort_svg(res, k == 1, &out);
        rc = crlm_cli_write_file(path, &out) ? 0 : 1;
        crlm_buf_reset(&out);
    }
    if (rc == 0) {
        if (format == JSON)
            crlm_cohort_result_json(res, &out);
        else if (format == CSV)
            crlm_cohort_result_csv(res, &out);
        else
            crlm_cohort_result_text(res, &out);
        rc = crlm_cli_write_stdout(&out) ? 0 : 1;
    }
    crlm_buf_free(&out);
    crlm_cohort_result_free(res);
    return rc;
}
