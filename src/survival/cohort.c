/* `crlm cohort`: the review's Table 1 row for one cohort of resected patients.
 *
 * Why it exists: the review's Table 1 gives, per study, N, the R0 rate, the distribution of
 * response to preoperative chemotherapy (response / stable / progression) and survival per
 * group. Given a centre's own cohort CSV (one row per resected patient), this computes the
 * same row, with the log-rank test across groups and a Cox hazard ratio of progression versus
 * response, so a centre can set its results beside the published ones.
 *
 * Choices:
 * - No statistics here. One validating pass over the CSV counts N, R0 and the groups and
 *   checks every value the analyses use (so errors name line and column, and a group outside
 *   response/stable/progression or a status other than 0/1 is refused rather than turned into
 *   a level); then crlm_surv_data_read reads the end points (OS, DFS, and OS with the
 *   covariates for Cox), crlm_surv_analyze gives Kaplan-Meier per group and the log-rank
 *   test, crlm_cox_fit the Cox model. Each read drops and counts its own incomplete rows, so
 *   a missing DFS never removes a patient from the OS analysis, and a missing covariate only
 *   removes the patient from the Cox model (its n says so).
 * - The Cox design is built here because the group factor needs `response` as its reference
 *   (R: relevel(factor(g), ref = "response")), not the first level in sorted order that
 *   crlm survival uses: treatment contrasts response_group=progression, response_group=stable
 *   (R's level order after relevel), then the covariates as crlm_surv_data_read expanded them.
 * - The CSV is held in memory (cohorts of resected patients are hundreds to thousands of rows)
 *   and read by several streaming readers; nothing is kept per row beyond the analyses' own
 *   arrays.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/survival.h"
#include "survival/surv_internal.h"

#define MAX_VALUE_ERRORS 20

static const char *const group_names[CRLM_COHORT_NGROUPS] = {"response", "stable", "progression"};

enum { COL_GROUP, COL_R0, COL_OS_TIME, COL_OS_STATUS, COL_DFS_TIME, COL_DFS_STATUS, NCOLS };

static int group_index(const char *s, size_t len)
{
    for (int g = 0; g < CRLM_COHORT_NGROUPS; g++)
        if (strlen(group_names[g]) == len && memcmp(group_names[g], s, len) == 0)
            return g;
    return -1;
}

static bool field_is(const crlm_csv_field *f, const char *s)
{
    size_t n = strlen(s);
    if (f->len != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = f->ptr[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != s[i])
            return false;
    }
    return true;
}

/* 1 yes, 0 no, -1 not an R0 value */
static int parse_r0(const crlm_csv_field *f)
{
    if (field_is(f, "1") || field_is(f, "true") || field_is(f, "yes"))
        return 1;
    if (field_is(f, "0") || field_is(f, "false") || field_is(f, "no"))
        return 0;
    return -1;
}

typedef struct pass_state {
    crlm_errors *errors;
    size_t nerrors;
    const char *const *names;
} pass_state;

static void value_error(pass_state *ps, long line, size_t csv_index, const char *name,
                        const char *expected, const crlm_csv_field *f)
{
    char found[80], exp[160];
    crlm_csv_field_show(f, found, sizeof found);
    snprintf(exp, sizeof exp, "%s in column \"%s\"", expected, name);
    crlm_errors_add(ps->errors, CRLM_E_TYPE, "", line, (long)csv_index + 1, exp, found);
    ps->nerrors++;
}

/* The validating pass: N, R0, group counts; every used value checked. */
static crlm_status count_and_check(const char *data, size_t len, const char *const names[NCOLS],
                                   crlm_cohort_result *r, crlm_errors *errors)
{
    crlm_csv_reader *rd = NULL;
    crlm_status st = crlm_csv_open_memory(&rd, data, len, NULL, errors);
    if (st != CRLM_OK)
        return st;
    crlm_csv_record rec;
    st = crlm_csv_next(rd, &rec, errors);
    if (st == CRLM_OK && rec.count == 0) {
        crlm_errors_add(errors, CRLM_E_MISSING, "", 1, 0, "a header row", "an empty file");
        st = CRLM_E_MISSING;
    }
    size_t idx[NCOLS] = {0}, ncsv = rec.count;
    for (int c = 0; c < NCOLS && st != CRLM_E_MISSING && st == CRLM_OK; c++) {
        bool found = false;
        for (size_t i = 0; i < ncsv && !found; i++)
            if (rec.fields[i].len == strlen(names[c]) &&
                memcmp(rec.fields[i].ptr, names[c], rec.fields[i].len) == 0) {
                idx[c] = i;
                found = true;
            }
        if (!found) {
            char exp[200];
            snprintf(exp, sizeof exp, "a column named \"%s\" in the header", names[c]);
            crlm_errors_add(errors, CRLM_E_MISSING, "", rec.line, 0, exp, "no such column");
        }
    }
    if (st == CRLM_OK && errors && errors->count > 0)
        st = CRLM_E_MISSING;
    pass_state ps = {.errors = errors, .names = names};
    size_t counts[CRLM_COHORT_NGROUPS] = {0};
    while (st == CRLM_OK) {
        st = crlm_csv_next(rd, &rec, errors);
        if (st != CRLM_OK || rec.count == 0)
            break;
        if (rec.count != ncsv) {
            char exp[64], found[64];
            snprintf(exp, sizeof exp, "%zu fields as in the header", ncsv);
            snprintf(found, sizeof found, "%zu fields", rec.count);
            crlm_errors_add(errors, CRLM_E_SYNTAX, "", rec.line,
                            (long)(rec.count < ncsv ? rec.count : ncsv + 1), exp, found);
            st = CRLM_E_SYNTAX;
            break;
        }
        r->n++;
        for (int c = 0; c < NCOLS; c++) {
            const crlm_csv_field *f = &rec.fields[idx[c]];
            if (crlm_csv_is_missing(f))
                continue;
            double v;
            switch (c) {
            case COL_GROUP: {
                int g = group_index(f->ptr, f->len);
                if (g < 0)
                    value_error(&ps, rec.line, idx[c], names[c],
                                "response, stable or progression (or empty/NA)", f);
                else
                    counts[g]++;
                break;
            }
            case COL_R0: {
                int y = parse_r0(f);
                if (y < 0) {
                    value_error(&ps, rec.line, idx[c], names[c],
                                "1/0, true/false or yes/no (or empty/NA)", f);
                } else {
                    r->n_r0_known++;
                    r->n_r0 += (size_t)y;
                }
                break;
            }
            case COL_OS_TIME:
            case COL_DFS_TIME:
                if (!crlm_csv_parse_double(f->ptr, f->len, &v) || v < 0)
                    value_error(&ps, rec.line, idx[c], names[c], "a time >= 0 (or empty/NA)",
                                f);
                break;
            default:
                if (!crlm_csv_parse_double(f->ptr, f->len, &v) || (v != 0 && v != 1))
                    value_error(&ps, rec.line, idx[c], names[c],
                                "1 (event) or 0 (censored) (or empty/NA)", f);
                break;
            }
        }
        if (ps.nerrors >= MAX_VALUE_ERRORS)
            break;
    }
    crlm_csv_close(rd);
    if (st == CRLM_OK && ps.nerrors > 0)
        st = CRLM_E_TYPE;
    if (st != CRLM_OK)
        return st;
    for (int g = 0; g < CRLM_COHORT_NGROUPS; g++) {
        r->groups[g].n = counts[g];
        r->n_group_known += counts[g];
    }
    for (int g = 0; g < CRLM_COHORT_NGROUPS; g++)
        r->groups[g].pct = r->n_group_known
                               ? 100.0 * (double)counts[g] / (double)r->n_group_known
                               : NAN;
    r->r0_pct = r->n_r0_known ? 100.0 * (double)r->n_r0 / (double)r->n_r0_known : NAN;
    return CRLM_OK;
}

static crlm_status read_endpoint(const char *data, size_t len, const char *time_col,
                                 const char *status_col, const char *group_col,
                                 const crlm_cohort_spec *spec, bool with_cov,
                                 crlm_surv_data **out, crlm_errors *errors)
{
    crlm_csv_reader *rd = NULL;
    crlm_status st = crlm_csv_open_memory(&rd, data, len, NULL, errors);
    if (st != CRLM_OK)
        return st;
    crlm_surv_spec s = {.time_col = time_col, .event_col = status_col, .group_col = group_col};
    if (with_cov) {
        s.covariates = spec->covariates;
        s.ncovariates = spec->ncovariates;
    }
    st = crlm_surv_data_read(rd, &s, out, errors);
    crlm_csv_close(rd);
    return st;
}

/* Kaplan-Meier per group and the log-rank test of one end point; links the curves. */
static crlm_status endpoint(const crlm_surv_data *d, const crlm_surv_options *opt,
                            crlm_cohort_result *r, bool dfs, crlm_errors *errors)
{
    if (d->n == 0)
        return CRLM_OK;
    crlm_surv_result *res = NULL;
    crlm_status st = crlm_surv_analyze(d, opt, &res, errors);
    if (st != CRLM_OK)
        return st;
    if (dfs)
        r->dfs = res;
    else
        r->os = res;
    for (size_t c = 0; c < res->nkm; c++) {
        int g = group_index(res->km[c].group, strlen(res->km[c].group));
        if (g < 0)
            continue; /* cannot happen: the first pass refused other values */
        if (dfs)
            r->groups[g].dfs = &res->km[c];
        else
            r->groups[g].os = &res->km[c];
    }
    return CRLM_OK;
}

/* Cox on OS: group with response as reference, then the covariates. */
static crlm_status cox(const crlm_surv_data *d, const crlm_surv_options *opt,
                       crlm_cohort_result *r, crlm_errors *errors)
{
    int level_of[CRLM_COHORT_NGROUPS] = {-1, -1, -1}; /* canonical group -> level id in d */
    for (size_t l = 0; l < d->ngroups; l++) {
        int g = group_index(d->group_names[l], strlen(d->group_names[l]));
        if (g >= 0)
            level_of[g] = (int)l;
    }
    if (d->n == 0 || level_of[0] < 0 || level_of[2] < 0) {
        snprintf(r->cox_message, sizeof r->cox_message,
                 "needs patients with response and with progression in the Cox analysis");
        return CRLM_OK;
    }
    /* R's level order after relevel(ref = "response"): progression, stable */
    int dummies[2] = {2, 1};
    size_t ndum = level_of[1] >= 0 ? 2 : 1, n = d->n, p = ndum + d->p;
    double *x = malloc(p * n * sizeof *x + 1);
    char **names = calloc(p, sizeof *names);
    char dummy_names[2][32] = {"response_group=progression", "response_group=stable"};
    if (!x || !names) {
        free(x);
        free(names);
        crlm_errors_add(errors, CRLM_E_NOMEM, "", 0, 0, "memory for the Cox model", "none");
        return CRLM_E_NOMEM;
    }
    for (size_t k = 0; k < ndum; k++) {
        int lev = level_of[dummies[k]];
        for (size_t i = 0; i < n; i++)
            x[k * n + i] = d->group[i] == lev ? 1.0 : 0.0;
        names[k] = dummy_names[k]; /* borrowed: crlm_cox_fit copies the names */
    }
    if (d->p)
        memcpy(x + ndum * n, d->x, d->p * n * sizeof *x);
    for (size_t j = 0; j < d->p; j++)
        names[ndum + j] = d->x_names[j]; /* borrowed likewise */
    crlm_surv_data design = {.n = n, .time = d->time, .status = d->status, .p = p, .x = x,
                             .x_names = names};
    crlm_status st = crlm_cox_fit(&design, opt, &r->cox, errors);
    free(x);
    free(names);
    if (st == CRLM_OK)
        r->hr = &r->cox->coef[0];
    return st;
}

void crlm_cohort_result_free(crlm_cohort_result *r)
{
    if (!r)
        return;
    crlm_surv_result_free(r->os);
    crlm_surv_result_free(r->dfs);
    crlm_cox_free(r->cox);
    free(r);
}

crlm_status crlm_cohort_analyze(const char *data, size_t len, const crlm_cohort_spec *spec,
                                const crlm_surv_options *opt, crlm_cohort_result **out,
                                crlm_errors *errors)
{
    if (!out)
        return CRLM_E_ARGUMENT;
    *out = NULL;
    if (!spec || (!data && len) || (spec->ncovariates && !spec->covariates)) {
        crlm_errors_add(errors, CRLM_E_ARGUMENT, "", 0, 0, "a cohort CSV and its columns",
                        "none");
        return CRLM_E_ARGUMENT;
    }
    const char *names[NCOLS] = {
        spec->group_col ? spec->group_col : "response_group",
        spec->r0_col ? spec->r0_col : "r0",
        spec->os_time_col ? spec->os_time_col : "os_time",
        spec->os_status_col ? spec->os_status_col : "os_status",
        spec->dfs_time_col ? spec->dfs_time_col : "dfs_time",
        spec->dfs_status_col ? spec->dfs_status_col : "dfs_status",
    };
    crlm_cohort_result *r = calloc(1, sizeof *r);
    if (!r) {
        crlm_errors_add(errors, CRLM_E_NOMEM, "", 0, 0, "memory for the cohort", "none");
        return CRLM_E_NOMEM;
    }
    r->time_unit = spec->time_unit;
    static const double years[CRLM_COHORT_NYEARS] = {1, 3, 5};
    double per_year = spec->time_unit == CRLM_TIME_DAYS    ? 365.25
                      : spec->time_unit == CRLM_TIME_YEARS ? 1.0
                                                           : 12.0;
    for (int k = 0; k < CRLM_COHORT_NYEARS; k++)
        r->years_at[k] = years[k] * per_year;
    for (int g = 0; g < CRLM_COHORT_NGROUPS; g++)
        r->groups[g].group = group_names[g];
    crlm_surv_options o = opt ? *opt : (crlm_surv_options){0};
    o.at = r->years_at;
    o.nat = CRLM_COHORT_NYEARS;
    o.km_all = false;

    crlm_surv_data *d_os = NULL, *d_dfs = NULL, *d_cox = NULL;
    crlm_status st = count_and_check(data, len, names, r, errors);
    if (st == CRLM_OK)
        st = read_endpoint(data, len, names[COL_OS_TIME], names[COL_OS_STATUS],
                           names[COL_GROUP], spec, false, &d_os, errors);
    if (st == CRLM_OK)
        st = read_endpoint(data, len, names[COL_DFS_TIME], names[COL_DFS_STATUS],
                           names[COL_GROUP], spec, false, &d_dfs, errors);
    if (st == CRLM_OK && spec->ncovariates)
        st = read_endpoint(data, len, names[COL_OS_TIME], names[COL_OS_STATUS],
                           names[COL_GROUP], spec, true, &d_cox, errors);
    if (st == CRLM_OK) {
        r->dropped_os = d_os->dropped_missing;
        r->dropped_dfs = d_dfs->dropped_missing;
        r->dropped_cox = (d_cox ? d_cox : d_os)->dropped_missing;
        st = endpoint(d_os, &o, r, false, errors);
    }
    if (st == CRLM_OK)
        st = endpoint(d_dfs, &o, r, true, errors);
    if (st == CRLM_OK)
        st = cox(d_cox ? d_cox : d_os, &o, r, errors);
    crlm_surv_data_free(d_os);
    crlm_surv_data_free(d_dfs);
    crlm_surv_data_free(d_cox);
    if (st != CRLM_OK) {
        crlm_cohort_result_free(r);
        return st;
    }
    *out = r;
    return CRLM_OK;
}
