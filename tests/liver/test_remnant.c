/* The liver remnant against hand computations (clinical-reference.md §5):
 * 175 cm, 80 kg -> Mosteller BSA sqrt(175*80/3600) = 1.97203 m2 -> TLV -794.41 + 1267.28 x BSA
 * = 1704.70 mL -> FLR 400 mL is 23.46 % (DuBois: BSA 1.95606, TLV 1684.47, 23.75 %);
 * PVE growth 308 -> 435 mL at 21 days -> DH 7.45 points, KGR 2.48 %/week. */
#include <math.h>

#include "test_util.h"

#include "crlm/liver.h"

#define P TEST_PROFILE

static crlm_liver liver_of(const char *body, const crlm_profile *p)
{
    char json[4096];
    snprintf(json, sizeof json,
             "{\"format\":\"crlm-case/1\",\"id\":\"L\",\"assessed_on\":\"2024-06-01\",%s}", body);
    crlm_case *c = test_case(json, p);
    crlm_liver l;
    crlm_liver_compute(c, p, &l);
    crlm_case_free(c);
    return l;
}

#define PATIENT(cond) "\"patient\":{\"height_cm\":175,\"weight_kg\":80" cond "}"
#define VOL(flr) "\"volumetry\":[{\"date\":\"2024-05-20\",\"total_liver_ml\":1650,\"tumor_ml\":50,\"flr_ml\":" #flr "}]"
#define PLAN_OK "\"plan\":{\"expected_margin\":\"r0\",\"remnant_contiguous_segments\":3,\"inflow_outflow_preserved\":true,\"biliary_drainage_preserved\":true}"

static void standardized_remnant(void **state)
{
    (void)state;
    crlm_liver l = liver_of(PATIENT(",\"liver_condition\":\"normal\"") ",\"chemotherapy\":[]," VOL(400) "," PLAN_OK, P);
    assert_true(fabs(l.bsa_m2 - 1.97203) < 1e-4);
    assert_true(fabs(l.tlv_estimated_ml - 1704.70) < 0.05);
    assert_true(fabs(l.sflr_pct - 23.46) < 0.01);
    assert_true(fabs(l.flr_measured_pct - 25.0) < 1e-9); /* 400 / (1650 - 50) */
    assert_true(l.threshold_min_pct == 20 && l.threshold_max_pct == 20);
    assert_int_equal(l.adequate, CRLM_TRI_TRUE);
    assert_int_equal(l.resectable, CRLM_TRI_TRUE);
    /* the same remnant after chemotherapy: 30 % applies, 23.5 % is inadequate */
    l = liver_of(PATIENT(",\"liver_condition\":\"normal\"")
                 ",\"chemotherapy\":[{\"line\":1,\"started_on\":\"2024-01-10\",\"ended_on\":\"2024-04-01\",\"cycles\":6}],"
                 VOL(400) "," PLAN_OK, P);
    assert_true(l.threshold_min_pct == 30 && l.threshold_max_pct == 30);
    assert_int_equal(l.chemo_exposed, CRLM_TRI_TRUE);
    assert_int_equal(l.adequate, CRLM_TRI_FALSE);
    assert_int_equal(l.resectable, CRLM_TRI_FALSE);
}

static void dubois_option(void **state)
{
    (void)state;
    crlm_profile *d = test_profile_with("\"value\": \"mosteller\"", "\"value\": \"dubois\"");
    crlm_liver l = liver_of(PATIENT("") "," VOL(400), d);
    assert_string_equal(l.bsa_formula, "dubois");
    assert_true(fabs(l.bsa_m2 - 1.95606) < 1e-4);
    assert_true(fabs(l.tlv_estimated_ml - 1684.47) < 0.05);
    assert_true(fabs(l.sflr_pct - 23.75) < 0.01);
    crlm_profile_free(d);
}

static void thresholds_at_the_boundary(void **state)
{
    (void)state;
    /* FLR giving exactly 20.0 % of 1704.6998625 mL is 340.9399725 mL: "at least" includes it */
    crlm_liver l = liver_of(PATIENT(",\"liver_condition\":\"normal\"") ",\"chemotherapy\":[],"
                            "\"volumetry\":[{\"date\":\"2024-05-20\",\"flr_ml\":340.94}]", P);
    assert_true(l.sflr_pct >= 20.0 && l.sflr_pct < 20.001);
    assert_int_equal(l.adequate, CRLM_TRI_TRUE);
    l = liver_of(PATIENT(",\"liver_condition\":\"normal\"") ",\"chemotherapy\":[],"
                 "\"volumetry\":[{\"date\":\"2024-05-20\",\"flr_ml\":340.9}]", P);
    assert_int_equal(l.adequate, CRLM_TRI_FALSE);
    /* injured liver: 40 % */
    l = liver_of(PATIENT(",\"liver_condition\":\"sinusoidal_injury\"") ",\"chemotherapy\":[]," VOL(600), P);
    assert_true(l.threshold_min_pct == 40);
    assert_int_equal(l.adequate, CRLM_TRI_FALSE); /* 35.2 % */
    l = liver_of(PATIENT(",\"liver_condition\":\"cirrhosis\"") ",\"chemotherapy\":[]," VOL(700), P);
    assert_int_equal(l.adequate, CRLM_TRI_TRUE); /* 41.1 % */
}

static void unknowns_make_ranges(void **state)
{
    (void)state;
    /* liver condition and chemotherapy unknown: threshold 20..40; 25 % is undecidable */
    crlm_liver l = liver_of(PATIENT("") "," VOL(426), P);
    assert_true(l.threshold_min_pct == 20 && l.threshold_max_pct == 40);
    assert_int_equal(l.adequate, CRLM_TRI_UNKNOWN);
    assert_true(l.missing & (1u << CRLM_LIVER_IN_LIVER_CONDITION));
    assert_true(l.missing & (1u << CRLM_LIVER_IN_CHEMOTHERAPY));
    /* ...but 45 % is adequate whatever the liver, and 15 % inadequate whatever it is */
    l = liver_of(PATIENT("") "," VOL(770), P);
    assert_int_equal(l.adequate, CRLM_TRI_TRUE);
    l = liver_of(PATIENT("") "," VOL(260), P);
    assert_int_equal(l.adequate, CRLM_TRI_FALSE);
    /* no height: no BSA, no sFLR, no judgement; never a guess */
    l = liver_of("\"patient\":{\"weight_kg\":80}," VOL(400), P);
    assert_true(isnan(l.sflr_pct));
    assert_int_equal(l.adequate, CRLM_TRI_UNKNOWN);
    assert_true(l.missing & (1u << CRLM_LIVER_IN_HEIGHT_WEIGHT));
    /* resectable unknown without a plan, false with an expected R2 whatever else */
    l = liver_of(PATIENT(",\"liver_condition\":\"normal\"") ",\"chemotherapy\":[]," VOL(600), P);
    assert_int_equal(l.resectable, CRLM_TRI_UNKNOWN);
    assert_true(l.missing & (1u << CRLM_LIVER_IN_MARGIN));
    l = liver_of(PATIENT("") ",\"plan\":{\"expected_margin\":\"r2\"}", P);
    assert_int_equal(l.resectable, CRLM_TRI_FALSE);
    l = liver_of(PATIENT(",\"liver_condition\":\"normal\"") ",\"chemotherapy\":[]," VOL(600)
                 ",\"plan\":{\"expected_margin\":\"r1\",\"remnant_contiguous_segments\":1,"
                 "\"inflow_outflow_preserved\":true,\"biliary_drainage_preserved\":true}", P);
    assert_int_equal(l.resectable, CRLM_TRI_FALSE); /* one segment */
}

static void cycles_raise_the_threshold(void **state)
{
    (void)state;
    /* Shindoh's rule (over 12 weeks) as the profile option: 8 weeks of chemotherapy do not
     * count, but 9 cycles set 30 % whatever the exposure rule (Kishi 2010). */
    crlm_profile *w = test_profile_with("\"value\": \"any\"", "\"value\": \"over_min_weeks\"");
    crlm_liver l = liver_of(PATIENT(",\"liver_condition\":\"normal\"")
                            ",\"chemotherapy\":[{\"line\":1,\"started_on\":\"2024-03-01\",\"ended_on\":\"2024-04-26\",\"cycles\":4}],"
                            VOL(400), w);
    assert_int_equal(l.chemo_exposed, CRLM_TRI_FALSE); /* 56 days */
    assert_true(l.threshold_min_pct == 20);
    l = liver_of(PATIENT(",\"liver_condition\":\"normal\"")
                 ",\"chemotherapy\":[{\"line\":1,\"started_on\":\"2024-03-01\",\"ended_on\":\"2024-04-26\",\"cycles\":9}],"
                 VOL(400), w);
    assert_int_equal(l.chemo_exposed, CRLM_TRI_TRUE);
    assert_true(l.threshold_min_pct == 30);
    /* cycles not recorded: they might reach 9, so exposure is unknown, not "none" */
    l = liver_of(PATIENT(",\"liver_condition\":\"normal\"")
                 ",\"chemotherapy\":[{\"line\":1,\"started_on\":\"2024-03-01\",\"ended_on\":\"2024-04-26\"}],"
                 VOL(400), w);
    assert_int_equal(l.chemo_exposed, CRLM_TRI_UNKNOWN);
    assert_true(l.threshold_min_pct == 20 && l.threshold_max_pct == 30);
    assert_int_equal(l.adequate, CRLM_TRI_UNKNOWN); /* 23.5 % */
    crlm_profile_free(w);
}

static void pve_kinetic_growth(void **state)
{
    (void)state;
    crlm_liver l = liver_of(PATIENT(",\"liver_condition\":\"normal\"") ",\"chemotherapy\":[],"
                            "\"volumetry\":[{\"date\":\"2024-04-01\",\"flr_ml\":308,\"after_pve\":false},"
                            "{\"date\":\"2024-04-26\",\"flr_ml\":435,\"after_pve\":true}],"
                            "\"plan\":{\"pve_on\":\"2024-04-05\"}", P);
    assert_true(fabs(l.degree_of_hypertrophy_pct - 7.45) < 0.01);
    assert_true(fabs(l.weeks_after_pve - 3.0) < 1e-12);
    assert_true(fabs(l.kgr_pct_per_week - 2.48) < 0.01);
    assert_int_equal(l.kgr_adequate, CRLM_TRI_TRUE);
    assert_true(fabs(l.sflr_pct - 25.52) < 0.01); /* the remnant judged is the one after PVE */
    /* slower growth: 308 -> 360 mL in 3 weeks = 1.02 %/week */
    l = liver_of(PATIENT("") ",\"volumetry\":[{\"date\":\"2024-04-01\",\"flr_ml\":308},"
                 "{\"date\":\"2024-04-26\",\"flr_ml\":360}],\"plan\":{\"pve_on\":\"2024-04-05\"}", P);
    assert_true(fabs(l.kgr_pct_per_week - 1.02) < 0.01);
    assert_int_equal(l.kgr_adequate, CRLM_TRI_FALSE);
    /* no volumetry before the embolization: no KGR, named as missing */
    l = liver_of(PATIENT("") ",\"volumetry\":[{\"date\":\"2024-04-26\",\"flr_ml\":360}],"
                 "\"plan\":{\"pve_on\":\"2024-04-05\"}", P);
    assert_true(isnan(l.kgr_pct_per_week));
    assert_int_equal(l.kgr_adequate, CRLM_TRI_UNKNOWN);
    assert_true(l.missing & (1u << CRLM_LIVER_IN_PVE_VOLUMETRY));
}

#define BIT(in) (1u << CRLM_LIVER_IN_##in)

/* A profile whose TLV formula is the constant `ml` (intercept ml, slope 0). */
static crlm_profile *constant_tlv(const char *ml)
{
    char to[96];
    snprintf(to, sizeof to, "\"tlv_intercept_ml\": { \"value\": %s", ml);
    const char *const edits[2][2] = {
        {"\"tlv_intercept_ml\": { \"value\": -794.41", to},
        {"\"tlv_slope_ml_per_m2\": { \"value\": 1267.28", "\"tlv_slope_ml_per_m2\": { \"value\": 0"}};
    return test_profile_edited(edits, 2);
}

/* An impossible TLV is no TLV: 50 cm and 10 kg give a Mosteller BSA of 0.373 m2 and a formula
 * value of -794.41 + 1267.28 x 0.3727 = -322.1 mL, which made an sFLR of -347.7 % (and, with a
 * zero formula, an infinite one that read "adequate"). Now the sFLR is unknown, the remnant
 * cannot be judged, and tlv_estimated_ml is named. */
static void impossible_tlv_is_unknown(void **state)
{
    (void)state;
    crlm_liver l = liver_of("\"patient\":{\"height_cm\":50,\"weight_kg\":10,\"liver_condition\":\"normal\"},"
                            "\"chemotherapy\":[]," VOL(400) "," PLAN_OK, P);
    assert_true(fabs(l.bsa_m2 - 0.37268) < 1e-4);
    assert_true(fabs(l.tlv_formula_ml - -322.10) < 0.05);
    assert_true(isnan(l.tlv_estimated_ml));
    assert_true(isnan(l.sflr_pct));
    assert_int_equal(l.implausible, CRLM_LIVER_TLV_OUT_OF_RANGE);
    assert_int_equal(l.adequate, CRLM_TRI_UNKNOWN);
    assert_int_equal(l.technically_resectable, CRLM_TRI_TRUE);
    assert_int_equal(l.resectable, CRLM_TRI_UNKNOWN);
    assert_true(l.missing & BIT(TLV_ESTIMATE));
    /* a profile whose formula gives 0 mL */
    crlm_profile *zero = constant_tlv("0");
    l = liver_of(PATIENT(",\"liver_condition\":\"normal\"") ",\"chemotherapy\":[]," VOL(400) "," PLAN_OK, zero);
    assert_true(l.tlv_formula_ml == 0.0);
    assert_true(isnan(l.sflr_pct));
    assert_int_equal(l.adequate, CRLM_TRI_UNKNOWN);
    assert_int_equal(l.resectable, CRLM_TRI_UNKNOWN);
    assert_true(l.missing & BIT(TLV_ESTIMATE));
    crlm_profile_free(zero);
}

/* The physiological range is inclusive at both ends (500 and 4000 mL by default); one tenth
 * of a millilitre outside is refused. */
static void tlv_range_boundaries(void **state)
{
    (void)state;
    static const struct {
        const char *ml;
        bool known;
        crlm_tri adequate; /* FLR 400 mL: 80 % of 500, 10 % of 4000 */
    } rows[] = {{"500", true, CRLM_TRI_TRUE},
                {"499.9", false, CRLM_TRI_UNKNOWN},
                {"4000", true, CRLM_TRI_FALSE},
                {"4000.1", false, CRLM_TRI_UNKNOWN}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        crlm_profile *p = constant_tlv(rows[i].ml);
        crlm_liver l = liver_of(PATIENT(",\"liver_condition\":\"normal\"") ",\"chemotherapy\":[]," VOL(400), p);
        assert_true(rows[i].known ? CRLM_KNOWN(l.tlv_estimated_ml) : isnan(l.tlv_estimated_ml));
        assert_int_equal(l.implausible, rows[i].known ? CRLM_LIVER_PLAUSIBLE : CRLM_LIVER_TLV_OUT_OF_RANGE);
        assert_int_equal(l.adequate, rows[i].adequate);
        crlm_profile_free(p);
    }
}

/* A remnant larger than the estimated liver is no sFLR over 100 %: with a TLV of 500 mL, a
 * remnant of 500 mL is 100 % (adequate), one of 500.1 mL is refused and named. */
static void remnant_over_tlv_is_unknown(void **state)
{
    (void)state;
    crlm_profile *p = constant_tlv("500");
    crlm_liver l = liver_of(PATIENT(",\"liver_condition\":\"normal\"") ",\"chemotherapy\":[]," VOL(500) "," PLAN_OK, p);
    assert_true(l.sflr_pct == 100.0);
    assert_int_equal(l.adequate, CRLM_TRI_TRUE);
    l = liver_of(PATIENT(",\"liver_condition\":\"normal\"") ",\"chemotherapy\":[]," VOL(500.1) "," PLAN_OK, p);
    assert_true(isnan(l.sflr_pct));
    assert_int_equal(l.implausible, CRLM_LIVER_FLR_OVER_TLV);
    assert_true(l.implausible_flr_ml == 500.1);
    assert_int_equal(l.adequate, CRLM_TRI_UNKNOWN);
    assert_int_equal(l.resectable, CRLM_TRI_UNKNOWN);
    assert_true(l.missing & BIT(SFLR));
    crlm_profile_free(p);
    /* the measured remnant is a fraction of the liver minus tumour too: 1600 mL of
     * 1650 - 100 = 1550 mL is not 103 % but unknown */
    l = liver_of(PATIENT("") ",\"volumetry\":[{\"date\":\"2024-05-20\",\"total_liver_ml\":1650,"
                 "\"tumor_ml\":100,\"flr_ml\":1600}]", P);
    assert_true(isnan(l.flr_measured_pct));
    l = liver_of(PATIENT("") ",\"volumetry\":[{\"date\":\"2024-05-20\",\"total_liver_ml\":1650,"
                 "\"tumor_ml\":100,\"flr_ml\":1550}]", P);
    assert_true(l.flr_measured_pct == 100.0);
}

/* Growth after embolization rests on the TLV too: with an impossible TLV the hypertrophy and
 * the growth rate are unknown (the TLV is named, not the volumetry, which is there). */
static void pve_growth_needs_a_plausible_tlv(void **state)
{
    (void)state;
    crlm_liver l = liver_of("\"patient\":{\"height_cm\":50,\"weight_kg\":10},"
                            "\"volumetry\":[{\"date\":\"2024-04-01\",\"flr_ml\":308},"
                            "{\"date\":\"2024-04-26\",\"flr_ml\":435}],\"plan\":{\"pve_on\":\"2024-04-05\"}", P);
    assert_true(isnan(l.degree_of_hypertrophy_pct));
    assert_true(isnan(l.kgr_pct_per_week));
    assert_int_equal(l.kgr_adequate, CRLM_TRI_UNKNOWN);
    assert_true(l.missing & BIT(TLV_ESTIMATE));
    assert_false(l.missing & BIT(PVE_VOLUMETRY));
    /* a remnant after PVE larger than the (constant) TLV of 500 mL: unknown, not 108 % */
    crlm_profile *p = constant_tlv("500");
    l = liver_of(PATIENT("") ",\"volumetry\":[{\"date\":\"2024-04-01\",\"flr_ml\":308},"
                 "{\"date\":\"2024-04-26\",\"flr_ml\":540}],\"plan\":{\"pve_on\":\"2024-04-05\"}", p);
    assert_true(isnan(l.degree_of_hypertrophy_pct));
    assert_int_equal(l.kgr_adequate, CRLM_TRI_UNKNOWN);
    crlm_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(standardized_remnant), cmocka_unit_test(dubois_option),
        cmocka_unit_test(thresholds_at_the_boundary), cmocka_unit_test(unknowns_make_ranges),
        cmocka_unit_test(cycles_raise_the_threshold), cmocka_unit_test(pve_kinetic_growth),
        cmocka_unit_test(impossible_tlv_is_unknown), cmocka_unit_test(tlv_range_boundaries),
        cmocka_unit_test(remnant_over_tlv_is_unknown),
        cmocka_unit_test(pve_growth_needs_a_plausible_tlv),
    };
    return cmocka_run_group_tests(tests, test_profile_setup, test_profile_teardown);
}
