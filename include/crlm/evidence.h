/* The literature behind the prognosis: the review's Table 1 (data/table1.csv, one row per study
 * and group, misprints flagged) and Fong 1999's survival by score (data/fong1999.csv), compiled
 * into the library, and random-effects pooling of survival per response group.
 *
 * Pooling: DerSimonian-Laird on the logit scale (y = logit p, variance 1 / (n p (1 - p)), a
 * 0.5 continuity correction at 0 or 100 %), over rows placed `certain` or `probable` whose group
 * count and value are not flagged. With one study the "pooled" value is that study's, with its
 * binomial interval on the logit scale. These are published cohort figures, not a prediction
 * for one patient.
 */
#ifndef CRLM_EVIDENCE_H
#define CRLM_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct crlm_evidence_row {
    const char *study;
    int year;
    const char *ref;          /* "seed:29" */
    double n_total, n_surgery, r0_pct;
    const char *group;        /* R, S, P, RS, O, G1, G2 */
    double n, n_pct, median_os_months;
    double os_1y_pct, os_3y_pct, os_5y_pct;
    double dfs_1y_pct, dfs_3y_pct, dfs_5y_pct;
    const char *placement;    /* certain, probable, uncertain */
    const char *flags;        /* "field: reason; field: reason" ("" when none) */
    const char *note;
} crlm_evidence_row;

typedef struct crlm_fong_outcome {
    int score;
    double os_5y_pct, median_os_months;
    const char *source;
} crlm_fong_outcome;

/* Static tables; *n receives the row count. */
const crlm_evidence_row *crlm_evidence_table1(size_t *n);
const crlm_fong_outcome *crlm_evidence_fong1999(size_t *n);
/* Is `field` (a column name such as "n" or "dfs_5y_pct") flagged in this row? */
bool crlm_evidence_flagged(const crlm_evidence_row *row, const char *field);

typedef enum crlm_outcome {
    CRLM_OS_1Y, CRLM_OS_3Y, CRLM_OS_5Y, CRLM_DFS_1Y, CRLM_DFS_3Y, CRLM_DFS_5Y, CRLM_OUTCOME_COUNT
} crlm_outcome;
const char *crlm_outcome_name(crlm_outcome o); /* "os_5y_pct" ... */

typedef struct crlm_pooled {
    int studies;              /* 0: nothing to pool; the other fields are NaN */
    double patients;
    double estimate_pct, low_pct, high_pct;
    double tau2, i2_pct;      /* between-study variance (logit scale), heterogeneity */
} crlm_pooled;

/* DerSimonian-Laird on the logit scale over k proportions (percent) with group sizes n. */
void crlm_pool_logit(const double *pct, const double *n, size_t k, crlm_pooled *out);
/* The pooled figure of Table 1 for a group ("R", "S" or "P") and an outcome. */
void crlm_evidence_pool(const char *group, crlm_outcome outcome, crlm_pooled *out);

/* What the literature says of survival for a patient like this one: the pooled Table 1 figures
 * of the patient's response group, and Fong 1999's survival for the current score. */
typedef struct crlm_prognosis {
    const char *response_group;  /* "response" | "stable" | "progression" | NULL (static) */
    crlm_pooled literature[CRLM_OUTCOME_COUNT];
    int fong_score;              /* -1 when the current Fong score is a range */
    double fong_os_5y_pct, fong_median_os_months;
} crlm_prognosis;
void crlm_prognosis_compute(const char *response_group, int fong_score, crlm_prognosis *out);

#ifdef __cplusplus
}
#endif
#endif
