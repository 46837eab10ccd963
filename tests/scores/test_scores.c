/* The five scores: the published worked example, every cut-off exactly at and just over its
 * boundary, and missing inputs (range and `missing` list). Expected values are hand-computed
 * from the published definitions (clinical-reference.md sections 1-2). */
#include <math.h>

#include "test_util.h"

#include "crlm/case_read.h"
#include "crlm/scores.h"

#define P TEST_PROFILE

/* A case with one imaging study. NULL parts are left out of the JSON (unknown). */
static crlm_case *mk(const char *primary, const char *liver, const char *cea,
                     const char *lesions, const char *extra)
{
    static char json[8192];
    int n = snprintf(json, sizeof json,
                     "{\"format\":\"crlm-case/1\",\"id\":\"T\",\"assessed_on\":\"2024-06-01\"");
    if (primary)
        n += snprintf(json + n, sizeof json - (size_t)n, ",\"primary\":{%s}", primary);
    if (liver)
        n += snprintf(json + n, sizeof json - (size_t)n, ",\"liver_metastases\":{%s}", liver);
    if (cea)
        n += snprintf(json + n, sizeof json - (size_t)n, ",\"cea\":[%s]", cea);
    if (lesions)
        n += snprintf(json + n, sizeof json - (size_t)n,
                      ",\"imaging\":[{\"date\":\"2024-05-01\",\"lesions\":[%s]}]", lesions);
    if (extra)
        n += snprintf(json + n, sizeof json - (size_t)n, ",%s", extra);
    snprintf(json + n, sizeof json - (size_t)n, "}");
    return test_case(json, P);
}

#define LIVER_T(id, mm) "{\"id\":\"" id "\",\"organ\":\"liver\",\"role\":\"target\",\"diameter_mm\":" #mm "}"
#define CEA(v) "{\"date\":\"2024-05-01\",\"value_ng_ml\":" #v "}"
#define SYNC "\"detected_on\":\"2024-04-20\",\"synchronous\":true"
#define N1 "\"n_stage\":\"n1\""
#define N0 "\"n_stage\":\"n0\""

static crlm_scores now(const crlm_case *c)
{
    crlm_scores s;
    crlm_scores_compute(c, P, CRLM_CURRENT, &s);
    return s;
}

/* clinical-reference.md §1 and §2.3: rectal pN1, synchronous, 3 lesions, largest 4.2 cm,
 * CEA 35 -> Fong 1+1+1+0+0 = 3, high; TBS sqrt(4.2^2 + 3^2) = sqrt(26.64) = 5.16, zone 2. */
static void worked_example(void **state)
{
    (void)state;
    crlm_case *c = mk("\"site\":\"rectum\"," N1, SYNC, CEA(35),
                      LIVER_T("A", 42) "," LIVER_T("B", 20) ","
                      "{\"id\":\"C\",\"organ\":\"liver\",\"role\":\"non_target\",\"status\":\"present\"}",
                      NULL);
    crlm_scores s = now(c);
    assert_int_equal(s.fong.min, 3);
    assert_int_equal(s.fong.max, 3);
    assert_int_equal(s.fong.risk, CRLM_RISK_HIGH);
    assert_int_equal(s.fong.missing, 0);
    assert_true(fabs(s.tbs.value - sqrt(26.64)) < 1e-12);
    assert_int_equal(s.tbs.zone, 2);
    /* GAME: KRAS unknown, CEA 35 >= 20, node+, TBS band 1, extrahepatic unknown -> 3..6 */
    assert_int_equal(s.game.min, 3);
    assert_int_equal(s.game.max, 6);
    assert_int_equal(s.game.risk, CRLM_RISK_UNKNOWN);
    assert_int_equal(s.game.missing, (1u << CRLM_INPUT_KRAS) | (1u << CRLM_INPUT_EXTRAHEPATIC));
    crlm_case_free(c);
}

static int fong_with(const char *cea, const char *lesions, const char *liver, const char *primary)
{
    crlm_case *c = mk(primary ? primary : N0, liver ? liver : "\"detected_on\":\"2024-05-01\",\"synchronous\":false",
                      cea, lesions, NULL);
    crlm_scores s = now(c);
    int v = s.fong.min == s.fong.max ? s.fong.min : -1;
    crlm_case_free(c);
    return v;
}

/* Metachronous far from the primary so only the factor under test can score. */
#define FAR_PRIMARY N0 ",\"diagnosed_on\":\"2020-01-10\",\"resected_on\":\"2020-01-20\""

static void fong_boundaries(void **state)
{
    (void)state;
    const char *one = LIVER_T("A", 30);
    /* CEA > 200, strict */
    assert_int_equal(fong_with(CEA(200), one, NULL, FAR_PRIMARY), 0);
    assert_int_equal(fong_with(CEA(200.1), one, NULL, FAR_PRIMARY), 1);
    /* more than one tumour, strict */
    assert_int_equal(fong_with(CEA(5), LIVER_T("A", 30), NULL, FAR_PRIMARY), 0);
    assert_int_equal(fong_with(CEA(5), LIVER_T("A", 30) "," LIVER_T("B", 12), NULL, FAR_PRIMARY), 1);
    /* largest > 5 cm, strict */
    assert_int_equal(fong_with(CEA(5), LIVER_T("A", 50), NULL, FAR_PRIMARY), 0);
    assert_int_equal(fong_with(CEA(5), LIVER_T("A", 50.1), NULL, FAR_PRIMARY), 1);
    /* node-positive */
    assert_int_equal(fong_with(CEA(5), one, NULL,
                               "\"n_stage\":\"n2b\",\"diagnosed_on\":\"2020-01-10\",\"resected_on\":\"2020-01-20\""),
                     1);
}

static void fong_dfi_calendar_months(void **state)
{
    (void)state;
    const char *one = LIVER_T("A", 30);
    const char *prim = N0 ",\"diagnosed_on\":\"2023-03-01\",\"resected_on\":\"2023-03-15\"";
    /* exactly 12 calendar months after the resection: not "< 12" */
    assert_int_equal(fong_with(CEA(5), one, "\"detected_on\":\"2024-03-15\"", prim), 0);
    /* one day earlier: 11 months and some days */
    assert_int_equal(fong_with(CEA(5), one, "\"detected_on\":\"2024-03-14\"", prim), 1);
    /* 365 days in a non-leap year is exactly 12 months; a day-count/30.44 would say 11.99 */
    const char *jan = N0 ",\"diagnosed_on\":\"2022-12-20\",\"resected_on\":\"2023-01-01\"";
    assert_int_equal(fong_with(CEA(5), one, "\"detected_on\":\"2024-01-01\"", jan), 0);
    /* unresected primary: counted from the diagnosis */
    const char *dx = N0 ",\"diagnosed_on\":\"2023-05-31\"";
    assert_int_equal(fong_with(CEA(5), one, "\"detected_on\":\"2024-05-31\",\"synchronous\":false", dx), 0);
    assert_int_equal(fong_with(CEA(5), one, "\"detected_on\":\"2024-05-30\",\"synchronous\":false", dx), 1);
    /* synchronous disease has an interval of zero */
    assert_int_equal(fong_with(CEA(5), one, SYNC, N0), 1);
}

static void fong_risk_groups(void **state)
{
    (void)state;
    /* 2 points (node+, two tumours) -> low; 3 (plus CEA 201) -> high */
    crlm_case *c = mk(FAR_PRIMARY ",\"node_positive\":false", NULL, CEA(201),
                      LIVER_T("A", 30) "," LIVER_T("B", 20), NULL);
    crlm_scores s = now(c);
    assert_int_equal(s.fong.min, 2); /* DFI unknown: no detection date -> range 2..3 */
    assert_int_equal(s.fong.max, 3);
    assert_int_equal(s.fong.risk, CRLM_RISK_UNKNOWN);
    assert_int_equal(s.fong.missing, 1u << CRLM_INPUT_DFI);
    crlm_case_free(c);
    c = mk(FAR_PRIMARY, "\"detected_on\":\"2024-05-01\"", CEA(150),
           LIVER_T("A", 30) "," LIVER_T("B", 20), NULL);
    s = now(c);
    assert_int_equal(s.fong.min, 1);
    assert_int_equal(s.fong.risk, CRLM_RISK_LOW);
    crlm_case_free(c);
    c = mk("\"n_stage\":\"n1a\"", SYNC, CEA(201), LIVER_T("A", 30) "," LIVER_T("B", 20), NULL);
    s = now(c);
    assert_int_equal(s.fong.min, 4);
    assert_int_equal(s.fong.risk, CRLM_RISK_HIGH);
    crlm_case_free(c);
}

static void fong_missing_inputs(void **state)
{
    (void)state;
    /* nothing known but one 30 mm lesion: count 1, size 30 known; node, DFI, CEA unknown */
    crlm_case *c = mk(NULL, NULL, NULL, LIVER_T("A", 30), NULL);
    crlm_scores s = now(c);
    assert_int_equal(s.fong.min, 0);
    assert_int_equal(s.fong.max, 3);
    assert_int_equal(s.fong.risk, CRLM_RISK_UNKNOWN);
    assert_int_equal(s.fong.missing, (1u << CRLM_INPUT_NODE_STATUS) | (1u << CRLM_INPUT_DFI) |
                                         (1u << CRLM_INPUT_CEA));
    assert_int_equal(s.fong.factors[0].present, CRLM_TRI_UNKNOWN);
    assert_int_equal(s.fong.factors[2].present, CRLM_TRI_FALSE);
    crlm_case_free(c);
    /* a high score that unknowns cannot lower: 3 known points -> high whatever CEA is */
    c = mk(N1, SYNC, NULL, LIVER_T("A", 30) "," LIVER_T("B", 20), NULL);
    s = now(c);
    assert_int_equal(s.fong.min, 3);
    assert_int_equal(s.fong.max, 4);
    assert_int_equal(s.fong.risk, CRLM_RISK_HIGH);
    crlm_case_free(c);
    /* a target not assessed: the count and the largest size become ranges */
    c = mk(N0, SYNC, CEA(5), LIVER_T("A", 30) ",{\"id\":\"B\",\"organ\":\"liver\",\"role\":\"target\"}", NULL);
    s = now(c);
    assert_int_equal(s.inputs.tumors_min, 1);
    assert_int_equal(s.inputs.tumors_max, 2);
    assert_true(isinf(s.inputs.largest_mm_max));
    assert_int_equal(s.fong.min, 1);
    assert_int_equal(s.fong.max, 3);
    assert_int_equal(s.fong.missing, (1u << CRLM_INPUT_TUMOR_COUNT) | (1u << CRLM_INPUT_LARGEST_DIAMETER));
    crlm_case_free(c);
}

static int tbs_zone(const char *lesions)
{
    crlm_case *c = mk(N0, SYNC, CEA(5), lesions, NULL);
    crlm_scores s = now(c);
    int z = s.tbs.zone;
    crlm_case_free(c);
    return z;
}

static void tbs_boundaries(void **state)
{
    (void)state;
    /* One lesion: TBS >= 3 iff diameter >= sqrt(8) cm = 28.28 mm */
    assert_int_equal(tbs_zone(LIVER_T("A", 28.2)), 1);
    assert_int_equal(tbs_zone(LIVER_T("A", 28.3)), 2);
    /* Two lesions: 2.0 cm -> 2.83 (zone 1); one 2.9 cm lesion -> 3.07 (zone 2) */
    assert_int_equal(tbs_zone(LIVER_T("A", 20) "," LIVER_T("B", 20)), 1);
    assert_int_equal(tbs_zone(LIVER_T("A", 29)), 2);
    /* Two lesions: 2.24^2 + 4 = 9.0176 >= 9; 2.23^2 + 4 = 8.9729 < 9 */
    assert_int_equal(tbs_zone(LIVER_T("A", 22.3) "," LIVER_T("B", 10)), 1);
    assert_int_equal(tbs_zone(LIVER_T("A", 22.4) "," LIVER_T("B", 10)), 2);
    /* Eight lesions: 4.12^2 + 64 = 80.97 < 81; 4.13^2 + 64 = 81.06 >= 81 */
    const char *seven = ",{\"id\":\"N\",\"organ\":\"liver\",\"role\":\"non_target\",\"status\":\"present\",\"count\":7}";
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s", LIVER_T("A", 41.2), seven);
    assert_int_equal(tbs_zone(buf), 2);
    snprintf(buf, sizeof buf, "%s%s", LIVER_T("A", 41.3), seven);
    assert_int_equal(tbs_zone(buf), 3);
    /* Exactly at 3 in integer arithmetic: 1 lesion of sqrt(800) mm is irrational, but 2 lesions
     * of 22.36 mm are not representable in tenths either; the boundary is tested above. */
}

static crlm_scores game_case(const char *molecular, const char *cea, const char *extra)
{
    char ex[512];
    snprintf(ex, sizeof ex, "\"molecular\":{%s},\"extrahepatic\":[%s]", molecular, extra);
    crlm_case *c = mk(N0, SYNC, cea, LIVER_T("A", 20), ex);
    crlm_scores s = now(c);
    crlm_case_free(c);
    return s;
}

static void game_boundaries(void **state)
{
    (void)state;
    /* CEA >= 20 inclusive */
    crlm_scores s = game_case("\"kras\":\"wild_type\"", CEA(20), "");
    assert_int_equal(s.game.min, 1);
    assert_int_equal(s.game.max, 1);
    s = game_case("\"kras\":\"wild_type\"", CEA(19.9), "");
    assert_int_equal(s.game.min, 0);
    assert_int_equal(s.game.risk, CRLM_RISK_LOW);
    /* KRAS mutant 1, extrahepatic disease 2 -> 3 + CEA 1 = 4 -> high */
    s = game_case("\"kras\":\"mutant\"", CEA(25), "{\"site\":\"lung\",\"resectable\":true}");
    assert_int_equal(s.game.min, 4);
    assert_int_equal(s.game.risk, CRLM_RISK_HIGH);
    /* NRAS mutant does not count while the profile reads KRAS (the published score)... */
    s = game_case("\"kras\":\"wild_type\",\"nras\":\"mutant\"", CEA(5), "");
    assert_int_equal(s.game.min, 0);
    /* ...and does when the profile reads RAS. */
    crlm_profile *ras = test_profile_with("\"value\": \"kras\"", "\"value\": \"ras\"");
    crlm_case *c = mk(N0, SYNC, CEA(5), LIVER_T("A", 20),
                      "\"molecular\":{\"kras\":\"wild_type\",\"nras\":\"mutant\"},\"extrahepatic\":[]");
    crlm_scores_compute(c, ras, CRLM_CURRENT, &s);
    assert_int_equal(s.game.min, 1);
    assert_string_equal(s.game.factors[0].name, "ras_mutated");
    crlm_case_free(c);
    crlm_profile_free(ras);
    /* Medium from 2: node+ and CEA */
    crlm_case *c2 = mk(N1, SYNC, CEA(20), LIVER_T("A", 20),
                       "\"molecular\":{\"kras\":\"wild_type\"},\"extrahepatic\":[]");
    s = now(c2);
    assert_int_equal(s.game.min, 2);
    assert_int_equal(s.game.risk, CRLM_RISK_MEDIUM);
    crlm_case_free(c2);
}

static void mcrs_and_konopke(void **state)
{
    (void)state;
    /* m-CRS: RAS mutant (via NRAS), node+, 50.1 mm -> 3 high; 50 mm -> 2 medium */
    crlm_case *c = mk(N1, SYNC, CEA(200), LIVER_T("A", 50.1),
                      "\"molecular\":{\"kras\":\"wild_type\",\"nras\":\"mutant\"}");
    crlm_scores s = now(c);
    assert_int_equal(s.mcrs.min, 3);
    assert_int_equal(s.mcrs.risk, CRLM_RISK_HIGH);
    /* Konopke: CEA 200 counts (>= 200, unlike Fong), synchronous counts, 1 tumour does not */
    assert_int_equal(s.konopke.min, 2);
    assert_int_equal(s.konopke.risk, CRLM_RISK_HIGH);
    assert_int_equal(s.fong.factors[3].present, CRLM_TRI_FALSE); /* Fong: 200 is not > 200 */
    crlm_case_free(c);
    c = mk(N0, "\"detected_on\":\"2024-05-01\",\"synchronous\":false", CEA(199.9),
           LIVER_T("A", 50) "," LIVER_T("B", 20) ",{\"id\":\"N\",\"organ\":\"liver\",\"role\":\"non_target\",\"status\":\"present\",\"count\":2}",
           "\"molecular\":{\"kras\":\"wild_type\",\"nras\":\"wild_type\"}");
    s = now(c);
    assert_int_equal(s.mcrs.min, 0);
    assert_int_equal(s.mcrs.risk, CRLM_RISK_LOW);
    assert_int_equal(s.konopke.min, 1); /* 4 tumours: >= 4 inclusive */
    assert_int_equal(s.konopke.risk, CRLM_RISK_MEDIUM);
    crlm_case_free(c);
    /* m-CRS with RAS unknown (KRAS wild type, NRAS not tested) is a range */
    c = mk(N0, SYNC, CEA(5), LIVER_T("A", 20), "\"molecular\":{\"kras\":\"wild_type\"}");
    s = now(c);
    assert_int_equal(s.mcrs.min, 0);
    assert_int_equal(s.mcrs.max, 1);
    assert_int_equal(s.mcrs.missing, 1u << CRLM_INPUT_RAS);
    crlm_case_free(c);
}

static void diagnosis_versus_current(void **state)
{
    (void)state;
    size_t len;
    char *text = test_read_file("examples/two-stage-candidate.json", &len);
    crlm_case *c = NULL;
    assert_int_equal(crlm_case_read(text, len, P, &c, NULL), CRLM_OK);
    free(text);
    crlm_scores dx, cur;
    crlm_scores_compute(c, P, CRLM_AT_DIAGNOSIS, &dx);
    crlm_scores_compute(c, P, CRLM_CURRENT, &cur);
    /* at diagnosis: 7 tumours, 58 mm, CEA 240 (before chemotherapy), synchronous, node+ */
    assert_int_equal(dx.inputs.tumors_min, 7);
    assert_true(dx.inputs.largest_mm_min == 58);
    assert_true(dx.inputs.cea_ng_ml == 240);
    assert_int_equal(dx.fong.min, 5);
    /* now: 6 tumours, 34 mm, CEA 18 */
    assert_int_equal(cur.inputs.tumors_min, 6);
    assert_true(cur.inputs.largest_mm_min == 34);
    assert_true(cur.inputs.cea_ng_ml == 18);
    assert_int_equal(cur.fong.min, 3);
    crlm_case_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worked_example),      cmocka_unit_test(fong_boundaries),
        cmocka_unit_test(fong_dfi_calendar_months), cmocka_unit_test(fong_risk_groups),
        cmocka_unit_test(fong_missing_inputs), cmocka_unit_test(tbs_boundaries),
        cmocka_unit_test(game_boundaries),     cmocka_unit_test(mcrs_and_konopke),
        cmocka_unit_test(diagnosis_versus_current),
    };
    return cmocka_run_group_tests(tests, test_profile_setup, test_profile_teardown);
}
