/* The liver remnant (see liver.h for the sources).
 *
 * Choices:
 * - The volumetry judged is the latest on or before the assessment date (after portal vein
 *   embolization when there was one): that is the remnant the surgeon will leave.
 * - The threshold is a range while the liver's condition or the chemotherapy history is
 *   unknown (20..40 %): a remnant of 25 % is then neither adequate nor inadequate, and the
 *   report names what is missing. 9 or more cycles set at least 30 % whatever the exposure
 *   rule (Kishi 2010).
 * - Chemotherapy exposure follows the profile: any line started before the assessment (the
 *   review, seed:8) or more than N weeks in total (Shindoh 2013).
 * - Kinetic growth rate: degree of hypertrophy at the first volumetry after the embolization,
 *   divided by the weeks elapsed since it (Shindoh 2013).
 * - An impossible intermediate is unknown, never a number: a TLV estimate outside the
 *   profile's physiological range (tlv_physiological_min_ml..max_ml), or a remnant larger
 *   than the liver it is part of (FLR over the TLV, or over the measured liver minus tumour),
 *   gives no percentage; the sFLR is then unknown and named, so adequacy and resectability are
 *   unknown and the pathway stops at insufficient_data instead of reading -348 % or 3.7
 *   million %. The range is an engine choice in the profile (docs/rules.md).
 */
#include <math.h>

#include "crlm/liver.h"

const char *crlm_liver_input_name(crlm_liver_input in)
{
    static const char *const names[] = {
#define N(id, name) name,
        CRLM_LIVER_INPUT_TABLE(N)
#undef N
    };
    return (unsigned)in < CRLM_LIVER_INPUT_COUNT ? names[in] : "";
}

#define MISS(in) (1u << CRLM_LIVER_IN_##in)

double crlm_bsa_mosteller(double height_cm, double weight_kg)
{
    return sqrt(height_cm * weight_kg / 3600.0);
}

double crlm_bsa_dubois(double height_cm, double weight_kg)
{
    return 0.007184 * pow(height_cm, 0.725) * pow(weight_kg, 0.425);
}

static bool injured(crlm_liver_condition lc)
{
    return lc == CRLM_LIVER_CIRRHOSIS || lc == CRLM_LIVER_FIBROSIS ||
           lc == CRLM_LIVER_STEATOHEPATITIS || lc == CRLM_LIVER_SINUSOIDAL_INJURY;
}

static crlm_date line_end(const crlm_case *c, const crlm_chemo_line *l)
{
    if (CRLM_DATE_KNOWN(l->ended_on))
        return l->ended_on;
    return c->assessed_on;
}

/* Cycles summed over the lines started before the assessment; -1 when any is unknown. */
static int total_cycles(const crlm_case *c, bool *unknown)
{
    int total = 0;
    *unknown = !c->chemotherapy_known;
    for (size_t i = 0; i < c->n_lines; i++) {
        const crlm_chemo_line *l = &c->lines[i];
        if (CRLM_DATE_KNOWN(c->assessed_on) && l->started_on > c->assessed_on)
            continue;
        if (l->cycles < 0)
            *unknown = true;
        else
            total += l->cycles;
    }
    return total;
}

static crlm_tri exposure(const crlm_case *c, const crlm_profile *p)
{
    if (!c->chemotherapy_known)
        return CRLM_TRI_UNKNOWN;
    bool any = false;
    double days = 0;
    bool days_unknown = false;
    for (size_t i = 0; i < c->n_lines; i++) {
        const crlm_chemo_line *l = &c->lines[i];
        if (CRLM_DATE_KNOWN(c->assessed_on) && l->started_on > c->assessed_on)
            continue;
        any = true;
        crlm_date end = line_end(c, l);
        if (CRLM_DATE_KNOWN(end))
            days += end - l->started_on;
        else
            days_unknown = true;
    }
    if (crlm_profile_num(p, CRLM_P_CHEMO_EXPOSURE_RULE) == 0)
        return any ? CRLM_TRI_TRUE : CRLM_TRI_FALSE;
    double min_days = 7.0 * crlm_profile_num(p, CRLM_P_CHEMO_EXPOSURE_MIN_WEEKS);
    if (days > min_days)
        return CRLM_TRI_TRUE;
    return days_unknown ? CRLM_TRI_UNKNOWN : CRLM_TRI_FALSE;
}

static void threshold(const crlm_case *c, const crlm_profile *p, crlm_liver *out)
{
    double normal = crlm_profile_num(p, CRLM_P_FLR_NORMAL_PCT);
    double chemo = crlm_profile_num(p, CRLM_P_FLR_CHEMOTHERAPY_PCT);
    double hurt = crlm_profile_num(p, CRLM_P_FLR_INJURED_PCT);
    crlm_liver_condition lc = c->patient.liver_condition;
    out->chemo_exposed = exposure(c, p);
    bool cycles_unknown;
    int cycles = total_cycles(c, &cycles_unknown);
    if (cycles >= crlm_profile_num(p, CRLM_P_FLR_CHEMO_CYCLES))
        out->chemo_exposed = CRLM_TRI_TRUE;
    else if (cycles_unknown && out->chemo_exposed == CRLM_TRI_FALSE)
        out->chemo_exposed = CRLM_TRI_UNKNOWN; /* unrecorded cycles might reach the limit */
    if (injured(lc)) {
        out->threshold_min_pct = out->threshold_max_pct = hurt;
        out->threshold_reason = "injured liver (cirrhosis, fibrosis, steatohepatitis or sinusoidal injury)";
        return;
    }
    double lo, hi;
    if (out->chemo_exposed == CRLM_TRI_TRUE) {
        lo = hi = chemo;
        out->threshold_reason = "after chemotherapy";
    } else if (out->chemo_exposed == CRLM_TRI_FALSE) {
        lo = hi = normal;
        out->threshold_reason = "normal liver without chemotherapy";
    } else {
        lo = fmin(normal, chemo);
        hi = fmax(normal, chemo);
        out->missing |= MISS(CHEMOTHERAPY);
        out->threshold_reason = "chemotherapy history unknown";
    }
    if (lc == CRLM_LIVER_UNKNOWN) {
        hi = fmax(hi, hurt);
        out->missing |= MISS(LIVER_CONDITION);
        out->threshold_reason = "liver condition unknown";
    }
    out->threshold_min_pct = lo;
    out->threshold_max_pct = hi;
}

static const crlm_volumetry *latest_volumetry(const crlm_case *c)
{
    const crlm_volumetry *v = NULL;
    for (size_t i = 0; i < c->n_volumetry; i++)
        if (CRLM_KNOWN(c->volumetry[i].flr_ml))
            v = &c->volumetry[i];
    return v;
}

/* A volume as a percentage of a whole: known only when both are finite, the whole positive and
 * the part no larger than it. A remnant larger than the liver it is a part of is not 120 %: it
 * is an error in the inputs, and it must not pass for a large remnant. */
static double fraction_pct(double part_ml, double whole_ml)
{
    if (!isfinite(part_ml) || !isfinite(whole_ml) || whole_ml <= 0 || part_ml < 0 ||
        part_ml > whole_ml)
        return NAN;
    return 100.0 * part_ml / whole_ml;
}

static void pve_growth(const crlm_case *c, double tlv, crlm_liver *out)
{
    crlm_date pve = c->plan.pve_on;
    out->degree_of_hypertrophy_pct = out->kgr_pct_per_week = out->weeks_after_pve = NAN;
    out->kgr_adequate = CRLM_TRI_UNKNOWN;
    if (!CRLM_DATE_KNOWN(pve))
        return;
    const crlm_volumetry *before = NULL, *after = NULL;
    for (size_t i = 0; i < c->n_volumetry; i++) {
        const crlm_volumetry *v = &c->volumetry[i];
        if (!CRLM_KNOWN(v->flr_ml))
            continue;
        bool is_after = v->after_pve == CRLM_TRI_TRUE ||
                        (v->after_pve == CRLM_TRI_UNKNOWN && v->date > pve);
        if (!is_after && v->date <= pve)
            before = v;
        else if (is_after && v->date > pve && !after)
            after = v;
    }
    if (!before || !after) {
        out->missing |= MISS(PVE_VOLUMETRY);
        return;
    }
    /* an unknown or implausible TLV is already named (height_weight, tlv_estimated_ml) */
    double s0 = fraction_pct(before->flr_ml, tlv), s1 = fraction_pct(after->flr_ml, tlv);
    out->weeks_after_pve = (after->date - pve) / 7.0;
    if (!CRLM_KNOWN(s0) || !CRLM_KNOWN(s1) || !(out->weeks_after_pve > 0))
        return;
    out->degree_of_hypertrophy_pct = s1 - s0;
    out->kgr_pct_per_week = out->degree_of_hypertrophy_pct / out->weeks_after_pve;
}

/* The estimated total liver volume (Vauthey 2002): known only when the body-surface area is,
 * and refused (NaN, `implausible` set, tlv_estimated_ml named) when the formula's output lies
 * outside the profile's physiological range: a child's height typed for an adult, or a
 * profile whose coefficients give 0 mL, must not become an sFLR. */
static void estimate_tlv(const crlm_case *c, const crlm_profile *p, crlm_liver *out)
{
    bool dubois = crlm_profile_num(p, CRLM_P_BSA_FORMULA) == 1;
    out->bsa_formula = dubois ? "dubois" : "mosteller";
    double h = c->patient.height_cm, w = c->patient.weight_kg;
    if (!CRLM_KNOWN(h) || !CRLM_KNOWN(w)) {
        out->missing |= MISS(HEIGHT_WEIGHT);
        return;
    }
    double bsa = dubois ? crlm_bsa_dubois(h, w) : crlm_bsa_mosteller(h, w);
    if (isfinite(bsa) && bsa > 0)
        out->bsa_m2 = bsa;
    out->tlv_formula_ml = crlm_profile_num(p, CRLM_P_TLV_INTERCEPT_ML) +
                          crlm_profile_num(p, CRLM_P_TLV_SLOPE_ML_PER_M2) * out->bsa_m2;
    if (isfinite(out->tlv_formula_ml) &&
        out->tlv_formula_ml >= crlm_profile_num(p, CRLM_P_TLV_PHYSIOLOGICAL_MIN_ML) &&
        out->tlv_formula_ml <= crlm_profile_num(p, CRLM_P_TLV_PHYSIOLOGICAL_MAX_ML)) {
        out->tlv_estimated_ml = out->tlv_formula_ml;
        return;
    }
    out->implausible = CRLM_LIVER_TLV_OUT_OF_RANGE;
    out->missing |= MISS(TLV_ESTIMATE);
}

static crlm_tri tri_and(crlm_tri a, crlm_tri b)
{
    if (a == CRLM_TRI_FALSE || b == CRLM_TRI_FALSE)
        return CRLM_TRI_FALSE;
    if (a == CRLM_TRI_TRUE && b == CRLM_TRI_TRUE)
        return CRLM_TRI_TRUE;
    return CRLM_TRI_UNKNOWN;
}

void crlm_liver_compute(const crlm_case *c, const crlm_profile *p, crlm_liver *out)
{
    *out = (crlm_liver){.bsa_m2 = NAN, .tlv_estimated_ml = NAN, .tlv_formula_ml = NAN,
                        .implausible_flr_ml = NAN, .volumetry_date = CRLM_DATE_UNKNOWN,
                        .flr_ml = NAN, .flr_measured_pct = NAN, .sflr_pct = NAN};
    estimate_tlv(c, p, out);
    const crlm_volumetry *v = latest_volumetry(c);
    if (v) {
        out->volumetry_date = v->date;
        out->flr_ml = v->flr_ml;
        if (CRLM_KNOWN(v->total_liver_ml) && CRLM_KNOWN(v->tumor_ml))
            out->flr_measured_pct = fraction_pct(v->flr_ml, v->total_liver_ml - v->tumor_ml);
        if (CRLM_KNOWN(out->tlv_estimated_ml)) {
            out->sflr_pct = fraction_pct(v->flr_ml, out->tlv_estimated_ml);
            if (!CRLM_KNOWN(out->sflr_pct)) {
                out->implausible = CRLM_LIVER_FLR_OVER_TLV;
                out->implausible_flr_ml = v->flr_ml;
                out->missing |= MISS(SFLR);
            }
        }
    } else {
        out->missing |= MISS(VOLUMETRY);
    }
    threshold(c, p, out);
    if (CRLM_KNOWN(out->sflr_pct)) {
        if (out->sflr_pct >= out->threshold_max_pct)
            out->adequate = CRLM_TRI_TRUE;
        else if (out->sflr_pct < out->threshold_min_pct)
            out->adequate = CRLM_TRI_FALSE;
    }
    /* an unknown adequacy is always named: every path above sets a bit, and should a future
     * one not, sflr_pct is named rather than nothing */
    if (out->adequate == CRLM_TRI_UNKNOWN &&
        !(out->missing & (MISS(HEIGHT_WEIGHT) | MISS(VOLUMETRY) | MISS(LIVER_CONDITION) |
                          MISS(CHEMOTHERAPY) | MISS(TLV_ESTIMATE) | MISS(SFLR))))
        out->missing |= MISS(SFLR);
    pve_growth(c, out->tlv_estimated_ml, out);
    if (isfinite(out->kgr_pct_per_week))
        out->kgr_adequate = out->kgr_pct_per_week >= crlm_profile_num(p, CRLM_P_KGR_MIN_PCT_PER_WEEK)
                                ? CRLM_TRI_TRUE
                                : CRLM_TRI_FALSE;

    /* Resectable (review, seed:5/seed:7/seed:8): R0 or R1 expected, two contiguous segments,
     * inflow/outflow and biliary drainage preserved, an adequate remnant. */
    const crlm_plan *pl = &c->plan;
    crlm_tri margin = pl->expected_margin == CRLM_MARGIN_UNKNOWN ? CRLM_TRI_UNKNOWN
                      : pl->expected_margin == CRLM_MARGIN_R2    ? CRLM_TRI_FALSE
                                                                 : CRLM_TRI_TRUE;
    crlm_tri segs = pl->remnant_contiguous_segments < 0    ? CRLM_TRI_UNKNOWN
                    : pl->remnant_contiguous_segments >=
                            crlm_profile_num(p, CRLM_P_REMNANT_MIN_SEGMENTS) ? CRLM_TRI_TRUE
                                                           : CRLM_TRI_FALSE;
    if (margin == CRLM_TRI_UNKNOWN)
        out->missing |= MISS(MARGIN);
    if (segs == CRLM_TRI_UNKNOWN)
        out->missing |= MISS(SEGMENTS);
    if (pl->inflow_outflow_preserved == CRLM_TRI_UNKNOWN)
        out->missing |= MISS(INFLOW_OUTFLOW);
    if (pl->biliary_drainage_preserved == CRLM_TRI_UNKNOWN)
        out->missing |= MISS(BILIARY);
    crlm_tri r = tri_and(margin, segs);
    r = tri_and(r, pl->inflow_outflow_preserved);
    r = tri_and(r, pl->biliary_drainage_preserved);
    out->technically_resectable = r;
    out->resectable = tri_and(r, out->adequate);
}
