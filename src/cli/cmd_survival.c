/* `crlm survival`: Kaplan-Meier, log-rank and Cox on a cohort CSV (spec/report-format.md).
 *
 * A thin client of crlm/survival.h: parse options, stream the file through the CSV reader,
 * analyse, print text or crlm-survival/1 JSON in one piece. Exit 0 done, 2 invalid input
 * (every error on stderr as "FILE: line L, column C: expected ..., found ..."), 1 failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "crlm/survival.h"

static void usage(FILE *out)
{
    fputs("usage: crlm survival --time COL --event COL[=VALUE] [--group COL] [--strata COL]\n"
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
          "in sorted order, named column=level. See docs/survival.md.\n",
          out);
}

#define MAX_COVARIATES 64
#define MAX_AT 64

int crlm_cmd_survival(int argc, char **argv)
{
    crlm_surv_spec spec = {0};
    crlm_surv_options opt = {0};
    const char *covs[MAX_COVARIATES];
    double at[MAX_AT];
    bool json = false;
    const char *file = NULL;
    char *event_arg = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--json") == 0) {
            json = true;
        } else if (strcmp(a, "--all") == 0) {
            opt.km_all = true;
        } else if (strcmp(a, "--time") == 0 && has_value) {
            spec.time_col = argv[++i];
        } else if (strcmp(a, "--event") == 0 && has_value) {
            event_arg = argv[++i];
        } else if (strcmp(a, "--group") == 0 && has_value) {
            spec.group_col = argv[++i];
        } else if (strcmp(a, "--strata") == 0 && has_value) {
            spec.strata_col = argv[++i];
        } else if (strcmp(a, "--covariates") == 0 && has_value) {
            spec.ncovariates = crlm_cli_split_list(argv[++i], covs, MAX_COVARIATES);
            spec.covariates = covs;
            if (!spec.ncovariates) {
                fprintf(stderr, "crlm survival: --covariates needs A,B,C (at most %d)\n",
                        MAX_COVARIATES);
                return 2;
            }
        } else if (strcmp(a, "--ties") == 0 && has_value) {
            const char *v = argv[++i];
            if (strcmp(v, "efron") == 0)
                opt.ties = CRLM_TIES_EFRON;
            else if (strcmp(v, "breslow") == 0)
                opt.ties = CRLM_TIES_BRESLOW;
            else {
                fprintf(stderr, "crlm survival: --ties is efron or breslow, not '%s'\n", v);
                return 2;
            }
        } else if (strcmp(a, "--conf-type") == 0 && has_value) {
            const char *v = argv[++i];
            if (strcmp(v, "log") == 0)
                opt.conf_type = CRLM_CONF_LOG;
            else if (strcmp(v, "plain") == 0)
                opt.conf_type = CRLM_CONF_PLAIN;
            else if (strcmp(v, "log-log") == 0)
                opt.conf_type = CRLM_CONF_LOGLOG;
            else {
                fprintf(stderr, "crlm survival: --conf-type is log, plain or log-log, not '%s'\n",
                        v);
                return 2;
            }
        } else if (strcmp(a, "--at") == 0 && has_value) {
            const char *items[MAX_AT];
            size_t k = crlm_cli_split_list(argv[++i], items, MAX_AT);
            if (!k) {
                fprintf(stderr, "crlm survival: --at needs T1,T2,... (at most %d)\n", MAX_AT);
                return 2;
            }
            for (size_t j = 0; j < k; j++)
                if (!crlm_csv_parse_double(items[j], strlen(items[j]), &at[j]) || at[j] < 0) {
                    fprintf(stderr, "crlm survival: --at: '%s' is not a time >= 0\n", items[j]);
                    return 2;
                }
            opt.at = at;
            opt.nat = k;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "crlm survival: unknown option or missing value: %s\n", a);
            usage(stderr);
            return 2;
        } else if (!file) {
            file = a;
        } else {
            fprintf(stderr, "crlm survival: one FILE only (got '%s' and '%s')\n", file, a);
            return 2;
        }
    }
    if (!file || !spec.time_col || !event_arg) {
        usage(stderr);
        return 2;
    }
    char *eq = strchr(event_arg, '=');
    if (eq) {
        *eq = '\0';
        spec.event_value = eq + 1;
    }
    spec.event_col = event_arg;

    FILE *fp = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
    if (!fp) {
        perror(file);
        return 2;
    }
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
        fprintf(stderr, "%s: expected at least one complete row, found none (%zu dropped for "
                        "missing values)\n",
                file, d->dropped_missing);
        crlm_surv_data_free(d);
        return 2;
    }
    if (st == CRLM_OK)
        st = crlm_surv_analyze(d, &opt, &res, &errs);
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
    int rc = 0;
    if (out.failed) {
        fprintf(stderr, "crlm survival: out of memory\n");
        rc = 1;
    } else if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
        rc = 1;
    }
    crlm_buf_free(&out);
    crlm_surv_result_free(res);
    crlm_surv_data_free(d);
    crlm_errors_free(&errs);
    return rc;
}
