/* The safety checks (src/pathway/checks.c and the response module's) read from the report of
 * crlm_assess: every check code fires with its severity in one case and stays silent in a
 * matched case, with the default profile's values at their boundaries.
 *
 * Expected values: spec/report-format.md "Default profile values" and "Check triggers";
 * clinical-reference.md §6.1 (bevacizumab: >= 42 days OK, 28-41 warning, < 28 critical),
 * §6.2 (>= 6 cycles Karoui, >= 9 cycles Kishi and the 30 % remnant threshold, oxaliplatin
 * sinusoidal injury, irinotecan steatohepatitis with steatosis or obesity), §5.4 (KGR >= 2
 * %/week, Shindoh), §7.1 (New EPOC: no anti-EGFR in resectable disease; Tejpar: no benefit
 * right-sided; RAS mutant), §8 (Adam 2017 second line; Vigano 2018 early progression;
 * Giuliante two-stage), RECIST 1.1 (at most 2 targets per organ; equivocal new lesions).
 * Dates are counted by hand in the comments (April has 30 days, May 31). Bases in
 * pathway_test.h. */
#include "pathway_test.h"
#include "crlm/profile_read.h"

static crlm_profile *P;
static json_t *rep;
static int setup(void **s) { (void)s; P = crlm_profile_default_new(); return P ? 0 : -1; }
static int teardown(void **s) { (void)s; crlm_profile_free(P); return 0; }
#define EVAL(c) (json_decref(rep), rep = pt_eval_with((c), P))
#define DONE(c) (json_decref(c), json_decref(rep), rep = NULL)
#define SEV(code, sev) assert_string_equal(pt_check(rep, code) ? pt_check(rep, code) : "(none)", sev)
#define NONE(code) assert_null(pt_check(rep, code))

static void bevacizumab_interval(void **s)
{
    (void)s;
    /* C with bevacizumab in line 1; surgery 2024-05-20. */
    json_t *c = pt_case(PT_BASE_CONTROLLED);
    pt_set(c, "chemotherapy/0/agents", "[\"capecitabine\",\"oxaliplatin\",\"bevacizumab\"]");
    static const struct {
        const char *last, *sev;
    } t[] = {
        {"\"2024-04-08\"", NULL},       /* Apr 8 -> May 20: 22 + 20 = 42 days: enough */
        {"\"2024-04-09\"", "warning"},  /* 41 days */
        {"\"2024-04-22\"", "warning"},  /* 28 days: the label's minimum, under the review's 42 */
        {"\"2024-04-23\"", "critical"}, /* 27 days */
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        pt_set(c, "chemotherapy/0/last_bevacizumab_on", t[i].last);
        EVAL(c);
        if (t[i].sev)
            SEV("bevacizumab_interval", t[i].sev);
        else
            NONE("bevacizumab_interval");
    }
    /* planned date unknown: information with the earliest date */
    pt_set(c, "plan/planned_on", NULL);
    EVAL(c);
    SEV("bevacizumab_interval", "info");
    /* last dose not recorded: information too */
    pt_set(c, "plan/planned_on", "\"2024-05-20\"");
    pt_set(c, "chemotherapy/0/last_bevacizumab_on", NULL);
    EVAL(c);
    SEV("bevacizumab_interval", "info");
    /* no bevacizumab: nothing */
    pt_set(c, "chemotherapy/0/agents", "[\"capecitabine\",\"oxaliplatin\"]");
    EVAL(c);
    NONE("bevacizumab_interval");
    DONE(c);
}

static void prolonged_chemotherapy(void **s)
{
    (void)s;
    /* cycles summed over lines: line 1 (3) + line 2 (2) = 5 -> nothing; 3 + 3 = 6 -> warning */
    json_t *c = pt_case(PT_BASE_CONTROLLED);
    pt_set(c, "chemotherapy",
           "[{\"line\":1,\"regimen\":\"fufol\",\"agents\":[\"fluorouracil\",\"leucovorin\"],"
           "\"started_on\":\"2023-10-01\",\"ended_on\":\"2023-11-01\",\"cycles\":2},"
           "{\"line\":2,\"regimen\":\"capox\",\"agents\":[\"capecitabine\",\"oxaliplatin\"],"
           "\"started_on\":\"2024-02-05\",\"ended_on\":\"2024-04-24\",\"cycles\":3}]");
    EVAL(c);
    NONE("prolonged_chemotherapy");
    pt_set(c, "chemotherapy/0/cycles", "3");
    EVAL(c);
    SEV("prolonged_chemotherapy", "warning");
    DONE(c);
}

/* Kishi 2010: from 9 cycles the 30 % threshold applies whatever the exposure rule. With the
 * Shindoh option (only > 12 weeks counts) the line of 2024-02-05..2024-04-24 (79 days, under 84)
 * does not count as exposure, so 8 cycles leave 20 %; FLR 450 mL = 26.4 %. */
static void nine_cycle_remnant_rule(void **s)
{
    (void)s;
    crlm_profile *w = test_profile_with("\"value\": \"any\"", "\"value\": \"over_min_weeks\"");
    json_t *c = pt_case(PT_BASE_CONTROLLED);
    pt_set(c, "volumetry/0/flr_ml", "450");
    pt_set(c, "chemotherapy/0/cycles", "8");
    json_decref(rep);
    rep = pt_eval_with(c, w);
    NONE("remnant_inadequate"); /* 26.4 % >= 20 % */
    PT_REC(rep, "resection_after_chemotherapy");
    SEV("prolonged_chemotherapy", "warning"); /* 8 >= 6 */
    pt_set(c, "chemotherapy/0/cycles", "9");
    json_decref(rep);
    rep = pt_eval_with(c, w);
    SEV("remnant_inadequate", "critical"); /* 26.4 % < 30 % */
    PT_REC(rep, "remnant_augmentation");
    DONE(c);
    crlm_profile_free(w);
}

static void oxaliplatin_liver_injury(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_CONTROLLED); /* CAPOX, 4 cycles */
    pt_set(c, "chemotherapy/0/cycles", "5");
    EVAL(c);
    SEV("oxaliplatin_liver_injury", "info");
    pt_set(c, "chemotherapy/0/cycles", "6");
    EVAL(c);
    SEV("oxaliplatin_liver_injury", "warning");
    pt_set(c, "chemotherapy/0/agents", "[\"capecitabine\"]");
    EVAL(c);
    NONE("oxaliplatin_liver_injury");
    DONE(c);
}

static void irinotecan_steatohepatitis(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_CONTROLLED);
    pt_set(c, "chemotherapy/0/agents", "[\"irinotecan\",\"fluorouracil\",\"leucovorin\"]");
    /* normal liver, BMI 80 / 1.75^2 = 26.1: information */
    EVAL(c);
    SEV("irinotecan_steatohepatitis", "info");
    pt_set(c, "patient/liver_condition", "\"steatosis\"");
    EVAL(c);
    SEV("irinotecan_steatohepatitis", "warning");
    pt_set(c, "patient/liver_condition", "\"steatohepatitis\"");
    EVAL(c);
    SEV("irinotecan_steatohepatitis", "warning");
    /* normal liver, BMI exactly 30: 91.875 / 3.0625 = 30.0 (exact in binary) -> warning */
    pt_set(c, "patient/liver_condition", "\"normal\"");
    pt_set(c, "patient/weight_kg", "91.875");
    EVAL(c);
    SEV("irinotecan_steatohepatitis", "warning");
    /* 91.8 kg: BMI 29.98 -> information */
    pt_set(c, "patient/weight_kg", "91.8");
    EVAL(c);
    SEV("irinotecan_steatohepatitis", "info");
    pt_set(c, "chemotherapy/0/agents", "[\"capecitabine\",\"oxaliplatin\"]");
    EVAL(c);
    NONE("irinotecan_steatohepatitis");
    DONE(c);
}

static void anti_egfr_checks(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_CONTROLLED);
    pt_set(c, "chemotherapy/0/agents", "[\"oxaliplatin\",\"fluorouracil\",\"cetuximab\"]");
    /* conversion intent, RAS wt left, unresectable (R2): neither */
    pt_set(c, "plan/expected_margin", "\"r2\"");
    EVAL(c);
    NONE("anti_egfr_resectable");
    NONE("anti_egfr_right_sided");
    /* a perioperative line: New EPOC */
    pt_set(c, "chemotherapy/0/intent", "\"perioperative\"");
    EVAL(c);
    SEV("anti_egfr_resectable", "warning");
    /* conversion intent but the disease is now resectable (R0): New EPOC too */
    pt_set(c, "chemotherapy/0/intent", "\"conversion\"");
    pt_set(c, "plan/expected_margin", "\"r0\"");
    EVAL(c);
    SEV("anti_egfr_resectable", "warning");
    NONE("anti_egfr_right_sided");
    /* panitumumab counts the same; right-sided (ascending) RAS wt tumour */
    pt_set(c, "chemotherapy/0/agents", "[\"oxaliplatin\",\"fluorouracil\",\"panitumumab\"]");
    pt_set(c, "primary/site", "\"ascending\"");
    EVAL(c);
    SEV("anti_egfr_right_sided", "warning");
    /* left-sided but KRAS mutant */
    pt_set(c, "primary/site", "\"sigmoid\"");
    pt_set(c, "molecular/kras", "\"mutant\"");
    EVAL(c);
    SEV("anti_egfr_right_sided", "warning");
    /* no anti-EGFR: neither */
    pt_set(c, "chemotherapy/0/agents", "[\"oxaliplatin\",\"fluorouracil\"]");
    EVAL(c);
    NONE("anti_egfr_resectable");
    NONE("anti_egfr_right_sided");
    DONE(c);
}

static void early_progression_risk(void **s)
{
    (void)s;
    /* last imaging 2024-04-28: +42 days = 2024-06-09 (2 + 31 + 9), +43 = 2024-06-10 */
    json_t *c = pt_case(PT_BASE_CONTROLLED);
    pt_set(c, "plan/planned_on", "\"2024-06-09\"");
    EVAL(c);
    NONE("early_progression_risk");
    pt_set(c, "plan/planned_on", "\"2024-06-10\"");
    EVAL(c);
    SEV("early_progression_risk", "warning");
    pt_set(c, "plan/planned_on", NULL); /* no date: nothing to measure */
    EVAL(c);
    NONE("early_progression_risk");
    DONE(c);
}

static void restaging_required(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_CONTROLLED);
    EVAL(c); /* last imaging 2024-04-28 after the end 2024-04-24 */
    NONE("restaging_required");
    pt_set(c, "imaging/2", NULL); /* last imaging 2024-03-05: after the start, before the end */
    EVAL(c);
    SEV("restaging_required", "warning");
    pt_set(c, "imaging/1", NULL); /* only the baseline, before the start */
    EVAL(c);
    SEV("restaging_required", "warning");
    DONE(c);
    c = pt_case(PT_BASE_UNTREATED); /* no chemotherapy: nothing to restage after */
    EVAL(c);
    NONE("restaging_required");
    DONE(c);
}

static void kgr_low(void **s)
{
    (void)s;
    /* PVE 2024-04-05; FLR 308 mL (2024-04-01) -> 435 mL (2024-04-26, 3 weeks): DH 127/1704.70
     * = 7.45 points, KGR 2.48 %/week >= 2; 380 mL: DH 4.22, KGR 1.41 < 2 */
    json_t *c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "plan/pve_on", "\"2024-04-05\"");
    pt_set(c, "volumetry", "[{\"date\":\"2024-04-01\",\"flr_ml\":308,\"after_pve\":false},"
                           "{\"date\":\"2024-04-26\",\"flr_ml\":435,\"after_pve\":true}]");
    EVAL(c);
    NONE("kgr_low");
    pt_set(c, "volumetry/1/flr_ml", "380");
    EVAL(c);
    SEV("kgr_low", "warning");
    DONE(c);
}

static void liver_and_disease_checks(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_UNTREATED);
    EVAL(c);
    NONE("remnant_inadequate");
    NONE("r2_expected");
    NONE("extrahepatic_unresectable");
    NONE("progression_on_second_line");
    NONE("two_stage_with_progression");
    pt_set(c, "volumetry/0/flr_ml", "300"); /* 17.6 % < 20 % */
    EVAL(c);
    SEV("remnant_inadequate", "critical");
    pt_set(c, "volumetry/0/flr_ml", "600");
    pt_set(c, "plan/expected_margin", "\"r2\"");
    EVAL(c);
    SEV("r2_expected", "critical");
    pt_set(c, "plan/expected_margin", "\"r1\"");
    EVAL(c);
    NONE("r2_expected");
    pt_set(c, "extrahepatic", "[{\"site\":\"peritoneum\",\"resectable\":false}]");
    EVAL(c);
    SEV("extrahepatic_unresectable", "critical");
    DONE(c);
}

static void progression_on_second_line(void **s)
{
    (void)s;
    /* line 2 (FOLFIRI, baseline 66 mm): 50 + 32 = 82 mm, +24.2 %, +16 mm -> PD on it */
    json_t *c = pt_case(PT_SECOND_LINE_CASE(PT_LES("L1", 50) "," PT_LES("L2", 32) "," PT_NT("L3"),
                                            PT_LES("L1", 52) "," PT_LES("L2", 33) "," PT_NT("L3")));
    EVAL(c);
    SEV("progression_on_second_line", "critical");
    json_decref(c);
    /* line 2 responding (46 mm, -30.3 %): progression on line 1 only -> nothing */
    c = pt_case(PT_SECOND_LINE_CASE(PT_LES("L1", 28) "," PT_LES("L2", 18) "," PT_NT("L3"),
                                    PT_LES("L1", 27) "," PT_LES("L2", 18) "," PT_NT("L3")));
    EVAL(c);
    NONE("progression_on_second_line");
    DONE(c);
}

static void two_stage_with_progression(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_PROGRESSING);
    pt_set(c, "plan/procedure", "\"two_stage_hepatectomy\"");
    EVAL(c);
    SEV("two_stage_with_progression", "warning");
    NONE("progression_on_second_line"); /* progression on the first line only */
    pt_set(c, "plan/procedure", "\"major_hepatectomy\"");
    EVAL(c);
    NONE("two_stage_with_progression");
    DONE(c);
    c = pt_case(PT_BASE_CONTROLLED);
    pt_set(c, "plan/procedure", "\"two_stage_hepatectomy\"");
    EVAL(c);
    NONE("two_stage_with_progression");
    DONE(c);
}

static void response_module_checks(void **s)
{
    (void)s;
    /* three liver targets at the baseline: over RECIST's two per organ -> recist_selection
     * (a warning; the response is still computed) */
    json_t *c = pt_case(PT_BASE_CONTROLLED);
    EVAL(c);
    NONE("recist_selection");
    NONE("equivocal_new_lesion");
    pt_set(c, "imaging/0/lesions/2", PT_LES("L3", 15));
    pt_set(c, "imaging/1/lesions/2", PT_LES("L3", 10));
    pt_set(c, "imaging/2/lesions/2", PT_LES("L3", 10));
    EVAL(c);
    SEV("recist_selection", "warning");
    PT_REC(rep, "resection_after_chemotherapy");
    DONE(c);
    /* a target under 10 mm at the baseline (8 mm): not measurable -> recist_selection */
    c = pt_case(PT_BASE_CONTROLLED);
    pt_set(c, "imaging/0/lesions/1/diameter_mm", "8");
    EVAL(c);
    SEV("recist_selection", "warning");
    DONE(c);
    /* an equivocal new lesion at the last study, never confirmed: warning, not progression */
    c = pt_case(PT_BASE_CONTROLLED);
    pt_set(c, "imaging/2/lesions/3", "{\"id\":\"L9\",\"organ\":\"liver\",\"role\":\"new\","
                                     "\"status\":\"equivocal\"}");
    EVAL(c);
    SEV("equivocal_new_lesion", "warning");
    DONE(c);
}

/* The report's check codes must be the table's (docs/rules.md documents the table): the
 * response module's `recist_review` (a nodal complete response whose sum rose by the
 * progression margin) fires and is listed in crlm_check_rules(). */
static void recist_review_is_listed(void **s)
{
    (void)s;
    /* two nodal targets 20 + 20 mm; then 4 + 4 (all < 10 mm: CR); then 9 + 9 = 18 mm, +10 mm
     * and +125 % over the nadir 8 yet every node under 10 mm: kept CR, flagged for review */
    json_t *c = pt_case(PT_BASE_CONTROLLED);
    static const char *const nodes[3][2] = {{"20", "20"}, {"4", "4"}, {"9", "9"}};
    for (int i = 0; i < 3; i++) {
        char path[64], v[160];
        for (int k = 0; k < 2; k++) {
            snprintf(path, sizeof path, "imaging/%d/lesions/%d", i, k);
            snprintf(v, sizeof v, "{\"id\":\"N%d\",\"organ\":\"lymph_node\",\"nodal\":true,"
                     "\"role\":\"target\",\"diameter_mm\":%s}", k + 1, nodes[i][k]);
            pt_set(c, path, v);
        }
    }
    EVAL(c);
    assert_non_null(pt_check(rep, "recist_review"));
    assert_true(pt_check_listed("recist_review"));
    DONE(c);
}

/* The response module's `recist_continuing_pr`: baseline 70 mm, 43 mm (-38.6 %, PR), then
 * 30 + 21 = 51 mm: -27.1 % from the baseline (SD by arithmetic), +18.6 % over the nadir 43
 * (not PD): the partial response continues, and the report says why. */
static void recist_continuing_pr_is_listed(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_AFTER_CHEMO(PT_LES("L1", 25) "," PT_LES("L2", 18) "," PT_NT("L3"),
                                            PT_LES("L1", 30) "," PT_LES("L2", 21) "," PT_NT("L3"),
                                            12));
    EVAL(c);
    json_t *tps = json_object_get(json_object_get(rep, "response"), "timepoints");
    assert_string_equal(json_string_value(json_object_get(json_array_get(tps, 1), "target")), "pr");
    assert_string_equal(pt_check(rep, "recist_continuing_pr"), "info");
    const char *msg = pt_check_message(rep, "recist_continuing_pr");
    assert_non_null(msg);
    assert_non_null(strstr(msg, "on 2024-04-28 the target sum is stable by arithmetic (-27.1 % "
                                "from the baseline) but has not progressed since the response "
                                "of 2024-03-05"));
    assert_true(pt_check_listed("recist_continuing_pr"));
    DONE(c);
}

/* `remnant_volume_implausible` names the figure it refused: the formula's -322 mL for 50 cm
 * and 10 kg, or a remnant larger than the estimated liver (150 cm, 45 kg: 941 mL; FLR 1000). */
static void remnant_volume_implausible(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "patient/height_cm", "50");
    pt_set(c, "patient/weight_kg", "10");
    EVAL(c);
    SEV("remnant_volume_implausible", "warning");
    assert_non_null(strstr(pt_check_message(rep, "remnant_volume_implausible"),
                           "Estimated total liver volume -322 mL (BSA 0.37 m2, mosteller) is "
                           "outside the physiological 500-4000 mL"));
    assert_null(pt_check(rep, "remnant_inadequate")); /* unknown is not inadequate */
    DONE(c);
    c = pt_case(PT_BASE_UNTREATED);
    pt_set(c, "patient/height_cm", "150");
    pt_set(c, "patient/weight_kg", "45");
    pt_set(c, "volumetry/0/flr_ml", "1000");
    EVAL(c);
    SEV("remnant_volume_implausible", "warning");
    assert_non_null(strstr(pt_check_message(rep, "remnant_volume_implausible"),
                           "Future liver remnant 1000 mL is larger than the estimated total "
                           "liver volume 941 mL (BSA 1.37 m2, mosteller)"));
    DONE(c);
    assert_true(pt_check_listed("remnant_volume_implausible"));
}

/* Evidence printed with a check is the table's evidence for that code.
 * DISCREPANCY: two_stage_with_progression is emitted with "seed:7, seed:32" (Giuliante and
 * Jouffret) while its table entry lists only "seed:7". Fix: in src/pathway/checks.c, checks[],
 * set the evidence of "two_stage_with_progression" to "seed:7, seed:32". */
static void check_evidence_matches_table(void **s)
{
    (void)s;
    json_t *c = pt_case(PT_BASE_PROGRESSING);
    pt_set(c, "plan/procedure", "\"two_stage_hepatectomy\"");
    pt_set(c, "chemotherapy/0/agents", "[\"oxaliplatin\",\"cetuximab\",\"irinotecan\",\"bevacizumab\"]");
    pt_set(c, "chemotherapy/0/last_bevacizumab_on", "\"2024-04-23\"");
    pt_set(c, "chemotherapy/0/cycles", "9");
    pt_set(c, "plan/planned_on", "\"2024-06-20\"");
    pt_set(c, "primary/site", "\"cecum\"");
    EVAL(c);
    size_t n;
    const crlm_rule_info *t = crlm_check_rules(&n);
    json_t *checks = json_object_get(rep, "checks");
    assert_true(json_array_size(checks) >= 6);
    int bad = 0;
    for (size_t i = 0; i < json_array_size(checks); i++) {
        json_t *ck = json_array_get(checks, i);
        const char *code = json_string_value(json_object_get(ck, "code"));
        const crlm_rule_info *row = NULL;
        for (size_t k = 0; k < n; k++)
            if (strcmp(t[k].id, code) == 0)
                row = &t[k];
        assert_non_null(row);
        json_t *ev = json_object_get(ck, "evidence");
        for (size_t k = 0; k < json_array_size(ev); k++) {
            const char *id = json_string_value(json_array_get(ev, k));
            if (!strstr(row->evidence, id)) {
                fprintf(stderr, "check %s cites %s, not in its table evidence \"%s\"\n", code,
                        id, row->evidence);
                bad++;
            }
        }
    }
    assert_int_equal(bad, 0);
    DONE(c);
}

/* Runs last: every code of the table was seen firing in the cases above. */
static void every_check_fired_somewhere(void **s)
{
    (void)s;
    size_t n;
    const crlm_rule_info *t = crlm_check_rules(&n);
    int unseen = 0;
    for (size_t i = 0; i < n; i++)
        if (!pt_was_seen(t[i].id)) {
            fprintf(stderr, "check %s never fired in test_checks\n", t[i].id);
            unseen++;
        }
    assert_int_equal(unseen, 0);
    if (pt_unlisted_checks[0])
        fprintf(stderr, "codes emitted but not in crlm_check_rules(): %s\n", pt_unlisted_checks);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bevacizumab_interval),
        cmocka_unit_test(prolonged_chemotherapy),
        cmocka_unit_test(nine_cycle_remnant_rule),
        cmocka_unit_test(oxaliplatin_liver_injury),
        cmocka_unit_test(irinotecan_steatohepatitis),
        cmocka_unit_test(anti_egfr_checks),
        cmocka_unit_test(early_progression_risk),
        cmocka_unit_test(restaging_required),
        cmocka_unit_test(kgr_low),
        cmocka_unit_test(liver_and_disease_checks),
        cmocka_unit_test(progression_on_second_line),
        cmocka_unit_test(two_stage_with_progression),
        cmocka_unit_test(response_module_checks),
        cmocka_unit_test(recist_review_is_listed),
        cmocka_unit_test(recist_continuing_pr_is_listed),
        cmocka_unit_test(remnant_volume_implausible),
        cmocka_unit_test(check_evidence_matches_table),
        cmocka_unit_test(every_check_fired_somewhere),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
