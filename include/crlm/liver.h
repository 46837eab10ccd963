/* The future liver remnant: body-surface area, estimated total liver volume, measured and
 * standardized FLR, the threshold that applies to this liver, growth after portal vein
 * embolization, and resectability.
 *
 * Sources: Vauthey 2002 / Ribero 2013 (TLV = -794.41 + 1267.28 x BSA), the review (seed:8:
 * at least 20 % in a normal liver, 30 % after chemotherapy), Azoulay/Kubota (40 % for an
 * injured liver), Shindoh 2013 (kinetic growth rate >= 2 %/week), Kishi 2010 (>= 9 cycles).
 * Every number that cannot be computed is NaN and every judgement that cannot be made is
 * CRLM_TRI_UNKNOWN, with the missing inputs named: an unknown liver condition is not "normal".
 * An impossible intermediate is unknown too, never a number: an estimated total liver volume
 * outside the profile's physiological range, or smaller than the remnant, leaves the sFLR,
 * the hypertrophy and the growth rate unknown (`implausible` says which, `missing` names
 * tlv_estimated_ml or sflr_pct), so no judgement rests on it.
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
    X(PVE_VOLUMETRY, "volumetry_before_and_after_pve")                                         \
    X(TLV_ESTIMATE, "tlv_estimated_ml")                                                        \
    X(SFLR, "sflr_pct")

typedef enum crlm_liver_input {
#define CRLM__LI_ENUM(id, name) CRLM_LIVER_IN_##id,
    CRLM_LIVER_INPUT_TABLE(CRLM__LI_ENUM)
#undef CRLM__LI_ENUM
    CRLM_LIVER_INPUT_COUNT
} crlm_liver_input;
const char *crlm_liver_input_name(crlm_liver_input in);

/* Why a remnant figure that the inputs should give could not be used. */
typedef enum crlm_liver_implausible {
    CRLM_LIVER_PLAUSIBLE = 0,
    CRLM_LIVER_TLV_OUT_OF_RANGE, /* the TLV formula's output outside the profile's
                                    physiological range (tlv_physiological_min/max_ml) */
    CRLM_LIVER_FLR_OVER_TLV      /* FLR larger than the estimated total: sFLR over 100 % */
} crlm_liver_implausible;

typedef struct crlm_liver {
    double bsa_m2;
    const char *bsa_formula;     /* "mosteller" or "dubois" (static) */
    double tlv_estimated_ml;     /* NaN when unknown or outside the physiological range */
    double tlv_formula_ml;       /* the formula's output as computed, even when implausible */
    crlm_liver_implausible implausible; /* why sflr_pct (or the TLV) was refused */
    double implausible_flr_ml;   /* the FLR that exceeded the TLV (CRLM_LIVER_FLR_OVER_TLV) */
    crlm_date volumetry_date;    /* the volumetry used; unknown when none */
    double flr_ml;
    double flr_measured_pct;     /* FLR / (measured total - tumour); NaN unless 0..100 % */
    double sflr_pct;             /* FLR / estimated TLV; NaN unless 0..100 % */
    double threshold_min_pct, threshold_max_pct; /* equal when the liver's state is known */
    const char *threshold_reason;/* static: "normal liver", "after chemotherapy", ... */
    crlm_tri chemo_exposed;
    crlm_tri adequate;           /* sFLR >= threshold (inclusive: "at least", seed:8);
                                    UNKNOWN always with a `missing` bit naming why */
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
