/* The decision rules (src/pathway/rules.c) against the clinical sources, not against the code:
 * every rule of crlm_pathway_rules() fires in one case and stays silent in a closely matched
 * case with one input changed, and every decisive input, when removed from a decidable case,
 * gives insufficient_data with that input named (an unknown is never read as false), while an
 * unknown that cannot change the answer does not.
 *
 * Expected values: Araujo 2022 (seed; clinical-reference.md §7.1 and §7.4): symptomatic primary
 * first; Fong 0-2 upfront resection, 3-5 perioperative chemotherapy, strict cut-offs (CEA > 200,
 * largest > 5 cm, > 1 tumour, DFI < 12 calendar months; §0); extended hepatectomy -> chemotherapy
 * to spare parenchyma is an option; conversion regimen by RAS and side (RAS wt left ->
 * doublet + anti-EGFR; RAS mutant -> doublet or FOLFOXIRI + bevacizumab; right-sided RAS wt ->
 * no anti-EGFR benefit, Tejpar); resectability (§5.1): R0/R1, two contiguous segments, inflow,
 * outflow, biliary drainage, sFLR >= 20 % / 30 % after chemotherapy / 40 % injured liver;
 * progressors (§8): progression on second line (Adam 2017) and early progression after the end
 * of chemotherapy (Vigano 2018) are hard stops; the selection limits are the profile's
 * (report-format.md defaults: at most 3 tumours, largest at most 50 mm, CEA at most 200 ng/mL,
 * no extrahepatic disease, R0, adequate remnant). Case arithmetic is in pathway_test.h and in
 * the comments below. */
#include "pathway_test.h"
#include "crlm/profile_read.h"

static crlm_profile *P;
static json_t *rep;
static int setup(void **s) { (void)s; P = crlm_profile_default_new(); return P ? 0 : -1; }
static int teardown(void **s) { (void)s; crlm_profile_free(P); return 0; }
/* Runs the case; `rep` holds the report of the last run. */
#define EVAL(c) (json_decref(rep), rep = pt_eval_with((c), P))
#define DONE(c) (json_decref(c), json_decref(rep), rep = NULL)

/* U with a second tumour and node-positive primary: Fong 2 (n1 + 2 tumours; CEA 12, largest
 * 30 mm, DFI 27 months score nothing). */
static json_t *fong_two(void)
{
    json_t *c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "primary/n_stage", "\"n1\"");
    pt_set(c, "imaging/0/lesions/1", PT_LES("L2", 20));
    return c;
}

/* ---- untreated disease ------------------------------------------------------------------- */

static void fong_low_upfront(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_UNTREATED);
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    PT_FIRED(rep, "crs_low_upfront");
    PT_NOT_FIRED(rep, "crs_high_neoadjuvant");
    assert_true(pt_option(rep, "perioperative_chemotherapy"));
    /* postoperative chemotherapy: a doublet, never anti-EGFR around the resection (New EPOC) */
    PT_FIRED(rep, "regimen_perioperative_doublet");
    assert_true(pt_suggested(rep, "doublet"));
    assert_true(pt_avoid(rep, "anti_egfr_perioperative"));
    assert_false(pt_suggested(rep, "doublet_anti_egfr"));
    assert_int_equal(pt_missing_count(rep), 0);
    DONE(c);
}

static void fong_boundary_two_three(void **s)
{
    (void)s;
    json_t *c = fong_two();
    /* CEA exactly 200: not over 200 (strict), Fong stays 2 -> low */
    pt_set(c, "cea/0/value_ng_ml", "200");
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    PT_FIRED(rep, "crs_low_upfront");
    PT_NOT_FIRED(rep, "crs_high_neoadjuvant");
    /* CEA 200.1: one more point, Fong 3 -> high risk, perioperative chemotherapy */
    pt_set(c, "cea/0/value_ng_ml", "200.1");
    EVAL(c);
    PT_REC(rep, "perioperative_chemotherapy");
    PT_FIRED(rep, "crs_high_neoadjuvant");
    PT_NOT_FIRED(rep, "crs_low_upfront");
    assert_true(pt_option(rep, "upfront_resection"));
    PT_FIRED(rep, "regimen_perioperative_doublet");
    assert_true(pt_suggested(rep, "doublet"));
    assert_true(pt_avoid(rep, "anti_egfr_perioperative"));
    DONE(c);
}

static void extended_hepatectomy_spares_parenchyma(void **s)
{
    (void)s;
    /* Fong 0 and a major hepatectomy: upfront resection, and preoperative chemotherapy is an
     * option "regardless of whether they have a high or low CRS" (the review). */
    json_t *c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "plan/procedure", "\"major_hepatectomy\"");
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    PT_FIRED(rep, "extended_hepatectomy_parenchyma_sparing");
    assert_true(pt_option(rep, "perioperative_chemotherapy"));
    pt_set(c, "plan/procedure", "\"minor_hepatectomy\"");
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    PT_NOT_FIRED(rep, "extended_hepatectomy_parenchyma_sparing");
    DONE(c);
}

static void symptomatic_primary_first(void **s)
{
    (void)s;
    /* Primary in place (no resected_on), diagnosed 2024-04-20, metastases 2024-05-02: synchronous
     * (12 days, within 90) -> DFI point; Fong 1 otherwise. */
    json_t *c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "primary/resected_on", NULL);
    pt_set(c, "primary/diagnosed_on", "\"2024-04-20\"");
    pt_set(c, "primary/symptomatic", "true");
    EVAL(c);
    PT_REC(rep, "primary_first");
    PT_FIRED(rep, "symptomatic_primary_first");
    /* then systemic chemotherapy: RAS wt, left -> doublet + anti-EGFR */
    PT_FIRED(rep, "regimen_conversion_ras_wt_left");
    assert_true(pt_suggested(rep, "doublet_anti_egfr"));
    /* asymptomatic: the liver decides (Fong 1, low) */
    pt_set(c, "primary/symptomatic", "false");
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    PT_NOT_FIRED(rep, "symptomatic_primary_first");
    /* symptomatic but already resected: nothing left to treat first */
    pt_set(c, "primary/symptomatic", "true");
    pt_set(c, "primary/resected_on", "\"2024-04-25\"");
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    PT_NOT_FIRED(rep, "symptomatic_primary_first");
    DONE(c);
}

static void extrahepatic_unresectable_systemic(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "extrahepatic", "[{\"site\":\"lung\",\"resectable\":false}]");
    EVAL(c);
    PT_REC(rep, "systemic_therapy");
    PT_FIRED(rep, "extrahepatic_unresectable_systemic");
    assert_string_equal(pt_check(rep, "extrahepatic_unresectable"), "critical");
    /* the same lung metastasis, resectable: liver surgery stays on the table */
    pt_set(c, "extrahepatic", "[{\"site\":\"lung\",\"resectable\":true}]");
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    PT_NOT_FIRED(rep, "extrahepatic_unresectable_systemic");
    assert_null(pt_check(rep, "extrahepatic_unresectable"));
    DONE(c);
}

static void unresectable_conversion_each_criterion(void **s)
{
    (void)s;
    /* One technical criterion at a time makes the disease unresectable (review §5.1). */
    static const char *const edits[][2] = {
        {"plan/expected_margin", "\"r2\""},
        {"plan/remnant_contiguous_segments", "1"},
        {"plan/inflow_outflow_preserved", "false"},
        {"plan/biliary_drainage_preserved", "false"},
    };
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        json_t *c = pt_case(PT_BASE_UNTREATED);
        pt_set(c, edits[i][0], edits[i][1]);
        EVAL(c);
        PT_REC(rep, "conversion_chemotherapy");
        PT_FIRED(rep, "unresectable_conversion");
        PT_NOT_FIRED(rep, "crs_low_upfront");
        DONE(c);
    }
    /* two contiguous segments suffice ("at least two") */
    json_t *c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "plan/remnant_contiguous_segments", "2");
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    PT_NOT_FIRED(rep, "unresectable_conversion");
    /* R1 is accepted for resectability (vascular proximity, multinodular disease) */
    pt_set(c, "plan/expected_margin", "\"r1\"");
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    DONE(c);
}

static void conversion_regimen_by_ras_and_side(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "plan/expected_margin", "\"r2\"");
    /* RAS wild type (KRAS and NRAS wt), sigmoid (left): doublet + anti-EGFR */
    EVAL(c);
    PT_REC(rep, "conversion_chemotherapy");
    PT_FIRED(rep, "regimen_conversion_ras_wt_left");
    PT_NOT_FIRED(rep, "regimen_conversion_ras_mutant_or_right");
    assert_true(pt_suggested(rep, "doublet_anti_egfr"));
    assert_false(pt_avoid(rep, "anti_egfr"));
    /* KRAS mutant: doublet or FOLFOXIRI + bevacizumab, no anti-EGFR */
    pt_set(c, "molecular/kras", "\"mutant\"");
    EVAL(c);
    PT_FIRED(rep, "regimen_conversion_ras_mutant_or_right");
    PT_NOT_FIRED(rep, "regimen_conversion_ras_wt_left");
    assert_true(pt_suggested(rep, "doublet_bevacizumab"));
    assert_true(pt_suggested(rep, "folfoxiri_bevacizumab"));
    assert_false(pt_suggested(rep, "doublet_anti_egfr"));
    assert_true(pt_avoid(rep, "anti_egfr"));
    /* NRAS mutant alone is RAS mutant too */
    pt_set(c, "molecular/kras", "\"wild_type\"");
    pt_set(c, "molecular/nras", "\"mutant\"");
    EVAL(c);
    PT_FIRED(rep, "regimen_conversion_ras_mutant_or_right");
    assert_true(pt_avoid(rep, "anti_egfr"));
    /* RAS wild type but ascending colon (right-sided): no anti-EGFR benefit (Tejpar) */
    pt_set(c, "molecular/nras", "\"wild_type\"");
    pt_set(c, "primary/site", "\"ascending\"");
    EVAL(c);
    PT_FIRED(rep, "regimen_conversion_ras_mutant_or_right");
    assert_true(pt_suggested(rep, "doublet_bevacizumab"));
    assert_false(pt_suggested(rep, "doublet_anti_egfr"));
    assert_true(pt_avoid(rep, "anti_egfr"));
    /* transverse colon is right-sided (appendix to transverse) */
    pt_set(c, "primary/site", "\"transverse\"");
    EVAL(c);
    PT_FIRED(rep, "regimen_conversion_ras_mutant_or_right");
    /* splenic flexure is left-sided */
    pt_set(c, "primary/site", "\"splenic_flexure\"");
    EVAL(c);
    PT_FIRED(rep, "regimen_conversion_ras_wt_left");
    /* RAS unknown (NRAS not tested), left: anti-EGFR not until RAS wt is shown */
    pt_set(c, "molecular/nras", NULL);
    EVAL(c);
    PT_REC(rep, "conversion_chemotherapy");
    PT_FIRED(rep, "regimen_ras_or_side_unknown");
    PT_NOT_FIRED(rep, "regimen_conversion_ras_wt_left");
    assert_false(pt_suggested(rep, "doublet_anti_egfr"));
    assert_true(pt_suggested(rep, "doublet_bevacizumab"));
    assert_true(pt_avoid(rep, "anti_egfr"));
    /* RAS wt, site unknown: side unknown -> same */
    pt_set(c, "molecular/nras", "\"wild_type\"");
    pt_set(c, "primary/site", NULL);
    EVAL(c);
    PT_FIRED(rep, "regimen_ras_or_side_unknown");
    assert_true(pt_avoid(rep, "anti_egfr"));
    DONE(c);
}

static void inadequate_remnant_augmentation(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_UNTREATED);
    /* 340.9 mL / 1704.70 = 19.998 % < 20 %: augment */
    pt_set(c, "volumetry/0/flr_ml", "340.9");
    EVAL(c);
    PT_REC(rep, "remnant_augmentation");
    PT_FIRED(rep, "remnant_inadequate_augment");
    assert_string_equal(pt_check(rep, "remnant_inadequate"), "critical");
    /* 341 mL = 20.004 % >= 20 % ("at least"): upfront resection */
    pt_set(c, "volumetry/0/flr_ml", "341");
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    PT_NOT_FIRED(rep, "remnant_inadequate_augment");
    assert_null(pt_check(rep, "remnant_inadequate"));
    DONE(c);
}

/* ---- after chemotherapy, controlled ------------------------------------------------------ */

static void response_or_stable_resect(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_CONTROLLED);
    EVAL(c);
    PT_REC(rep, "resection_after_chemotherapy");
    PT_FIRED(rep, "response_resect");
    PT_FIRED(rep, "regimen_perioperative_doublet");
    assert_true(pt_suggested(rep, "doublet"));
    assert_true(pt_avoid(rep, "anti_egfr_perioperative"));
    /* stable disease: 36 + 27 = 63 mm (-10 %) at both restagings -> SD (60 days after the
     * baseline, over the 42-day minimum) -> resect as well */
    json_t *sd = pt_case(PT_BASE_AFTER_CHEMO(PT_LES("L1", 36) "," PT_LES("L2", 27) "," PT_NT("L3"),
                                             PT_LES("L1", 36) "," PT_LES("L2", 27) "," PT_NT("L3"), 12));
    EVAL(sd);
    PT_REC(rep, "resection_after_chemotherapy");
    PT_FIRED(rep, "response_resect");
    json_decref(sd);
    /* responding but an expected R2: not yet resectable, continue conversion */
    pt_set(c, "plan/expected_margin", "\"r2\"");
    EVAL(c);
    PT_REC(rep, "conversion_chemotherapy");
    PT_FIRED(rep, "not_yet_resectable_continue");
    PT_NOT_FIRED(rep, "response_resect");
    /* responding, technically resectable, remnant 450 mL = 26.4 % < 30 % after chemotherapy:
     * augmentation */
    pt_set(c, "plan/expected_margin", "\"r0\"");
    pt_set(c, "volumetry/0/flr_ml", "450");
    EVAL(c);
    PT_REC(rep, "remnant_augmentation");
    PT_FIRED(rep, "remnant_inadequate_augment");
    PT_NOT_FIRED(rep, "not_yet_resectable_continue");
    DONE(c);
}

/* ---- progression ------------------------------------------------------------------------- */

static void progressor_selected(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_PROGRESSING);
    EVAL(c);
    PT_REC(rep, "resection_despite_progression");
    PT_FIRED(rep, "progressor_selected_for_resection");
    PT_NOT_FIRED(rep, "progression_second_line_restage");
    assert_true(pt_option(rep, "second_line_then_restage"));
    assert_true(pt_suggested(rep, "doublet"));
    assert_string_equal(json_string_value(json_object_get(json_object_get(rep, "prognosis"),
                                                          "response_group")),
                        "progression");
    DONE(c);
}

/* One selection criterion at a time just over its limit -> second-line and restaging; exactly
 * at the limit -> still selected. */
static void progressor_limits(void **s)
{
    (void)s;
    static const struct {
        const char *path, *over, *at, *what;
    } lim[] = {
        /* L3 standing for 2 lesions: L1 + L2 + 2 = 4 tumours (limit 3); count 1: 3 tumours */
        {"imaging/2/lesions/2/count", "2", "1", "4 vs 3 tumours"},
        /* largest L1 50.1 mm (limit 50); 50 mm is at the limit (sums 90.1 / 90 mm, still PD) */
        {"imaging/2/lesions/0/diameter_mm", "50.1", "50", "largest 50.1 vs 50 mm"},
        /* CEA 200.1 ng/mL (limit 200) */
        {"cea/1/value_ng_ml", "200.1", "200", "CEA 200.1 vs 200"},
        /* extrahepatic disease present, even resectable */
        {"extrahepatic", "[{\"site\":\"lung\",\"resectable\":true}]", "[]", "extrahepatic disease"},
        /* R1 expected: the selection asks for R0 */
        {"plan/expected_margin", "\"r1\"", "\"r0\"", "R1 expected"},
        /* remnant 450 mL = 26.4 % < 30 %: not resectable with an adequate remnant; 511.5 mL =
         * 30.005 % is adequate */
        {"volumetry/0/flr_ml", "450", "511.5", "remnant 26.4 vs 30.0 %"},
    };
    for (size_t i = 0; i < sizeof lim / sizeof lim[0]; i++) {
        json_t *c = pt_case(PT_BASE_PROGRESSING);
        pt_set(c, lim[i].path, lim[i].over);
        EVAL(c);
        if (!pt_rec_is(rep, "second_line_then_restage"))
            fail_msg("over the limit: %s", lim[i].what);
        PT_FIRED(rep, "progression_second_line_restage");
        PT_NOT_FIRED(rep, "progressor_selected_for_resection");
        PT_FIRED(rep, "regimen_second_line");
        assert_true(pt_suggested(rep, "second_line"));
        /* RAS wt left: anti-EGFR stays possible in second line */
        assert_false(pt_avoid(rep, "anti_egfr"));
        pt_set(c, lim[i].path, lim[i].at);
        EVAL(c);
        if (!pt_rec_is(rep, "resection_despite_progression"))
            fail_msg("at the limit: %s", lim[i].what);
        DONE(c);
    }
    /* second line for a RAS-mutant tumour: avoid anti-EGFR */
    json_t *c = pt_case(PT_BASE_PROGRESSING);
    pt_set(c, "imaging/2/lesions/2/count", "2");
    pt_set(c, "molecular/kras", "\"mutant\"");
    EVAL(c);
    PT_REC(rep, "second_line_then_restage");
    assert_true(pt_avoid(rep, "anti_egfr"));
    DONE(c);
}

static void progression_on_second_line(void **s)
{
    (void)s;
    /* line 2: 2024-03-05 50 + 32 = 82 mm, +24.2 %, +16 mm over 66 -> PD on chemotherapy */
    json_t *c = pt_case(PT_SECOND_LINE_CASE(PT_LES("L1", 50) "," PT_LES("L2", 32) "," PT_NT("L3"),
                                         PT_LES("L1", 52) "," PT_LES("L2", 33) "," PT_NT("L3")));
    EVAL(c);
    PT_REC(rep, "systemic_therapy");
    PT_FIRED(rep, "progression_on_second_line_systemic");
    PT_NOT_FIRED(rep, "progressor_selected_for_resection");
    assert_string_equal(pt_check(rep, "progression_on_second_line"), "critical");
    json_decref(c);
    /* line 2 responding: 28 + 18 = 46 mm, -30.3 % -> PR; resect after second line (Brouquet,
     * Adam 2017) although line 1 progressed */
    c = pt_case(PT_SECOND_LINE_CASE(PT_LES("L1", 28) "," PT_LES("L2", 18) "," PT_NT("L3"),
                                 PT_LES("L1", 27) "," PT_LES("L2", 18) "," PT_NT("L3")));
    EVAL(c);
    PT_REC(rep, "resection_after_chemotherapy");
    PT_NOT_FIRED(rep, "progression_on_second_line_systemic");
    assert_null(pt_check(rep, "progression_on_second_line"));
    DONE(c);
}

static void early_progression_after_response(void **s)
{
    (void)s;
    /* PR during the line (43 mm), then after it ended 33 + 22 = 55 mm: +27.9 % and +12 mm over
     * the nadir 43 -> PD between the end of chemotherapy and surgery (Vigano 2018): not
     * selected for resection although every size/number/CEA limit is met (3 tumours, 33 mm,
     * CEA 12). */
    json_t *c = pt_case(PT_BASE_AFTER_CHEMO(PT_LES("L1", 25) "," PT_LES("L2", 18) "," PT_NT("L3"),
                                            PT_LES("L1", 33) "," PT_LES("L2", 22) "," PT_NT("L3"), 12));
    EVAL(c);
    PT_REC(rep, "second_line_then_restage");
    PT_FIRED(rep, "progression_second_line_restage");
    PT_NOT_FIRED(rep, "progressor_selected_for_resection");
    PT_NOT_FIRED(rep, "response_resect");
    json_decref(c);
    /* the matched case: 24 + 17 = 41 mm after the line -> still PR -> resect */
    c = pt_case(PT_BASE_CONTROLLED);
    EVAL(c);
    PT_REC(rep, "resection_after_chemotherapy");
    PT_NOT_FIRED(rep, "progression_second_line_restage");
    DONE(c);
}

/* ---- unknown decisive inputs ------------------------------------------------------------- */

static void unknown_symptomatic_primary(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "primary/resected_on", NULL);
    pt_set(c, "primary/diagnosed_on", "\"2024-04-20\"");
    pt_set(c, "primary/symptomatic", NULL);
    EVAL(c);
    PT_REC(rep, "insufficient_data");
    PT_MISSING(rep, "primary.symptomatic");
    assert_true(pt_option(rep, "primary_first"));
    /* resected primary: whether it was symptomatic cannot change anything */
    pt_set(c, "primary/resected_on", "\"2024-04-25\"");
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    assert_int_equal(pt_missing_count(rep), 0);
    DONE(c);
}

static void unknown_chemotherapy_history(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "chemotherapy", NULL);
    EVAL(c);
    PT_REC(rep, "insufficient_data");
    PT_FIRED(rep, "chemotherapy_history_unknown");
    PT_MISSING(rep, "chemotherapy");
    pt_set(c, "chemotherapy", "[]"); /* an empty list is "none": decidable */
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    PT_NOT_FIRED(rep, "chemotherapy_history_unknown");
    DONE(c);
}

static void unknown_response(void **s)
{
    (void)s;
    /* only the baseline (before the line started): the response to line 1 is unknown */
    json_t *c = pt_case(PT_BASE_CONTROLLED);
    pt_set(c, "imaging/2", NULL);
    pt_set(c, "imaging/1", NULL);
    EVAL(c);
    PT_REC(rep, "insufficient_data");
    PT_FIRED(rep, "response_unknown");
    PT_MISSING(rep, "imaging evaluable after line 1 started");
    PT_NOT_FIRED(rep, "response_resect");
    DONE(c);
}

static void unknown_resectability_inputs(void **s)
{
    (void)s;
    static const struct {
        const char *path, *name;
    } in[] = {
        {"plan/expected_margin", "expected_margin"},
        {"plan/remnant_contiguous_segments", "remnant_contiguous_segments"},
        {"plan/inflow_outflow_preserved", "inflow_outflow_preserved"},
        {"plan/biliary_drainage_preserved", "biliary_drainage_preserved"},
        {"volumetry", "volumetry"},
        {"patient/height_cm", "height_weight"},
        {"patient/weight_kg", "height_weight"},
        /* sFLR 35.2 %: adequate for 20 % (normal) but not for 40 % (injured): the liver's
         * condition decides */
        {"patient/liver_condition", "liver_condition"},
    };
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
        json_t *c = pt_case(PT_BASE_UNTREATED);
        pt_set(c, in[i].path, NULL);
        EVAL(c);
        if (!pt_rec_is(rep, "insufficient_data"))
            fail_msg("without %s", in[i].path);
        PT_FIRED(rep, "resectability_unknown");
        PT_MISSING(rep, in[i].name);
        DONE(c);
    }
    /* converse: 770 mL = 45.2 % >= 40 %, adequate whatever the liver: no insufficient_data */
    json_t *c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "patient/liver_condition", NULL);
    pt_set(c, "volumetry/0/flr_ml", "770");
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    PT_NOT_FIRED(rep, "resectability_unknown");
    /* and an expected R2 decides "not resectable" whatever is unknown elsewhere */
    pt_set(c, "volumetry", NULL);
    pt_set(c, "plan/expected_margin", "\"r2\"");
    EVAL(c);
    PT_REC(rep, "conversion_chemotherapy");
    DONE(c);
}

/* An impossible remnant figure is an unknown that decides: 50 cm and 10 kg make the estimated
 * total liver volume -322 mL (it used to read sFLR -347.7 %, "not adequate", and recommend
 * augmentation); a profile whose formula gives 0 mL made an infinite sFLR that read
 * "adequate" and "resectable". Each now stops at resectability_unknown, naming the TLV, with
 * adequacy and resectability null. Also on the branches after chemotherapy and for a
 * progressor, whose selection needs an adequate remnant. */
static void impossible_remnant_stops_the_decision(void **s)
{
    (void)s;
    static const char *const bases[] = {PT_BASE_UNTREATED, PT_BASE_CONTROLLED, PT_BASE_PROGRESSING};
    for (size_t i = 0; i < 3; i++) {
        json_t *c = pt_case(bases[i]);
        pt_set(c, "patient/height_cm", "50");
        pt_set(c, "patient/weight_kg", "10");
        EVAL(c);
        PT_REC(rep, "insufficient_data");
        PT_MISSING(rep, "tlv_estimated_ml");
        json_t *liver = json_object_get(rep, "liver");
        assert_true(json_is_null(json_object_get(liver, "sflr_pct")));
        assert_true(json_is_null(json_object_get(liver, "tlv_estimated_ml")));
        assert_true(json_is_null(json_object_get(liver, "adequate")));
        assert_true(json_is_null(json_object_get(liver, "resectable")));
        assert_string_equal(pt_check(rep, "remnant_volume_implausible"), "warning");
        DONE(c);
    }
    /* the formula at 0 mL */
    const char *const edits[2][2] = {
        {"\"tlv_intercept_ml\": { \"value\": -794.41", "\"tlv_intercept_ml\": { \"value\": 0"},
        {"\"tlv_slope_ml_per_m2\": { \"value\": 1267.28", "\"tlv_slope_ml_per_m2\": { \"value\": 0"}};
    crlm_profile *zero = test_profile_edited(edits, 2);
    json_t *c = pt_case(PT_BASE_UNTREATED);
    json_decref(rep);
    rep = pt_eval_with(c, zero);
    PT_REC(rep, "insufficient_data");
    PT_FIRED(rep, "resectability_unknown");
    PT_MISSING(rep, "tlv_estimated_ml");
    assert_true(json_is_null(json_object_get(json_object_get(rep, "liver"), "adequate")));
    DONE(c);
    crlm_profile_free(zero);
    /* a remnant larger than the estimated liver: 150 cm, 45 kg -> BSA 1.3693 m2 -> TLV
     * 940.9 mL; FLR 1000 mL would be 106 %: unknown, sflr_pct named */
    c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "patient/height_cm", "150");
    pt_set(c, "patient/weight_kg", "45");
    pt_set(c, "volumetry/0/flr_ml", "1000");
    EVAL(c);
    PT_REC(rep, "insufficient_data");
    PT_MISSING(rep, "sflr_pct");
    assert_true(json_is_null(json_object_get(json_object_get(rep, "liver"), "sflr_pct")));
    assert_string_equal(pt_check(rep, "remnant_volume_implausible"), "warning");
    /* ...and 900 mL (95.7 %) is an sFLR like any other */
    pt_set(c, "volumetry/0/flr_ml", "900");
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    DONE(c);
}

static void unknown_fong_inputs_at_the_boundary(void **s)
{
    (void)s;
    /* Fong 2 known + CEA unknown: 2-3 spans low and high */
    json_t *c = fong_two();
    pt_set(c, "cea", NULL);
    EVAL(c);
    PT_REC(rep, "insufficient_data");
    PT_FIRED(rep, "crs_unknown");
    PT_MISSING(rep, "fong_crs.cea");
    assert_true(pt_option(rep, "upfront_resection"));
    assert_true(pt_option(rep, "perioperative_chemotherapy"));
    DONE(c);
    /* 2 tumours + CEA 200.1 known (2) + node status unknown: 2-3 */
    c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "imaging/0/lesions/1", PT_LES("L2", 20));
    pt_set(c, "cea/0/value_ng_ml", "200.1");
    pt_set(c, "primary/n_stage", NULL);
    EVAL(c);
    PT_REC(rep, "insufficient_data");
    PT_FIRED(rep, "crs_unknown");
    PT_MISSING(rep, "fong_crs.node_status");
    DONE(c);
    /* Fong 2 known + the date of detection unknown: DFI (and synchronous) unknown: 2-3 */
    c = fong_two();
    pt_set(c, "liver_metastases/detected_on", NULL);
    EVAL(c);
    PT_REC(rep, "insufficient_data");
    PT_FIRED(rep, "crs_unknown");
    PT_MISSING(rep, "fong_crs.disease_free_interval");
    DONE(c);
    /* n1 + CEA 200.1 known (2), no imaging and a report giving only the largest size (30 mm):
     * the tumour count is unknown: 2-3 */
    c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "primary/n_stage", "\"n1\"");
    pt_set(c, "cea/0/value_ng_ml", "200.1");
    pt_set(c, "imaging", NULL);
    pt_set(c, "liver_metastases/largest_mm", "30");
    EVAL(c);
    PT_REC(rep, "insufficient_data");
    PT_FIRED(rep, "crs_unknown");
    PT_MISSING(rep, "fong_crs.liver_tumor_count");
    pt_set(c, "liver_metastases/count", "1"); /* the report's count: Fong 2, low */
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    DONE(c);
}

static void unknown_that_cannot_change_the_answer(void **s)
{
    (void)s;
    /* Fong already 3 (n1, 2 tumours, DFI 7 months: resected 2023-10-01, detected 2024-05-02)
     * with CEA unknown: 3-4, high either way -> perioperative chemotherapy */
    json_t *c = fong_two();
    pt_set(c, "primary/diagnosed_on", "\"2023-09-20\"");
    pt_set(c, "primary/resected_on", "\"2023-10-01\"");
    pt_set(c, "cea", NULL);
    EVAL(c);
    PT_REC(rep, "perioperative_chemotherapy");
    PT_NOT_FIRED(rep, "crs_unknown");
    assert_int_equal(pt_missing_count(rep), 0);
    DONE(c);
    /* Fong 0 with CEA unknown: 0-1, low either way */
    c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "cea", NULL);
    EVAL(c);
    PT_REC(rep, "upfront_resection");
    assert_int_equal(pt_missing_count(rep), 0);
    DONE(c);
    /* a progressor already over one limit (4 tumours) with CEA unknown: second line anyway */
    c = pt_case(PT_BASE_PROGRESSING);
    pt_set(c, "imaging/2/lesions/2/count", "2");
    pt_set(c, "cea", NULL);
    EVAL(c);
    PT_REC(rep, "second_line_then_restage");
    DONE(c);
}

static void unknown_extrahepatic_before_resection(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "extrahepatic", NULL);
    EVAL(c);
    PT_REC(rep, "insufficient_data");
    PT_FIRED(rep, "extrahepatic_status_unknown");
    PT_MISSING(rep, "extrahepatic");
    pt_set(c, "extrahepatic", "[{\"site\":\"lung\"}]"); /* present, resectability unknown */
    EVAL(c);
    PT_REC(rep, "insufficient_data");
    PT_FIRED(rep, "extrahepatic_status_unknown");
    PT_MISSING(rep, "extrahepatic[].resectable");
    DONE(c);
    /* after chemotherapy too */
    c = pt_case(PT_BASE_CONTROLLED);
    pt_set(c, "extrahepatic", NULL);
    EVAL(c);
    PT_REC(rep, "insufficient_data");
    PT_MISSING(rep, "extrahepatic");
    DONE(c);
}

static void unknown_progressor_criteria(void **s)
{
    (void)s;
    static const struct {
        const char *path, *value, *name;
    } in[] = {
        /* an equivocal new liver lesion: 3 or 4 tumours (limit 3) */
        {"imaging/2/lesions/3", "{\"id\":\"L9\",\"organ\":\"liver\",\"role\":\"new\","
                                "\"status\":\"equivocal\",\"diameter_mm\":8}", "liver_tumor_count"},
        /* the largest target (L1) not measured at the last study: largest unknown (at least
         * 40 mm, L2); the count stays 2-3 <= 3 */
        {"imaging/2/lesions/0/diameter_mm", NULL, "largest_diameter"},
        {"cea", NULL, "cea"},
        {"plan/expected_margin", NULL, "plan.expected_margin"},
        {"extrahepatic", NULL, "extrahepatic"},
    };
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
        json_t *c = pt_case(PT_BASE_PROGRESSING);
        pt_set(c, in[i].path, in[i].value);
        EVAL(c);
        if (!pt_rec_is(rep, "insufficient_data"))
            fail_msg("progressor with %s unknown", in[i].name);
        PT_FIRED(rep, "progressor_selection_unknown");
        PT_MISSING(rep, in[i].name);
        assert_true(pt_option(rep, "second_line_then_restage"));
        assert_true(pt_option(rep, "resection_despite_progression"));
        DONE(c);
    }
    /* the count criterion is not named when the count is known */
    json_t *c = pt_case(PT_BASE_PROGRESSING);
    pt_set(c, "imaging/2/lesions/0/diameter_mm", NULL);
    EVAL(c);
    json_t *m = json_object_get(json_object_get(rep, "pathway"), "missing");
    assert_false(pt_in_list(m, "liver_tumor_count"));
    DONE(c);
}

/* ---- coverage ---------------------------------------------------------------------------- */

/* Runs last: every rule of the table fired in at least one case above. */
static void every_rule_fired_somewhere(void **s)
{
    (void)s;
    size_t n;
    const crlm_rule_info *t = crlm_pathway_rules(&n);
    assert_true(n > 0);
    int unseen = 0;
    for (size_t i = 0; i < n; i++)
        if (!pt_was_seen(t[i].id)) {
            fprintf(stderr, "rule %s never fired in test_rules\n", t[i].id);
            unseen++;
        }
    assert_int_equal(unseen, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fong_low_upfront),
        cmocka_unit_test(fong_boundary_two_three),
        cmocka_unit_test(extended_hepatectomy_spares_parenchyma),
        cmocka_unit_test(symptomatic_primary_first),
        cmocka_unit_test(extrahepatic_unresectable_systemic),
        cmocka_unit_test(unresectable_conversion_each_criterion),
        cmocka_unit_test(conversion_regimen_by_ras_and_side),
        cmocka_unit_test(inadequate_remnant_augmentation),
        cmocka_unit_test(response_or_stable_resect),
        cmocka_unit_test(progressor_selected),
        cmocka_unit_test(progressor_limits),
        cmocka_unit_test(progression_on_second_line),
        cmocka_unit_test(early_progression_after_response),
        cmocka_unit_test(unknown_symptomatic_primary),
        cmocka_unit_test(unknown_chemotherapy_history),
        cmocka_unit_test(unknown_response),
        cmocka_unit_test(unknown_resectability_inputs),
        cmocka_unit_test(impossible_remnant_stops_the_decision),
        cmocka_unit_test(unknown_fong_inputs_at_the_boundary),
        cmocka_unit_test(unknown_that_cannot_change_the_answer),
        cmocka_unit_test(unknown_extrahepatic_before_resection),
        cmocka_unit_test(unknown_progressor_criteria),
        cmocka_unit_test(every_rule_fired_somewhere),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
