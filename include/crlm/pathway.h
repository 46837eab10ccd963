/* The decision: the review's process (Araujo 2022 and the sources it cites) as a table of
 * rules with stable ids, each naming the inputs it reads, its evidence and its conclusion,
 * plus the safety checks the board must see whatever is recommended.
 *
 * The pathway reads only results (scores, liver remnant, response) and the case; it never
 * parses anything. A rule never reads an unknown as false: when an input the decision turns on
 * is unknown, the recommendation is `insufficient_data` and the rationale names what is
 * missing. The recommendation is advice for the tumour board, never a decision.
 */
#ifndef CRLM_PATHWAY_H
#define CRLM_PATHWAY_H

#include "crlm/case.h"
#include "crlm/checks.h"
#include "crlm/liver.h"
#include "crlm/profile.h"
#include "crlm/recist.h"
#include "crlm/scores.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CRLM_PATHWAY_TABLE(X)                                                                  \
    X(PRIMARY_FIRST, "primary_first")                                                          \
    X(UPFRONT_RESECTION, "upfront_resection")                                                  \
    X(PERIOPERATIVE_CHEMOTHERAPY, "perioperative_chemotherapy")                                \
    X(CONVERSION_CHEMOTHERAPY, "conversion_chemotherapy")                                      \
    X(RESECTION_AFTER_CHEMOTHERAPY, "resection_after_chemotherapy")                            \
    X(REMNANT_AUGMENTATION, "remnant_augmentation")                                            \
    X(RESECTION_DESPITE_PROGRESSION, "resection_despite_progression")                          \
    X(SECOND_LINE_THEN_RESTAGE, "second_line_then_restage")                                    \
    X(SYSTEMIC_THERAPY, "systemic_therapy")                                                    \
    X(INSUFFICIENT_DATA, "insufficient_data")

typedef enum crlm_pathway_code {
    CRLM_PATH_NONE = 0,
#define CRLM__PATH_ENUM(id, name) CRLM_PATH_##id,
    CRLM_PATHWAY_TABLE(CRLM__PATH_ENUM)
#undef CRLM__PATH_ENUM
    CRLM_PATH_COUNT
} crlm_pathway_code;

#define CRLM_REGIMEN_TABLE(X)                                                                  \
    X(DOUBLET, "doublet")                                                                      \
    X(DOUBLET_ANTI_EGFR, "doublet_anti_egfr")                                                  \
    X(DOUBLET_BEVACIZUMAB, "doublet_bevacizumab")                                              \
    X(FOLFOXIRI_BEVACIZUMAB, "folfoxiri_bevacizumab")                                          \
    X(SECOND_LINE, "second_line")
#define CRLM_AVOID_TABLE(X)                                                                    \
    X(ANTI_EGFR_PERIOPERATIVE, "anti_egfr_perioperative")                                      \
    X(ANTI_EGFR, "anti_egfr")

typedef enum crlm_regimen {
#define CRLM__REG_ENUM(id, name) CRLM_REGIMEN_##id,
    CRLM_REGIMEN_TABLE(CRLM__REG_ENUM)
#undef CRLM__REG_ENUM
    CRLM_REGIMEN_COUNT
} crlm_regimen;
typedef enum crlm_avoid {
#define CRLM__AVOID_ENUM(id, name) CRLM_AVOID_##id,
    CRLM_AVOID_TABLE(CRLM__AVOID_ENUM)
#undef CRLM__AVOID_ENUM
    CRLM_AVOID_COUNT
} crlm_avoid;

const char *crlm_pathway_name(crlm_pathway_code c); /* NULL for NONE */
const char *crlm_regimen_name(crlm_regimen r);
const char *crlm_avoid_name(crlm_avoid a);

/* One rule of the table (docs/rules.md is checked against this table by a test). */
typedef struct crlm_rule_info {
    const char *id;          /* stable, e.g. "crs_high_neoadjuvant" */
    const char *reads;       /* the inputs it reads, comma-separated */
    const char *evidence;    /* comma-separated evidence ids */
    const char *conclusion;  /* pathway code (or "regimen"/"option") it leads to */
    const char *summary;     /* one sentence */
} crlm_rule_info;
/* The rule table and the check table; static, `*n` receives the count. */
const crlm_rule_info *crlm_pathway_rules(size_t *n);
const crlm_rule_info *crlm_check_rules(size_t *n);

/* Why: one fired rule with the values it used. */
typedef struct crlm_rationale {
    const char *rule;        /* static id from the rule table */
    char text[800];
    const char *evidence;    /* static, comma-separated */
} crlm_rationale;

#define CRLM_RATIONALE_MAX 24
typedef struct crlm_pathway {
    crlm_pathway_code recommendation;
    unsigned options;        /* bits (1u << crlm_pathway_code) of other reasonable pathways */
    unsigned suggested;      /* bits (1u << crlm_regimen) */
    unsigned avoid;          /* bits (1u << crlm_avoid) */
    char missing[480];       /* for insufficient_data: the decisive inputs, comma-separated */
    size_t n_rationale;
    crlm_rationale rationale[CRLM_RATIONALE_MAX];
    const char *response_group; /* "response" | "stable" | "progression" | NULL (prognosis) */
} crlm_pathway;

/* Everything the pathway reads. `response` may be NULL (no imaging module result). */
typedef struct crlm_pathway_input {
    const crlm_case *c;
    const crlm_profile *p;
    const crlm_scores *now, *at_diagnosis;
    const crlm_liver *liver;
    const crlm_response *response;
} crlm_pathway_input;

/* Decides; never fails. */
void crlm_pathway_decide(const crlm_pathway_input *in, crlm_pathway *out);
/* Appends the safety checks (codes in spec/report-format.md) to `out`. */
void crlm_checks_run(const crlm_pathway_input *in, crlm_checks *out);

#ifdef __cplusplus
}
#endif
#endif
