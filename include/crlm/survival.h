/* Survival analysis for cohorts: Kaplan-Meier, the log-rank test and the Cox model.
 *
 * Why it exists: `crlm survival` and `crlm cohort` turn a cohort CSV into the numbers a
 * liver-surgery report quotes (median survival, 3- and 5-year survival, hazard ratios). Every
 * convention follows R's `survival` package so results can be compared number for number
 * (tests/reference/ holds R's outputs): Greenwood variance with `std_err` the standard error
 * of the cumulative hazard, log confidence intervals by default, R's median and its interval,
 * Efron ties by default (R's default), Breslow as an option.
 *
 * Flow: crlm_surv_data_read reads the used columns of a CSV once into compact arrays
 * (dropping and counting rows with a missing value), crlm_surv_analyze computes everything,
 * crlm_surv_result_json / _text render it. Sizes: 10^2..10^7 rows; one sort of the times, then
 * linear passes (Cox: O(n p^2) per Newton step).
 *
 * Ownership: every *_read / *_analyze output is owned by the caller and freed by the matching
 * *_free (NULL-safe), which frees everything the struct points to.
 */
#ifndef CRLM_SURVIVAL_H
#define CRLM_SURVIVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "crlm/buf.h"
#include "crlm/csv.h"
#include "crlm/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum crlm_ties { CRLM_TIES_EFRON = 0, CRLM_TIES_BRESLOW = 1 } crlm_ties;
typedef enum crlm_conf_type {
    CRLM_CONF_LOG = 0, /* R's default */
    CRLM_CONF_PLAIN = 1,
    CRLM_CONF_LOGLOG = 2
} crlm_conf_type;

/* Which columns of the CSV to use. Names are header names. */
typedef struct crlm_surv_spec {
    const char *time_col;    /* required; finite, >= 0 */
    const char *event_col;   /* required */
    const char *event_value; /* NULL: 0/1 (or R's 1/2 coding when every value is 1 or 2);
                                else event when the field equals this value (numerically when
                                both are numbers), censored otherwise */
    const char *group_col;   /* optional: Kaplan-Meier per level and the log-rank test */
    const char *strata_col;  /* optional: stratifies the log-rank test and the Cox model */
    const char *const *covariates; /* optional Cox covariates; non-numeric ones are factors */
    size_t ncovariates;
    size_t size_hint_bytes; /* optional: the input's size; column arrays are then sized once
                               for the most rows it can hold instead of grown (pages never
                               written cost nothing), 0 = grow as rows come */
} crlm_surv_spec;

/* The used columns, rows with a missing value removed. Levels of group, strata and factors
 * are sorted (numerically when every level is a number, else by byte order as R's C locale
 * does). */
typedef struct crlm_surv_data {
    size_t n;               /* rows kept */
    size_t dropped_missing; /* rows dropped for a missing value in a used column */
    double *time;           /* [n] */
    unsigned char *status;  /* [n] 1 event, 0 censored */
    int *group;             /* [n] level index, NULL without a group column */
    size_t ngroups;
    char **group_names;     /* [ngroups] */
    int *strata;            /* [n] or NULL */
    size_t nstrata;
    char **strata_names;
    size_t p;               /* design columns after factor expansion */
    double *x;              /* [p * n] column-major: x[j * n + i] */
    char **x_names;         /* [p] "age", "rx=Lev" */
} crlm_surv_data;

/* Reads the CSV behind r (header row first). On failure the errors name the file position
 * (line, column) or the missing column and *out stays NULL. */
crlm_status crlm_surv_data_read(crlm_csv_reader *r, const crlm_surv_spec *spec,
                                crlm_surv_data **out, crlm_errors *errors);
void crlm_surv_data_free(crlm_surv_data *d);

typedef struct crlm_surv_options {
    crlm_ties ties;
    crlm_conf_type conf_type;
    double conf_level;     /* 0 = 0.95 */
    const double *at;      /* survival at these times (may be NULL) */
    size_t nat;
    int max_iter;          /* 0 = 20, R's iter.max */
    double eps;            /* 0 = 1e-9, R's relative log-likelihood tolerance */
    double toler_chol;     /* 0 = eps^0.75, R's toler.chol */
    bool km_all;           /* also give the "all" curve when there is a group */
} crlm_surv_options;

typedef struct crlm_km_row {
    double time, n_risk, n_event, n_censor;
    double surv, std_err, low, high; /* NaN (JSON null) where R gives NA/Inf */
} crlm_km_row;

typedef struct crlm_km_at {
    double time, surv, low, high, n_risk; /* surv/low/high NaN past the last observed time */
} crlm_km_at;

typedef struct crlm_km_curve {
    const char *group; /* "all" or the level name; points into the result */
    size_t n, events;
    double median, median_low, median_high; /* NaN when not reached */
    crlm_km_row *rows;
    size_t nrows;
    crlm_km_at *at;
    size_t nat;
} crlm_km_curve;

typedef struct crlm_test_stat {
    double chisq, df, p;
} crlm_test_stat;

typedef struct crlm_logrank {
    crlm_test_stat test;
    size_t ngroups;
    double *observed, *expected; /* [ngroups], summed over strata */
} crlm_logrank;

typedef struct crlm_cox_coef {
    const char *name; /* owned by the crlm_cox */
    double coef, exp_coef, se, z, p, low, high; /* NaN when not estimable (singular) */
} crlm_cox_coef;

typedef struct crlm_cox {
    crlm_ties ties;
    size_t n, events, p;
    crlm_cox_coef *coef; /* [p] */
    double *var;         /* [p * p] variance of the coefficients */
    double loglik_null, loglik;
    crlm_test_stat lr, wald, score;
    double concordance;
    int iterations;
    bool converged; /* false: ran out of iterations, non-finite values, or a coefficient
                       that may be infinite (monotone likelihood); message says which */
    char message[256]; /* "" when nothing to report; singular columns are reported here */
} crlm_cox;

typedef struct crlm_surv_result {
    size_t n, events, dropped_missing;
    crlm_km_curve *km;
    size_t nkm;
    crlm_logrank *logrank; /* NULL without a group with at least 2 levels */
    crlm_cox *cox;         /* NULL without covariates */
} crlm_surv_result;

crlm_status crlm_surv_analyze(const crlm_surv_data *d, const crlm_surv_options *opt,
                              crlm_surv_result **out, crlm_errors *errors);
void crlm_surv_result_free(crlm_surv_result *r);

/* The crlm-survival/1 JSON document (docs/survival.md), with a final newline. */
void crlm_surv_result_json(const crlm_surv_result *r, crlm_buf *b);
/* A readable text report of the same numbers. */
void crlm_surv_result_text(const crlm_surv_result *r, const crlm_surv_data *d, crlm_buf *b);

/* Lower-level pieces, used by crlm cohort. All take rows in any order. */

/* Kaplan-Meier curve of the rows where mask is NULL or mask[i] is true. */
crlm_status crlm_km_fit(const double *time, const unsigned char *status, const bool *mask,
                        size_t n, const crlm_surv_options *opt, crlm_km_curve *out);
/* Frees what crlm_km_fit allocated inside *c (not c itself). */
void crlm_km_curve_clear(crlm_km_curve *c);
/* S(t) of a fitted curve with its interval: the step value at the last time <= t. */
crlm_km_at crlm_km_curve_at(const crlm_km_curve *c, double t);

/* The Cox model on a data set (uses d->x, d->strata); *out is freed with crlm_cox_free. */
crlm_status crlm_cox_fit(const crlm_surv_data *d, const crlm_surv_options *opt, crlm_cox **out,
                         crlm_errors *errors);
void crlm_cox_free(crlm_cox *c);

/* ---- crlm cohort: the review's Table 1 row for one cohort of resected patients ----------
 *
 * One CSV row per resected patient (docs/cohort.md): response group (response / stable /
 * progression), R0, OS time and status, DFS time and status, optional covariates. The
 * statistics are the functions above (crlm_surv_data_read, crlm_surv_analyze, crlm_cox_fit);
 * the cohort code only chooses the rows, the times and the Cox design. */

typedef enum crlm_time_unit {
    CRLM_TIME_MONTHS = 0, /* 1, 3, 5 years at 12, 36, 60 */
    CRLM_TIME_DAYS = 1,   /* at 365.25, 1095.75, 1826.25 */
    CRLM_TIME_YEARS = 2   /* at 1, 3, 5 */
} crlm_time_unit;

/* The three response groups in report order; crlm_cohort_result.groups follows it. */
#define CRLM_COHORT_NGROUPS 3
#define CRLM_COHORT_NYEARS 3 /* survival at 1, 3 and 5 years */

typedef struct crlm_cohort_spec {
    /* column names; NULL means the documented default in parentheses */
    const char *group_col;      /* ("response_group") response, stable, progression; empty/NA */
    const char *r0_col;         /* ("r0") 1/0, true/false, yes/no (any case); empty/NA */
    const char *os_time_col;    /* ("os_time") number >= 0 in time_unit */
    const char *os_status_col;  /* ("os_status") 1 death, 0 censored */
    const char *dfs_time_col;   /* ("dfs_time") */
    const char *dfs_status_col; /* ("dfs_status") 1 recurrence or death, 0 censored */
    const char *const *covariates; /* Cox adjustment; numeric or factor as in crlm survival */
    size_t ncovariates;
    crlm_time_unit time_unit;
} crlm_cohort_spec;

typedef struct crlm_cohort_group {
    const char *group;           /* "response", "stable", "progression" (static strings) */
    size_t n;                    /* rows with this group */
    double pct;                  /* 100 n / rows with a known group; NaN when none */
    const crlm_km_curve *os;     /* into the result; NULL when no row in the OS analysis */
    const crlm_km_curve *dfs;    /* same for DFS */
} crlm_cohort_group;

typedef struct crlm_cohort_result {
    crlm_time_unit time_unit;
    double years_at[CRLM_COHORT_NYEARS]; /* 1, 3, 5 years in time_unit; curve->at[k] */
    size_t n;                  /* data rows */
    size_t n_group_known;      /* rows with a response group */
    size_t n_r0_known, n_r0;   /* rows with R0 given, and with R0 = yes */
    double r0_pct;             /* 100 n_r0 / n_r0_known; NaN when none */
    crlm_cohort_group groups[CRLM_COHORT_NGROUPS];
    crlm_surv_result *os, *dfs; /* KM per group (+ log-rank) of each end point; NULL when no
                                   complete row */
    size_t dropped_os, dropped_dfs, dropped_cox; /* rows without a value the analysis uses */
    crlm_cox *cox;             /* OS ~ group (reference response) + covariates; NULL when not
                                  estimable, cox_message says why */
    const crlm_cox_coef *hr;   /* the progression-vs-response term of cox (NULL with it) */
    char cox_message[160];     /* "" or why there is no Cox model */
} crlm_cohort_result;

/* Reads the cohort CSV held in data[0..len) and computes its Table 1 row. opt (may be NULL)
 * gives the interval type and level and the Cox settings; its `at` is replaced by the 1-, 3-
 * and 5-year times. Invalid values are errors naming line and column (at most 20); on
 * failure *out stays NULL. *out is freed with crlm_cohort_result_free. */
crlm_status crlm_cohort_analyze(const char *data, size_t len, const crlm_cohort_spec *spec,
                                const crlm_surv_options *opt, crlm_cohort_result **out,
                                crlm_errors *errors);
void crlm_cohort_result_free(crlm_cohort_result *r);

/* Renderings (docs/cohort.md): crlm-cohort/1 JSON, text, CSV (a header and one row per
 * response group, data/table1.csv's columns where they apply), and an SVG Kaplan-Meier figure
 * of OS (dfs false) or DFS (one step curve per group, 95 % bands, censor ticks, numbers at
 * risk). Each appends to b. */
void crlm_cohort_result_json(const crlm_cohort_result *r, crlm_buf *b);
void crlm_cohort_result_text(const crlm_cohort_result *r, crlm_buf *b);
void crlm_cohort_result_csv(const crlm_cohort_result *r, crlm_buf *b);
void crlm_cohort_svg(const crlm_cohort_result *r, bool dfs, crlm_buf *b);

#ifdef __cplusplus
}
#endif
#endif
