/* Prognostic scores for colorectal liver metastases: the Fong clinical risk score (1999), the
 * Tumor Burden Score (Sasaki 2018), GAME (Margonis 2018), m-CRS (Brudvik 2019) and Konopke
 * (2009), computed at diagnosis and currently (see spec/case-format.md for which imaging and
 * CEA each uses).
 *
 * Unknown is never zero: every factor is a points range, so a score is a range min..max
 * with the missing inputs named; `value` is set only when min == max, and the risk group only
 * when the whole range falls in one group. Cut-offs come from the profile and are compared
 * exactly as published (Fong strict ">", GAME and Konopke inclusive ">=").
 */
#ifndef CRLM_SCORES_H
#define CRLM_SCORES_H

#include "crlm/case.h"
#include "crlm/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum crlm_when { CRLM_AT_DIAGNOSIS = 0, CRLM_CURRENT = 1 } crlm_when;
typedef enum crlm_risk {
    CRLM_RISK_UNKNOWN = 0, CRLM_RISK_LOW, CRLM_RISK_MEDIUM, CRLM_RISK_HIGH
} crlm_risk;

/* The inputs a score can miss; bits of `missing`, named in reports. */
#define CRLM_INPUT_TABLE(X)                                                                    \
    X(NODE_STATUS, "node_status")                                                              \
    X(DFI, "disease_free_interval")                                                            \
    X(TUMOR_COUNT, "liver_tumor_count")                                                        \
    X(LARGEST_DIAMETER, "largest_diameter")                                                    \
    X(CEA, "cea")                                                                              \
    X(KRAS, "kras")                                                                            \
    X(RAS, "ras")                                                                              \
    X(EXTRAHEPATIC, "extrahepatic_disease")                                                    \
    X(SYNCHRONOUS, "synchronous")

typedef enum crlm_input {
#define CRLM__INPUT_ENUM(id, name) CRLM_INPUT_##id,
    CRLM_INPUT_TABLE(CRLM__INPUT_ENUM)
#undef CRLM__INPUT_ENUM
    CRLM_INPUT_COUNT
} crlm_input;

/* "cea" etc. Static string. */
const char *crlm_input_name(crlm_input in);
const char *crlm_risk_name(crlm_risk r); /* "low", "medium", "high"; NULL when unknown */

/* One factor of a score. A yes/no factor has `present`; a graded factor (the TBS band of
 * GAME) has `graded` set and its points range only. */
typedef struct crlm_factor {
    const char *name;      /* static: "node_positive", "cea_over_200", ... */
    crlm_tri present;
    bool graded;
    int points_min, points_max;
    unsigned missing;      /* bits (1u << crlm_input) this factor could not read */
} crlm_factor;

#define CRLM_SCORE_MAX_FACTORS 6
typedef struct crlm_score {
    int min, max;           /* value range over the unknown inputs */
    crlm_risk risk;         /* UNKNOWN unless the whole range is in one group */
    unsigned missing;       /* union of the factors' missing bits */
    size_t n_factors;
    crlm_factor factors[CRLM_SCORE_MAX_FACTORS];
    const char *evidence;   /* static: "fong-1999, seed:6" */
} crlm_score;

static inline bool crlm_score_known(const crlm_score *s) { return s->min == s->max; }

typedef struct crlm_tbs {
    double value;           /* NaN unless both inputs are exact */
    double min, max;        /* max is INFINITY when an input is unbounded */
    int zone;               /* 1, 2, 3; 0 when the range spans zones */
    unsigned missing;
} crlm_tbs;

/* What the scores read, for the report's explanation. */
typedef struct crlm_score_inputs {
    crlm_date study_date;              /* imaging study used; unknown when none */
    bool count_from_report, largest_from_report; /* liver_metastases fields used instead */
    int tumors_min, tumors_max;        /* tumors_max is INT_MAX when unbounded */
    double largest_mm_min, largest_mm_max; /* largest_mm_max is INFINITY when unbounded */
    double cea_ng_ml;                  /* NaN unknown */
    crlm_date cea_date;
} crlm_score_inputs;

typedef struct crlm_scores {
    crlm_when when;
    crlm_score_inputs inputs;
    crlm_score fong, game, mcrs, konopke;
    crlm_tbs tbs;
} crlm_scores;

/* Fills *out; never fails (unknown inputs make ranges). The case and profile are only read. */
void crlm_scores_compute(const crlm_case *c, const crlm_profile *p, crlm_when when,
                         crlm_scores *out);

/* Building blocks, exposed for tests and for other modules (the pathway reads them). */
/* Liver tumour count and largest diameter of one study, as ranges over uncertain lesions. */
void crlm_study_liver_burden(const crlm_study *s, double too_small_mm, crlm_score_inputs *io);
/* Does the disease-free interval fall strictly under `months` calendar months? */
crlm_tri crlm_dfi_under_months(const crlm_case *c, int months);

#ifdef __cplusplus
}
#endif
#endif
