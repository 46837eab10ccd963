/* Profiles: every clinical threshold the engine applies, each with its published default and
 * its evidence, so a centre can set its own and any report can be reproduced exactly.
 *
 * A profile is a JSON document (`crlm-profile/1`) that must name every parameter below, no
 * more and no fewer: a profile can never silently fall back to a default. The built-in
 * profile is profiles/default.json compiled in byte for byte. A report carries the profile's
 * name and the SHA-256 of its canonical form (keys sorted, no insignificant whitespace), so
 * reformatting a file does not change its hash but changing any value or evidence does.
 */
#ifndef CRLM_PROFILE_H
#define CRLM_PROFILE_H

#include <stddef.h>

#include "crlm/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* X(ID, "json_key", kind, min, max, choices) ; kind NUM (a number in [min, max]), FLAG
 * (true/false) or CHOICE (one of the '|'-separated choices, stored as its index). */
#define CRLM_PARAM_TABLE(X)                                                                    \
    X(FONG_TUMOR_COUNT_OVER, "fong_tumor_count_over", NUM, 0, 100, NULL)                       \
    X(FONG_LARGEST_MM_OVER, "fong_largest_mm_over", NUM, 0, 500, NULL)                         \
    X(FONG_CEA_NG_ML_OVER, "fong_cea_ng_ml_over", NUM, 0, 1e6, NULL)                           \
    X(FONG_DFI_MONTHS_UNDER, "fong_dfi_months_under", NUM, 0, 240, NULL)                       \
    X(FONG_HIGH_RISK_FROM, "fong_high_risk_from", NUM, 1, 5, NULL)                             \
    X(SYNCHRONOUS_WINDOW_DAYS, "synchronous_window_days", NUM, 0, 730, NULL)                   \
    X(TBS_ZONE2_FROM, "tbs_zone2_from", NUM, 0, 100, NULL)                                     \
    X(TBS_ZONE3_FROM, "tbs_zone3_from", NUM, 0, 100, NULL)                                     \
    X(GAME_CEA_NG_ML_AT_LEAST, "game_cea_ng_ml_at_least", NUM, 0, 1e6, NULL)                   \
    X(GAME_MUTATION, "game_mutation", CHOICE, 0, 0, "kras|ras")                                \
    X(GAME_MEDIUM_RISK_FROM, "game_medium_risk_from", NUM, 0, 8, NULL)                         \
    X(GAME_HIGH_RISK_FROM, "game_high_risk_from", NUM, 0, 8, NULL)                             \
    X(KONOPKE_TUMOR_COUNT_AT_LEAST, "konopke_tumor_count_at_least", NUM, 0, 100, NULL)         \
    X(KONOPKE_CEA_NG_ML_AT_LEAST, "konopke_cea_ng_ml_at_least", NUM, 0, 1e6, NULL)             \
    X(KONOPKE_MEDIUM_RISK_FROM, "konopke_medium_risk_from", NUM, 0, 4, NULL)                   \
    X(KONOPKE_HIGH_RISK_FROM, "konopke_high_risk_from", NUM, 0, 4, NULL)                       \
    X(MCRS_LARGEST_MM_OVER, "mcrs_largest_mm_over", NUM, 0, 500, NULL)                         \
    X(MCRS_MEDIUM_RISK_FROM, "mcrs_medium_risk_from", NUM, 0, 4, NULL)                         \
    X(MCRS_HIGH_RISK_FROM, "mcrs_high_risk_from", NUM, 0, 4, NULL)                             \
    X(RECIST_PR_DECREASE_PCT, "recist_pr_decrease_pct", NUM, 1, 100, NULL)                     \
    X(RECIST_PD_INCREASE_PCT, "recist_pd_increase_pct", NUM, 1, 1000, NULL)                    \
    X(RECIST_PD_INCREASE_MM, "recist_pd_increase_mm", NUM, 0, 100, NULL)                       \
    X(RECIST_TOO_SMALL_MM, "recist_too_small_mm", NUM, 0, 20, NULL)                            \
    X(RECIST_NODE_NORMAL_UNDER_MM, "recist_node_normal_under_mm", NUM, 0, 50, NULL)            \
    X(RECIST_NODE_TARGET_MM, "recist_node_target_mm", NUM, 0, 100, NULL)                       \
    X(RECIST_MEASURABLE_MM, "recist_measurable_mm", NUM, 0, 100, NULL)                         \
    X(RECIST_MAX_TARGETS, "recist_max_targets", NUM, 1, 20, NULL)                              \
    X(RECIST_MAX_TARGETS_PER_ORGAN, "recist_max_targets_per_organ", NUM, 1, 20, NULL)          \
    X(RECIST_CONFIRMATION, "recist_confirmation", FLAG, 0, 1, NULL)                            \
    X(RECIST_CONFIRMATION_MIN_DAYS, "recist_confirmation_min_days", NUM, 0, 365, NULL)         \
    X(RECIST_SD_MIN_DAYS, "recist_sd_min_days", NUM, 0, 365, NULL)                             \
    X(RECIST_CONTINUING_PR, "continuing_pr_rule", FLAG, 0, 1, NULL)                            \
    X(CEA_UPPER_NORMAL_NG_ML, "cea_upper_normal_ng_ml", NUM, 0, 1000, NULL)                    \
    X(CEA_AFTER_IMAGING_MAX_DAYS, "cea_after_imaging_max_days", NUM, 0, 90, NULL)              \
    X(BSA_FORMULA, "bsa_formula", CHOICE, 0, 0, "mosteller|dubois")                            \
    X(TLV_INTERCEPT_ML, "tlv_intercept_ml", NUM, -10000, 10000, NULL)                          \
    X(TLV_SLOPE_ML_PER_M2, "tlv_slope_ml_per_m2", NUM, 0, 10000, NULL)                         \
    X(TLV_PHYSIOLOGICAL_MIN_ML, "tlv_physiological_min_ml", NUM, 0, 10000, NULL)               \
    X(TLV_PHYSIOLOGICAL_MAX_ML, "tlv_physiological_max_ml", NUM, 0, 10000, NULL)               \
    X(FLR_NORMAL_PCT, "flr_normal_pct", NUM, 0, 100, NULL)                                     \
    X(FLR_CHEMOTHERAPY_PCT, "flr_chemotherapy_pct", NUM, 0, 100, NULL)                         \
    X(FLR_INJURED_PCT, "flr_injured_pct", NUM, 0, 100, NULL)                                   \
    X(CHEMO_EXPOSURE_RULE, "chemo_exposure_rule", CHOICE, 0, 0, "any|over_min_weeks")          \
    X(CHEMO_EXPOSURE_MIN_WEEKS, "chemo_exposure_min_weeks", NUM, 0, 520, NULL)                 \
    X(KGR_MIN_PCT_PER_WEEK, "kgr_min_pct_per_week", NUM, 0, 100, NULL)                         \
    X(REMNANT_MIN_SEGMENTS, "remnant_min_contiguous_segments", NUM, 1, 8, NULL)                \
    X(BEVACIZUMAB_MIN_DAYS, "bevacizumab_min_days", NUM, 0, 365, NULL)                         \
    X(BEVACIZUMAB_CRITICAL_UNDER_DAYS, "bevacizumab_critical_under_days", NUM, 0, 365, NULL)   \
    X(PROLONGED_CHEMO_CYCLES, "prolonged_chemo_cycles", NUM, 1, 100, NULL)                     \
    X(FLR_CHEMO_CYCLES, "flr_chemo_cycles", NUM, 1, 100, NULL)                                 \
    X(OXALIPLATIN_WARNING_CYCLES, "oxaliplatin_warning_cycles", NUM, 1, 100, NULL)             \
    X(IRINOTECAN_BMI_WARNING, "irinotecan_bmi_warning", NUM, 10, 80, NULL)                     \
    X(RESTAGING_MAX_DAYS, "restaging_max_days", NUM, 0, 365, NULL)                             \
    X(PROGRESSOR_MAX_LIVER_TUMORS, "progressor_max_liver_tumors", NUM, 1, 100, NULL)           \
    X(PROGRESSOR_MAX_LARGEST_MM, "progressor_max_largest_mm", NUM, 1, 500, NULL)               \
    X(PROGRESSOR_MAX_CEA_NG_ML, "progressor_max_cea_ng_ml", NUM, 0, 1e6, NULL)

/* Thresholds that must be ordered against each other, checked when a profile is read (a
 * profile that breaks one is refused, naming both parameters and their values):
 * X(LOWER, relation, UPPER, why) with relation LE (LOWER <= UPPER) or LT (LOWER < UPPER).
 * Equality is allowed where it only empties a band (risk groups of a centre that wants two
 * groups, a warning band of zero days); it is not where the two would contradict (a lesion
 * too small to measure counted at the measurable size, a range of one value). The Fong
 * high-risk threshold's range 1..5 (the score's 0-5 with both groups non-empty) is its
 * parameter range above. */
#define CRLM_PARAM_ORDER_TABLE(X)                                                              \
    X(TBS_ZONE2_FROM, LE, TBS_ZONE3_FROM, "TBS zones")                                         \
    X(GAME_MEDIUM_RISK_FROM, LE, GAME_HIGH_RISK_FROM, "GAME groups")                           \
    X(KONOPKE_MEDIUM_RISK_FROM, LE, KONOPKE_HIGH_RISK_FROM, "Konopke groups")                  \
    X(MCRS_MEDIUM_RISK_FROM, LE, MCRS_HIGH_RISK_FROM, "m-CRS groups")                          \
    X(FLR_NORMAL_PCT, LE, FLR_CHEMOTHERAPY_PCT, "remnant: chemotherapy needs no less")         \
    X(FLR_CHEMOTHERAPY_PCT, LE, FLR_INJURED_PCT, "remnant: an injured liver needs no less")    \
    X(BEVACIZUMAB_CRITICAL_UNDER_DAYS, LE, BEVACIZUMAB_MIN_DAYS, "bevacizumab interval")       \
    X(PROLONGED_CHEMO_CYCLES, LE, FLR_CHEMO_CYCLES, "cycle limits: Karoui before Kishi")       \
    X(RECIST_MAX_TARGETS_PER_ORGAN, LE, RECIST_MAX_TARGETS, "RECIST target counts")            \
    X(RECIST_NODE_NORMAL_UNDER_MM, LE, RECIST_NODE_TARGET_MM, "RECIST node sizes")             \
    X(RECIST_TOO_SMALL_MM, LT, RECIST_MEASURABLE_MM, "RECIST: too small is not measurable")    \
    X(TLV_PHYSIOLOGICAL_MIN_ML, LT, TLV_PHYSIOLOGICAL_MAX_ML, "TLV physiological range")

typedef enum crlm_param {
#define CRLM__PARAM_ENUM(id, key, kind, lo, hi, choices) CRLM_P_##id,
    CRLM_PARAM_TABLE(CRLM__PARAM_ENUM)
#undef CRLM__PARAM_ENUM
    CRLM_PARAM_COUNT
} crlm_param;

typedef struct crlm_profile crlm_profile;

/* Profiles are made by a reader (crlm/profile_read.h: a file, or the built-in default).
 * NULL is a no-op. */
void crlm_profile_free(crlm_profile *p);

/* The parameter's value: the number, 0/1 for a FLAG, the choice index for a CHOICE. */
double crlm_profile_num(const crlm_profile *p, crlm_param id);
/* Evidence ids of a parameter as one comma-separated static-lifetime (profile-owned) string. */
const char *crlm_profile_evidence(const crlm_profile *p, crlm_param id);
const char *crlm_profile_key(crlm_param id);
const char *crlm_profile_name(const crlm_profile *p);
/* 64 lowercase hex digits. Owned by the profile. */
const char *crlm_profile_sha256(const crlm_profile *p);

#ifdef __cplusplus
}
#endif
#endif
