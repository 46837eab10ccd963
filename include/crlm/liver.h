/* The future liver remnant: body-surface area, estimated total liver volume, measured and
 * standardized FLR, the threshold that applies to this liver, growth after portal vein
 * embolization, and resectability.
 *
 * Sources: Vauthey 2002 / Ribero 2013 (TLV = -794.41 + 1267.28 x BSA), the review (seed:8:
 * at least 20 % in a normal liver, 30 % after chemotherapy), Azoulay/Kubota (40 % for an
 * injured liver), Shindoh 2013 (kinetic growth rate >= 2 %/week), Kishi 2010 (>= 9 cycles).
 * Every number that cannot be computed is NaN and every judgement that cannot be made is
 * CRLM_TRI_UNKNOWN, with the missing inputs named: an unknown liver condition is not "normal".
 */
#ifndef CRLM_LIVER_H
#define CRLM_LIVER_H

#include "crlm/case.h"
#include "crlm/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Inputs the remnant judgement can miss (bits of `missing`). */
#define CRLM_LIVER_INPUT_TABLE(X)                                                              \
    X(HEIGHT_WEIGHT, "height_weight")                                                          \
    X(VOLUMETRY, "volumetry")                                                                  \
    X(LIVER_CONDITION, "liver_condition")                                                      \
    X(CHEMOTHERAPY, "chemotherapy")                                                            \
    X(MARGIN, "expected_margin")                                                               \
    X(SEGMENTS, "remnant_contiguous_segments")                                                 \
    X(INFLOW_OUTFLOW, "inflow_outflow_preserved")                                              \
    X(BILIARY, "biliary_drainage_preserved")                                                   \
    X(PVE_VOLUMETRY, "volumetry_before_and_after_pve")

typedef enum crlm_liver_input {
#define CRLM__LI_ENUM(id, name) CRLM_LIVER_IN_##id,
    CRLM_LIVER_INPUT_TABLE(CRLM__LI_ENUM)
#undef CRLM__LI_ENUM
    CRLM_LIVER_INPUT_COUNT
} crlm_liver_input;
const char *crlm_liver_input_name(crlm_liver_input in);

typedef struct crlm_liver {
    double bsa_m2;
    const char *bsa_formula;     /* "mosteller" or "dubois" (static) */
    double tlv_estimated_ml;
    crlm_date volumetry_date;    /* the volumetry used; unknown when none */
    double flr_ml;
    double flr_measured_pct;     /* FLR / (measured total - tumour) */
    double sflr_pct;             /* FLR / estimated TLV */
    double threshold_min_pct, threshold_max_pct; /* equal when the liver's state is known */
    const char *threshold_reason;/* static: "normal liver", "after chemotherapy", ... */
    crlm_tri chemo_exposed;
    crlm_tri adequate;           /* sFLR >= threshold (inclusive: "at least", seed:8) */
    double degree_of_hypertrophy_pct; /* sFLR after PVE - before, percentage points */
    double kgr_pct_per_week;     /* hypertrophy / weeks from PVE to the first volumetry after */
    double weeks_after_pve;
    crlm_tri kgr_adequate;
    crlm_tri technically_resectable; /* margin, contiguous segments, vessels, drainage: all but
                                        the remnant's size */
    crlm_tri resectable;      /* technically_resectable and adequate */
    unsigned missing;            /* bits (1u << crlm_liver_input) */
} crlm_liver;

/* Fills *out from the case and profile; never fails. */
void crlm_liver_compute(const crlm_case *c, const crlm_profile *p, crlm_liver *out);

/* Building blocks (tested directly). Height in cm, weight in kg; NaN when unknown. */
double crlm_bsa_mosteller(double height_cm, double weight_kg);
double crlm_bsa_dubois(double height_cm, double weight_kg);

#ifdef __cplusplus
}
#endif
#endif
