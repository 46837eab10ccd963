/* `crlm survival`: Kaplan-Meier, log-rank and Cox on a cohort CSV (spec/report-format.md).
 *
 * A thin client of crlm/survival.h: parse options, stream the file through the CSV reader,
 * analyse, print text or crlm-survival/1 JSON in one piece. Exit 0 done, 2 invalid input
 * (every error on stderr as "FILE: line L, column C: expected ..., found ..."), 1 failure.
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
    "usage: crlm survival --time COL --event COL[=VALUE] [--group COL] [--strata COL]\n"
    "                     [--covariates A,B,C] [--ties efron|breslow]\n"
    "                     [--conf-type log|plain|log-log] [--at T1,T2,...] [--all]\n"
    "                     [--json] FILE.csv|-\n"
    "\n"
    "Kaplan-Meier curves (per --group level; --all adds the pooled curve), the log-rank\n"
    "test across groups (stratified by --strata), and a Cox model on --covariates\n"
    "(Efron ties by default, as R). Conventions follow R's survival package.\n"
    "  --event COL        0/1 (1 = event), or 1/2 (2 = event) as R's Surv reads it\n"
    "  --event COL=VALUE  event when the column equals VALUE, censored otherwise\n"
    "  --at T1,T2         survival at these times (same unit as the time column)\n"
    "Rows with an empty or NA value in a used column are dropped and counted.\n"
    "Non-numeric covariates are factors: treatment contrasts against the first level\n"
    "in sorted order, named column=level. See docs/survival.md.\n";

#define MAX_COVARIATES 64
#define MAX_AT 64

/* Reads, analyses and prints; returns the exit status. */
static int run(const char *file, crlm_surv_spec spec, const crlm_surv_options *opt, bool json,
               crlm_cli_tx *tx)
{
    FILE *fp = crlm_cli_open_input(file);
    if (!fp)
        return 2;
    if (fp != stdin && fseek(fp, 0, SEEK_END) == 0) {
        long size = ftell(fp);
        if (size > 0)
            spec.size_hint_bytes = (size_t)size;
        rewind(fp);
        /* The columns and the analysis's arrays take about 8 bytes of memory per byte of a
         * typical cohort CSV (137 MiB for a 22.6 MB file of 10^6 rows with 4 covariates). */
        if (size > 0)
            crlm_cli_prepare_heap((size_t)size * 8);
    }
    crlm_errors errs = {0};
    crlm_csv_reader *r = NULL;
    crlm_surv_data *d = NULL;
    crlm_surv_result *res = NULL;
    crlm_status st = crlm_csv_open_file(&r, fp, NULL, &errs);
    if (st == CRLM_OK)
        st = crlm_surv_data_read(r, &spec, &d, &errs);
    crlm_csv_close(r);
    if (fp != stdin)
        fclose(fp);
    if (st == CRLM_OK && d->n == 0) {
        crlm_cli_error("%s: expected at least one complete row, found none (%zu dropped for "
                       "missing values)",
                       file, d->dropped_missing);
        crlm_surv_data_free(d);
        crlm_errors_free(&errs);
        return 2;
    }
    if (st == CRLM_OK)
        st = crlm_surv_analyze(d, opt, &res, &errs);
    if (st != CRLM_OK) {
        crlm_cli_print_errors(stderr, file, &errs);
        crlm_errors_free(&errs);
        crlm_surv_data_free(d);
        return (st == CRLM_E_NOMEM || st == CRLM_E_INTERNAL || st == CRLM_E_IO) ? 1 : 2;
    }
    crlm_buf out = {0};
    if (json)
        crlm_surv_result_json(res, &out);
    else
        crlm_surv_result_text(res, d, &out);
    int rc = crlm_cli_tx_commit(tx, &out) ? 0 : 1;
    crlm_buf_free(&out);
    crlm_surv_result_free(res);
    crlm_surv_data_free(d);
    crlm_errors_free(&errs);
    return rc;
}

int crlm_cmd_survival(int argc, char **argv)
{
    static const crlm_cli_opt opts[] = {
        {"--json", false},      {"--all", false},   {"--time", true},
        {"--event", true},      {"--group", true},  {"--strata", true},
        {"--covariates", true}, {"--ties", true},   {"--conf-type", true},
        {"--at", true},         {NULL, false}};
    crlm_cli_args a = {.command = "survival", .usage = usage, .opts = opts, .argc = argc,
                       .argv = argv};
    crlm_surv_spec spec = {0};
    crlm_surv_options opt = {0};
    const char *covs[MAX_COVARIATES];
    double at[MAX_AT];
    bool json = false;
    const char *file = NULL, *name;
    char *value;
    char *event_arg = NULL;
    crlm_cli_arg k;
    while ((k = crlm_cli_next(&a, &name, &value)) == CRLM_CLI_OPTION || k == CRLM_CLI_OPERAND) {
        char *v = value; /* an argv string: --covariates and --at split it in place */
        if (k == CRLM_CLI_OPERAND) {
            if (file)
                return crlm_cli_usage_error(&a, "one FILE only (got '%s' and '%s')", file, v);
            file = v;
        } else if (strcmp(name, "--json") == 0) {
            json = true;
        } else if (strcmp(name, "--all") == 0) {
            opt.km_all = true;
        } else if (strcmp(name, "--time") == 0) {
            spec.time_col = v;
        } else if (strcmp(name, "--event") == 0) {
            event_arg = v;
        } else if (strcmp(name, "--group") == 0) {
            spec.group_col = v;
        } else if (strcmp(name, "--strata") == 0) {
            spec.strata_col = v;
        } else if (strcmp(name, "--covariates") == 0) {
            if (crlm_cli_list_value(&a, name, v, covs, MAX_COVARIATES, &spec.ncovariates))
                return 2;
            spec.covariates = covs;
        } else if (strcmp(name, "--ties") == 0) {
            if (strcmp(v, "efron") == 0)
                opt.ties = CRLM_TIES_EFRON;
            else if (strcmp(v, "breslow") == 0)
                opt.ties = CRLM_TIES_BRESLOW;
            else
                return crlm_cli_usage_error(&a, "--ties is efron or breslow, not '%s'", v);
        } else if (strcmp(name, "--conf-type") == 0) {
            if (strcmp(v, "log") == 0)
                opt.conf_type = CRLM_CONF_LOG;
            else if (strcmp(v, "plain") == 0)
                opt.conf_type = CRLM_CONF_PLAIN;
            else if (strcmp(v, "log-log") == 0)
                opt.conf_type = CRLM_CONF_LOGLOG;
            else
                return crlm_cli_usage_error(&a, "--conf-type is log, plain or log-log, not '%s'",
                                            v);
        } else {
            const char *items[MAX_AT];
            size_t n;
            if (crlm_cli_list_value(&a, name, v, items, MAX_AT, &n))
                return 2;
            for (size_t j = 0; j < n; j++)
                if (!crlm_csv_parse_double(items[j], strlen(items[j]), &at[j]) || at[j] < 0)
                    return crlm_cli_usage_error(&a, "--at: '%s' is not a time >= 0", items[j]);
            opt.at = at;
            opt.nat = n;
        }
    }
    if (k != CRLM_CLI_END)
        return k == CRLM_CLI_HELP ? 0 : 2;
    if (!file || !spec.time_col || !event_arg)
        return crlm_cli_usage_error(&a, "expected --time COL, --event COL and a FILE");
    char *eq = strchr(event_arg, '=');
    if (eq) {
        *eq = '\0';
        spec.event_value = eq + 1;
    }
    spec.event_col = event_arg;
    crlm_cli_tx tx;
    int rc = crlm_cli_tx_open(&tx, "survival", &file, 1, NULL, 0);
    if (rc == 0)
        rc = run(file, spec, &opt, json, &tx);
    crlm_cli_tx_end(&tx);
    return rc;
}
