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

#ifdef __cplusplus
}
#endif
#endif
