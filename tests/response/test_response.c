/* The response engine end to end: case JSON -> crlm_case_read -> crlm_response_compute.
 * The worked examples E1-E10 of clinical-reference.md 3.9 are fixtures in tests/data/response;
 * the other cases (splits, merges, non-target-only disease, equivocal new lesions, a new line
 * resetting the baseline, progression after chemotherapy, morphology, CEA) are written inline
 * next to their expectations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

#include "crlm/case.h"
#include "crlm/case_read.h"
#include "crlm/profile.h"
#include "crlm/profile_read.h"
#include "crlm/recist.h"

#define P TEST_PROFILE

typedef struct run {
    crlm_case *c;
    crlm_response *r;
} run;

static run compute_json(const char *json, const crlm_profile *p)
{
    run x = {0};
    crlm_errors errs = {0};
    crlm_status st = crlm_case_read(json, strlen(json), p, &x.c, &errs);
    if (st != CRLM_OK) {
        char line[700];
        for (size_t i = 0; i < errs.count; i++) {
            crlm_error_format(&errs.items[i], line, sizeof line);
            print_error("%s\n", line);
        }
        fail_msg("case did not read");
    }
    crlm_errors_free(&errs);
    assert_int_equal(crlm_response_compute(x.c, p, &x.r), CRLM_OK);
    assert_non_null(x.r);
    return x;
}

static run compute_file(const char *name, const crlm_profile *p)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/data/response/%s", CRLM_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return compute_json(buf, p);
}

static void done(run *x)
{
    crlm_response_free(x->r);
    crlm_case_free(x->c);
}

/* A case with one ongoing line started 2024-01-10 and the given imaging (and optional CEA). */
static run line_case(const char *imaging, const char *extra)
{
    static char json[16384];
    snprintf(json, sizeof json,
             "{\"format\":\"crlm-case/1\",\"id\":\"T\",\"assessed_on\":\"2024-12-01\","
             "\"chemotherapy\":[{\"line\":1,\"started_on\":\"2024-01-10\"}],"
             "\"imaging\":[%s]%s%s}",
             imaging, extra ? "," : "", extra ? extra : "");
    return compute_json(json, P);
}

#define TL(id, d) "{\"id\":\"" id "\",\"organ\":\"liver\",\"role\":\"target\",\"diameter_mm\":" #d "}"
#define STUDY(date, ...) "{\"date\":\"" date "\",\"lesions\":[" __VA_ARGS__ "]}"

static void assert_tp(const crlm_response *r, size_t i, crlm_recist target, crlm_recist overall)
{
    assert_true(i < r->n_timepoints);
    if (r->timepoints[i].target != target || r->timepoints[i].overall != overall) {
        print_error("time point %zu: target %s overall %s, wanted %s %s\n", i,
                    crlm_recist_name(r->timepoints[i].target),
                    crlm_recist_name(r->timepoints[i].overall), crlm_recist_name(target),
                    crlm_recist_name(overall));
        fail();
    }
}

static void assert_near(double got, double want)
{
    if (!(fabs(got - want) < 1e-9)) {
        print_error("got %.17g want %.17g\n", got, want);
        fail();
    }
}

/* ---- E1-E10 --------------------------------------------------------------------------------- */

static void test_e1_confirmed_pr(void **state)
{
    (void)state;
    run x = compute_file("e1.json", P);
    assert_int_equal(x.r->n_timepoints, 2);
    assert_tp(x.r, 0, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_tp(x.r, 1, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_near(x.r->timepoints[0].sum_mm, 65.0);
    assert_near(x.r->timepoints[0].change_from_baseline_pct, -35.0);
    assert_near(x.r->timepoints[1].change_from_nadir_pct, 0.0);
    assert_int_equal(x.r->best_overall, CRLM_RECIST_PR);
    assert_int_equal(x.r->timepoints[0].line, 1);
    done(&x);
    /* with confirmation on, the second PR (28 days later) confirms the first; the profile is
     * read-only through the API, so the BOR block is called with confirmation set */
    crlm_recist_thresholds t;
    crlm_recist_thresholds_from_profile(P, &t);
    t.confirmation = true;
    crlm_date d[2] = {crlm_date_from_ymd(2024, 3, 4), crlm_date_from_ymd(2024, 4, 1)};
    crlm_recist v[2] = {CRLM_RECIST_PR, CRLM_RECIST_PR};
    assert_int_equal(crlm_recist_best_overall(&t, crlm_date_from_ymd(2024, 1, 8), d, v, 2),
                     CRLM_RECIST_PR);
}

/* E2, the default reading (continuing_pr_rule on): 100 -> 68 (PR) -> 75 (-25 % from the
 * baseline, SD by arithmetic; +10.3 % over the nadir 68, not PD): the PR continues. */
static void test_e2_continuing_pr(void **state)
{
    (void)state;
    run x = compute_file("e2.json", P);
    assert_tp(x.r, 0, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_tp(x.r, 1, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_false(x.r->timepoints[0].pr_continued);
    assert_true(x.r->timepoints[1].pr_continued);
    assert_near(x.r->timepoints[1].change_from_baseline_pct, -25.0);
    assert_near(x.r->timepoints[1].change_from_nadir_pct, 10.3); /* 75 vs 68 = +10.29 % */
    assert_int_equal(x.r->best_overall, CRLM_RECIST_PR);
    assert_int_equal(x.r->lines[0].status, CRLM_LINE_RESPONSE);
    assert_int_equal(x.r->checks.count, 1);
    assert_string_equal(x.r->checks.items[0].code, "recist_continuing_pr");
    assert_int_equal(x.r->checks.items[0].severity, CRLM_SEV_INFO);
    assert_string_equal(x.r->checks.items[0].evidence, "recist.eortc.org, eisenhauer-2009");
    assert_non_null(strstr(x.r->checks.items[0].message,
                           "on 2024-04-01 the target sum is stable by arithmetic (-25.0 % from "
                           "the baseline) but has not progressed since the response of "
                           "2024-03-04"));
    done(&x);
}

/* The default profile with continuing_pr_rule and recist_confirmation set. */
static crlm_profile *profile_rule(bool continuing, bool confirmation)
{
    const char *const edits[2][2] = {
        {"\"continuing_pr_rule\": { \"value\": true",
         continuing ? "\"continuing_pr_rule\": { \"value\": true"
                    : "\"continuing_pr_rule\": { \"value\": false"},
        {"\"recist_confirmation\": { \"value\": false",
         confirmation ? "\"recist_confirmation\": { \"value\": true"
                      : "\"recist_confirmation\": { \"value\": false"}};
    return test_profile_edited(edits, 2);
}

/* E2 with the rule off: each time point by arithmetic, PR then SD; without confirmation the
 * best overall response is still the PR that was reached. */
static void test_e2_rule_off_pr_then_sd(void **state)
{
    (void)state;
    crlm_profile *off = profile_rule(false, false);
    run x = compute_file("e2.json", off);
    assert_tp(x.r, 0, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_tp(x.r, 1, CRLM_RECIST_SD, CRLM_RECIST_SD);
    assert_false(x.r->timepoints[1].pr_continued);
    assert_int_equal(x.r->best_overall, CRLM_RECIST_PR);
    assert_int_equal(x.r->checks.count, 0);
    done(&x);
    crlm_profile_free(off);
}

/* E1 and E2 with confirmation on. E2's PR of 2024-03-04 is not confirmed by 2024-04-01 (SD
 * by arithmetic, 28 days later), so nothing continues whether the rule is on or off: PR, SD,
 * best SD (clinical-reference 3.7 "PR then SD"; SD from week 8 meets the 6 weeks). */
static void test_e1_e2_with_confirmation_profile(void **state)
{
    (void)state;
    for (int rule = 0; rule < 2; rule++) {
        crlm_profile *p = profile_rule(rule == 1, true);
        run x = compute_file("e1.json", p);
        assert_int_equal(x.r->best_overall, CRLM_RECIST_PR); /* PR confirmed 28 days later */
        done(&x);
        x = compute_file("e2.json", p);
        assert_tp(x.r, 0, CRLM_RECIST_PR, CRLM_RECIST_PR);
        assert_tp(x.r, 1, CRLM_RECIST_SD, CRLM_RECIST_SD);
        assert_int_equal(x.r->best_overall, CRLM_RECIST_SD);
        done(&x);
        crlm_profile_free(p);
    }
}

/* E3: 100 -> 70 (PR) -> 80 (-20 %, +14.3 % over the nadir 70) -> 86 (+22.9 %, +16 mm: PD).
 * With the rule on (default) the 80 is a continuing PR; off, SD. PD wins either way. */
static void test_e3_pr_pr_pd(void **state)
{
    (void)state;
    run x = compute_file("e3.json", P);
    assert_tp(x.r, 0, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_tp(x.r, 1, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_true(x.r->timepoints[1].pr_continued);
    assert_tp(x.r, 2, CRLM_RECIST_PD, CRLM_RECIST_PD);
    assert_false(x.r->timepoints[2].pr_continued);
    assert_near(x.r->timepoints[1].change_from_nadir_pct, 14.3);
    assert_near(x.r->timepoints[2].change_from_nadir_pct, 22.9);
    assert_int_equal(x.r->timepoints[2].nadir_tenths, 700);
    assert_int_equal(x.r->best_overall, CRLM_RECIST_PR);
    assert_int_equal(x.r->lines[0].status, CRLM_LINE_PROGRESSION);
    assert_int_equal(x.r->progression_on_chemotherapy, CRLM_TRI_TRUE);
    done(&x);
    crlm_profile *off = profile_rule(false, false);
    x = compute_file("e3.json", off);
    assert_tp(x.r, 0, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_tp(x.r, 1, CRLM_RECIST_SD, CRLM_RECIST_SD);
    assert_tp(x.r, 2, CRLM_RECIST_PD, CRLM_RECIST_PD);
    done(&x);
    crlm_profile_free(off);
}

static void test_e4_eortc_continued_pr(void **state)
{
    (void)state;
    run x = compute_file("e4.json", P);
    assert_tp(x.r, 0, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_tp(x.r, 1, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_near(x.r->timepoints[1].change_from_nadir_pct, 3.2);
    assert_near(x.r->timepoints[0].change_from_baseline_pct, -61.8);
    done(&x);
}

static void test_e5_e6_absolute_margin(void **state)
{
    (void)state;
    run x = compute_file("e5.json", P);
    assert_tp(x.r, 0, CRLM_RECIST_SD, CRLM_RECIST_SD);
    assert_tp(x.r, 1, CRLM_RECIST_SD, CRLM_RECIST_SD);
    assert_near(x.r->timepoints[1].change_from_nadir_pct, 20.0);
    assert_int_equal(x.r->progression_on_chemotherapy, CRLM_TRI_FALSE);
    assert_int_equal(x.r->lines[0].status, CRLM_LINE_STABLE);
    done(&x);
    x = compute_file("e6.json", P);
    assert_tp(x.r, 0, CRLM_RECIST_SD, CRLM_RECIST_SD);
    assert_tp(x.r, 1, CRLM_RECIST_PD, CRLM_RECIST_PD);
    assert_near(x.r->timepoints[1].change_from_nadir_pct, 20.0);
    assert_int_equal(x.r->best_overall, CRLM_RECIST_SD); /* SD at week 8 counts */
    done(&x);
}

static void test_e7_node_under_10_is_cr(void **state)
{
    (void)state;
    run x = compute_file("e7.json", P);
    assert_int_equal(x.r->n_timepoints, 1);
    assert_tp(x.r, 0, CRLM_RECIST_CR, CRLM_RECIST_CR);
    assert_near(x.r->timepoints[0].sum_mm, 9.0);
    assert_int_equal(x.r->timepoints[0].non_target, CRLM_RECIST_NONE);
    assert_int_equal(x.r->best_overall, CRLM_RECIST_CR);
    assert_false(x.r->timepoints[0].needs_review);
    assert_int_equal(x.r->checks.count, 0);
    done(&x);
}

static void test_e8_new_lesion_overrides(void **state)
{
    (void)state;
    run x = compute_file("e8.json", P);
    assert_tp(x.r, 0, CRLM_RECIST_PR, CRLM_RECIST_PD);
    assert_int_equal(x.r->timepoints[0].new_lesions, CRLM_NEW_YES);
    assert_near(x.r->timepoints[0].change_from_baseline_pct, -43.8); /* -43.75 rounded away */
    done(&x);
}

static void test_e9_e10_missing_target(void **state)
{
    (void)state;
    run x = compute_file("e9.json", P);
    assert_tp(x.r, 0, CRLM_RECIST_NE, CRLM_RECIST_NE);
    assert_true(isnan(x.r->timepoints[0].sum_mm));
    assert_true(isnan(x.r->timepoints[0].change_from_baseline_pct));
    assert_int_equal(x.r->timepoints[0].measured_tenths, 530);
    assert_int_equal(x.r->best_overall, CRLM_RECIST_NE);
    assert_int_equal(x.r->progression_on_chemotherapy, CRLM_TRI_UNKNOWN);
    assert_int_equal(x.r->lines[0].status, CRLM_LINE_NOT_EVALUABLE);
    done(&x);
    x = compute_file("e10.json", P);
    assert_tp(x.r, 0, CRLM_RECIST_PD, CRLM_RECIST_PD);
    assert_true(isnan(x.r->timepoints[0].sum_mm));
    assert_int_equal(x.r->progression_on_chemotherapy, CRLM_TRI_TRUE);
    done(&x);
}

/* ---- boundaries through whole cases ----------------------------------------------------------- */

static void test_node_9_cr_node_10_pr(void **state)
{
    (void)state;
    run x = line_case(STUDY("2024-01-08", TL("A", 30) ",{\"id\":\"N\",\"organ\":\"lymph_node\",\"role\":\"target\",\"diameter_mm\":18}") ","
                      STUDY("2024-03-04", TL("A", 0) ",{\"id\":\"N\",\"organ\":\"lymph_node\",\"role\":\"target\",\"diameter_mm\":9}"),
                      NULL);
    assert_tp(x.r, 0, CRLM_RECIST_CR, CRLM_RECIST_CR);
    assert_near(x.r->timepoints[0].sum_mm, 9.0);
    done(&x);
    x = line_case(STUDY("2024-01-08", TL("A", 30) ",{\"id\":\"N\",\"organ\":\"lymph_node\",\"role\":\"target\",\"diameter_mm\":18}") ","
                  STUDY("2024-03-04", TL("A", 0) ",{\"id\":\"N\",\"organ\":\"lymph_node\",\"role\":\"target\",\"diameter_mm\":10}"),
                  NULL);
    assert_tp(x.r, 0, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_near(x.r->timepoints[0].change_from_baseline_pct, -79.2);
    done(&x);
}

static void test_too_small_is_5mm_not_cr(void **state)
{
    (void)state;
    run x = line_case(STUDY("2024-01-08", TL("A", 30)) ","
                      STUDY("2024-03-04", "{\"id\":\"A\",\"organ\":\"liver\",\"role\":\"target\",\"too_small\":true}"),
                      NULL);
    assert_tp(x.r, 0, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_near(x.r->timepoints[0].sum_mm, 5.0);
    assert_true(x.r->timepoints[0].targets[0].too_small);
    done(&x);
}

/* Exactly -30 % is PR, -29.9 % SD by arithmetic: after the PR that SD is a continuing PR with
 * the rule on, SD with it off. A first time point at -29.9 % has nothing to continue. */
static void test_exact_pr_boundary_case(void **state)
{
    (void)state;
    const char *img = STUDY("2024-01-08", TL("A", 60) "," TL("B", 40)) ","
                      STUDY("2024-03-04", TL("A", 42) "," TL("B", 28)) ","
                      STUDY("2024-04-01", TL("A", 42.1) "," TL("B", 28));
    run x = line_case(img, NULL);
    assert_tp(x.r, 0, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_near(x.r->timepoints[0].change_from_baseline_pct, -30.0);
    assert_tp(x.r, 1, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_true(x.r->timepoints[1].pr_continued);
    assert_near(x.r->timepoints[1].change_from_baseline_pct, -29.9);
    done(&x);
    crlm_profile *off = profile_rule(false, false);
    static char json[4096];
    snprintf(json, sizeof json,
             "{\"format\":\"crlm-case/1\",\"id\":\"T\",\"assessed_on\":\"2024-12-01\","
             "\"chemotherapy\":[{\"line\":1,\"started_on\":\"2024-01-10\"}],\"imaging\":[%s]}",
             img);
    x = compute_json(json, off);
    assert_tp(x.r, 1, CRLM_RECIST_SD, CRLM_RECIST_SD);
    done(&x);
    crlm_profile_free(off);
    x = line_case(STUDY("2024-01-08", TL("A", 60) "," TL("B", 40)) ","
                  STUDY("2024-03-04", TL("A", 42.1) "," TL("B", 28)),
                  NULL);
    assert_tp(x.r, 0, CRLM_RECIST_SD, CRLM_RECIST_SD);
    assert_false(x.r->timepoints[0].pr_continued);
    done(&x);
}

/* The working group's own example (FAQ "Managing PR when TP measurements change slightly over
 * time"): 100 -> 70, 70, 80, 80, 80 is PR at every time point, though 80 is -20 %. */
static void test_continuing_pr_faq_example(void **state)
{
    (void)state;
    run x = line_case(STUDY("2024-01-08", TL("A", 60) "," TL("B", 40)) ","
                      STUDY("2024-03-04", TL("A", 42) "," TL("B", 28)) ","
                      STUDY("2024-04-29", TL("A", 42) "," TL("B", 28)) ","
                      STUDY("2024-06-24", TL("A", 48) "," TL("B", 32)) ","
                      STUDY("2024-08-19", TL("A", 48) "," TL("B", 32)) ","
                      STUDY("2024-10-14", TL("A", 48) "," TL("B", 32)),
                      NULL);
    assert_int_equal(x.r->n_timepoints, 5);
    for (size_t i = 0; i < 5; i++)
        assert_tp(x.r, i, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_false(x.r->timepoints[1].pr_continued);
    for (size_t i = 2; i < 5; i++) {
        assert_true(x.r->timepoints[i].pr_continued);
        assert_near(x.r->timepoints[i].change_from_baseline_pct, -20.0);
    }
    assert_int_equal(x.r->checks.count, 3);
    done(&x);
}

/* PD still ends the response, at its exact boundary: baseline 100, PR at 60, then 72 (+20 % and
 * +12 mm over the nadir 60) is PD; 71.9 (+19.8 %) is a continuing PR. After the PD nothing
 * continues: 71 (-29 %, +18.3 % over the nadir 60) is SD. */
static void test_continuing_pr_ends_at_pd(void **state)
{
    (void)state;
    run x = line_case(STUDY("2024-01-08", TL("A", 60) "," TL("B", 40)) ","
                      STUDY("2024-03-04", TL("A", 36) "," TL("B", 24)) ","
                      STUDY("2024-04-01", TL("A", 47.9) "," TL("B", 24)) ","
                      STUDY("2024-05-06", TL("A", 48) "," TL("B", 24)) ","
                      STUDY("2024-06-03", TL("A", 47) "," TL("B", 24)),
                      NULL);
    assert_tp(x.r, 0, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_tp(x.r, 1, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_true(x.r->timepoints[1].pr_continued);
    assert_near(x.r->timepoints[1].change_from_nadir_pct, 19.8);
    assert_tp(x.r, 2, CRLM_RECIST_PD, CRLM_RECIST_PD);
    assert_near(x.r->timepoints[2].change_from_nadir_pct, 20.0);
    assert_tp(x.r, 3, CRLM_RECIST_SD, CRLM_RECIST_SD);
    assert_false(x.r->timepoints[3].pr_continued);
    assert_int_equal(x.r->best_overall, CRLM_RECIST_PR);
    done(&x);
}

/* New lesions and non-target progression are PD whatever the continuing PR says. */
static void test_continuing_pr_new_lesion_and_non_target_pd(void **state)
{
    (void)state;
    run x = line_case(STUDY("2024-01-08", TL("A", 60) "," TL("B", 40)) ","
                      STUDY("2024-03-04", TL("A", 36) "," TL("B", 24)) ","
                      STUDY("2024-04-01", TL("A", 43) "," TL("B", 28) ","
                            "{\"id\":\"X\",\"organ\":\"liver\",\"role\":\"new\",\"status\":\"unequivocal\"}"),
                      NULL);
    assert_tp(x.r, 1, CRLM_RECIST_PR, CRLM_RECIST_PD); /* 71: continuing PR, new lesion: PD */
    assert_int_equal(x.r->timepoints[1].new_lesions, CRLM_NEW_YES);
    done(&x);
    x = line_case(STUDY("2024-01-08", TL("A", 60) "," TL("B", 40) ","
                        "{\"id\":\"M\",\"organ\":\"liver\",\"role\":\"non_target\",\"status\":\"present\"}") ","
                  STUDY("2024-03-04", TL("A", 36) "," TL("B", 24) ","
                        "{\"id\":\"M\",\"organ\":\"liver\",\"role\":\"non_target\",\"status\":\"present\"}") ","
                  STUDY("2024-04-01", TL("A", 43) "," TL("B", 28) ","
                        "{\"id\":\"M\",\"organ\":\"liver\",\"role\":\"non_target\",\"status\":\"unequivocal_progression\"}"),
                  NULL);
    assert_int_equal(x.r->timepoints[1].non_target, CRLM_RECIST_PD);
    assert_int_equal(x.r->timepoints[1].overall, CRLM_RECIST_PD);
    done(&x);
}

/* A not-evaluable time point in between neither ends nor continues the response: it stays NE
 * (a missing target could hide progression) and the response holds past it. */
static void test_continuing_pr_through_ne(void **state)
{
    (void)state;
    run x = line_case(STUDY("2024-01-08", TL("A", 60) "," TL("B", 40)) ","
                      STUDY("2024-03-04", TL("A", 36) "," TL("B", 24)) ","
                      STUDY("2024-04-01", TL("A", 43)) ","
                      STUDY("2024-05-06", TL("A", 43) "," TL("B", 28)),
                      NULL);
    assert_tp(x.r, 0, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_tp(x.r, 1, CRLM_RECIST_NE, CRLM_RECIST_NE);
    assert_tp(x.r, 2, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_true(x.r->timepoints[2].pr_continued);
    done(&x);
}

#define NODE(d) "{\"id\":\"N\",\"organ\":\"lymph_node\",\"role\":\"target\",\"diameter_mm\":" #d "}"

/* With confirmation on only a confirmed response continues, confirmed as the best overall
 * response confirms: a PR by a PR or CR at least 28 days later, a CR by a CR. */
static void test_continuing_pr_with_confirmation(void **state)
{
    (void)state;
    crlm_profile *p = profile_rule(true, true);
    static char json[4096];
    const char *fmt = "{\"format\":\"crlm-case/1\",\"id\":\"T\",\"assessed_on\":\"2024-12-01\","
                      "\"chemotherapy\":[{\"line\":1,\"started_on\":\"2024-01-10\"}],"
                      "\"imaging\":[" STUDY("2024-01-08", TL("A", 60) "," TL("B", 40)) ","
                      "{\"date\":\"2024-03-04\",\"lesions\":[%s]},"
                      "{\"date\":\"%s\",\"lesions\":[%s]},"
                      STUDY("2024-05-06", TL("A", 43) "," TL("B", 28)) "]}";
    /* PR, PR 28 days later (confirmed), then 71 (-29 %, +18.3 % over the nadir 60): PR */
    snprintf(json, sizeof json, fmt, TL("A", 36) "," TL("B", 24), "2024-04-01",
             TL("A", 36) "," TL("B", 24));
    run x = compute_json(json, p);
    assert_tp(x.r, 2, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_true(x.r->timepoints[2].pr_continued);
    assert_int_equal(x.r->best_overall, CRLM_RECIST_PR);
    done(&x);
    /* the second PR 27 days later confirms nothing: 71 stays SD */
    snprintf(json, sizeof json, fmt, TL("A", 36) "," TL("B", 24), "2024-03-31",
             TL("A", 36) "," TL("B", 24));
    x = compute_json(json, p);
    assert_tp(x.r, 2, CRLM_RECIST_SD, CRLM_RECIST_SD);
    assert_int_equal(x.r->best_overall, CRLM_RECIST_SD);
    done(&x);
    /* CR, then PR: the CR is not confirmed (a CR needs a CR), the PR not yet: a node 16 -> 9
     * (CR) -> 10 (PR, -37.5 %) -> 12 (-25 %, +3 mm over the nadir 9: SD) stays SD */
    x = compute_json("{\"format\":\"crlm-case/1\",\"id\":\"T\",\"assessed_on\":\"2024-12-01\","
                     "\"chemotherapy\":[{\"line\":1,\"started_on\":\"2024-01-10\"}],\"imaging\":["
                     STUDY("2024-01-08", NODE(16)) "," STUDY("2024-03-04", NODE(9)) ","
                     STUDY("2024-04-01", NODE(10)) "," STUDY("2024-05-06", NODE(12)) "]}",
                     p);
    assert_tp(x.r, 0, CRLM_RECIST_CR, CRLM_RECIST_CR);
    assert_tp(x.r, 1, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_tp(x.r, 2, CRLM_RECIST_SD, CRLM_RECIST_SD);
    assert_int_equal(x.r->best_overall, CRLM_RECIST_SD);
    done(&x);
    /* the same with the rule alone (no confirmation): the CR holds at once, 10 and 12 are PR */
    x = line_case(STUDY("2024-01-08", NODE(16)) "," STUDY("2024-03-04", NODE(9)) ","
                  STUDY("2024-04-01", NODE(10)) "," STUDY("2024-05-06", NODE(12)), NULL);
    assert_tp(x.r, 2, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_true(x.r->timepoints[2].pr_continued);
    done(&x);
    crlm_profile_free(p);
}

/* A complete response continues as a partial one: node 16 -> 9 (CR, under 10 mm) -> 12
 * (-25 % from the baseline, +3 mm over the nadir 9: SD by arithmetic) is PR, not SD. */
static void test_continuing_pr_after_cr(void **state)
{
    (void)state;
    run x = line_case(STUDY("2024-01-08", NODE(16)) "," STUDY("2024-03-04", NODE(9)) ","
                      STUDY("2024-04-01", NODE(12)),
                      NULL);
    assert_tp(x.r, 0, CRLM_RECIST_CR, CRLM_RECIST_CR);
    assert_tp(x.r, 1, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_true(x.r->timepoints[1].pr_continued);
    assert_near(x.r->timepoints[1].change_from_baseline_pct, -25.0);
    assert_int_equal(x.r->best_overall, CRLM_RECIST_CR);
    done(&x);
}

/* A new line resets the baseline and the response: line 1 reaches PR (100 -> 60 -> 62); line 2
 * has the 2024-04-25 study (62 mm) as its baseline, and 50 (-19.4 % from it) is SD. */
static void test_continuing_pr_reset_by_new_line(void **state)
{
    (void)state;
    static const char json[] =
        "{\"format\":\"crlm-case/1\",\"id\":\"T\",\"assessed_on\":\"2024-12-01\","
        "\"chemotherapy\":[{\"line\":1,\"started_on\":\"2024-01-10\",\"ended_on\":\"2024-04-20\"},"
        "{\"line\":2,\"started_on\":\"2024-05-01\"}],"
        "\"imaging\":["
        STUDY("2024-01-08", TL("A", 60) "," TL("B", 40)) ","
        STUDY("2024-03-04", TL("A", 36) "," TL("B", 24)) ","
        STUDY("2024-04-25", TL("A", 37) "," TL("B", 25)) ","
        STUDY("2024-06-10", TL("A", 30) "," TL("B", 20)) "]}";
    run x = compute_json(json, P);
    assert_int_equal(x.r->n_timepoints, 3);
    assert_int_equal(x.r->timepoints[2].line, 2);
    assert_tp(x.r, 2, CRLM_RECIST_SD, CRLM_RECIST_SD);
    assert_false(x.r->timepoints[2].pr_continued);
    assert_near(x.r->timepoints[2].change_from_baseline_pct, -19.4);
    assert_int_equal(x.r->lines[0].best_overall, CRLM_RECIST_PR);
    assert_int_equal(x.r->lines[1].best_overall, CRLM_RECIST_SD);
    done(&x);
}

/* a fragmented lesion is the sum of its fragments; coalesced ones put the conglomerate on one
 * id and 0 on the other, so the sum still counts both and CR needs the conglomerate gone */
static void test_split_and_merged(void **state)
{
    (void)state;
    /* split: A (40) broke into fragments 12 + 10 recorded as A = 22 */
    run x = line_case(STUDY("2024-01-08", TL("A", 40) "," TL("B", 20)) ","
                      STUDY("2024-03-04", TL("A", 22) "," TL("B", 20)),
                      NULL);
    assert_near(x.r->timepoints[0].sum_mm, 42.0);
    assert_tp(x.r, 0, CRLM_RECIST_PR, CRLM_RECIST_PR); /* -30 % exactly */
    done(&x);
    /* merged: A and B coalesced into a 55 mm mass recorded on A, B = 0 */
    x = line_case(STUDY("2024-01-08", TL("A", 25) "," TL("B", 20)) ","
                  STUDY("2024-03-04", TL("A", 55) "," TL("B", 0)),
                  NULL);
    assert_near(x.r->timepoints[0].sum_mm, 55.0);
    assert_tp(x.r, 0, CRLM_RECIST_PD, CRLM_RECIST_PD); /* 55 vs 45: +22.2 %, +10 mm */
    done(&x);
    x = line_case(STUDY("2024-01-08", TL("A", 25) "," TL("B", 20)) ","
                  STUDY("2024-03-04", TL("A", 35) "," TL("B", 0)),
                  NULL);
    assert_tp(x.r, 0, CRLM_RECIST_SD, CRLM_RECIST_SD); /* B at 0 alone is not CR */
    assert_near(x.r->timepoints[0].change_from_baseline_pct, -22.2);
    done(&x);
}

#define NT(id, st) "{\"id\":\"" id "\",\"organ\":\"liver\",\"role\":\"non_target\",\"status\":\"" st "\"}"
#define NEWL(id, st) "{\"id\":\"" id "\",\"organ\":\"liver\",\"role\":\"new\",\"status\":\"" st "\"}"

static void test_non_target_only(void **state)
{
    (void)state;
    run x = line_case(STUDY("2024-01-08", NT("M", "present")) ","
                      STUDY("2024-03-04", NT("M", "present")) ","
                      STUDY("2024-04-01", NT("M", "absent")) ","
                      STUDY("2024-05-06", NT("M", "unequivocal_progression")),
                      NULL);
    assert_int_equal(x.r->n_timepoints, 3);
    assert_int_equal(x.r->timepoints[0].target, CRLM_RECIST_NONE);
    assert_int_equal(x.r->timepoints[0].overall, CRLM_RECIST_NON_CR_NON_PD);
    assert_int_equal(x.r->timepoints[1].overall, CRLM_RECIST_CR);
    assert_int_equal(x.r->timepoints[2].non_target, CRLM_RECIST_PD);
    assert_int_equal(x.r->timepoints[2].overall, CRLM_RECIST_PD);
    assert_true(isnan(x.r->timepoints[0].sum_mm));
    assert_int_equal(x.r->best_overall, CRLM_RECIST_CR);
    done(&x);
    /* non-target disease only has no partial response to continue: CR, then present again is
     * non-CR/non-PD */
    x = line_case(STUDY("2024-01-08", NT("M", "present")) "," STUDY("2024-03-04", NT("M", "absent"))
                  "," STUDY("2024-04-01", NT("M", "present")),
                  NULL);
    assert_int_equal(x.r->timepoints[0].overall, CRLM_RECIST_CR);
    assert_int_equal(x.r->timepoints[1].overall, CRLM_RECIST_NON_CR_NON_PD);
    assert_false(x.r->timepoints[1].pr_continued);
    done(&x);
    /* not examined: NE */
    x = line_case(STUDY("2024-01-08", NT("M", "present")) "," STUDY("2024-03-04", ""), NULL);
    assert_int_equal(x.r->timepoints[0].overall, CRLM_RECIST_NE);
    done(&x);
}

/* CEA above the limit at baseline must normalise for a complete response */
static void test_cea_gates_cr(void **state)
{
    (void)state;
    const char *img = STUDY("2024-01-08", TL("A", 30)) "," STUDY("2024-03-04", TL("A", 0));
    run x = line_case(img, "\"cea\":[{\"date\":\"2024-01-05\",\"value_ng_ml\":12},"
                           "{\"date\":\"2024-03-01\",\"value_ng_ml\":6}]");
    assert_int_equal(x.r->timepoints[0].target, CRLM_RECIST_CR);
    assert_int_equal(x.r->timepoints[0].non_target, CRLM_RECIST_NON_CR_NON_PD);
    assert_int_equal(x.r->timepoints[0].overall, CRLM_RECIST_PR);
    done(&x);
    x = line_case(img, "\"cea\":[{\"date\":\"2024-01-05\",\"value_ng_ml\":12},"
                       "{\"date\":\"2024-03-01\",\"value_ng_ml\":4.9}]");
    assert_int_equal(x.r->timepoints[0].non_target, CRLM_RECIST_CR);
    assert_int_equal(x.r->timepoints[0].overall, CRLM_RECIST_CR);
    assert_int_equal(x.r->cea.normalized, CRLM_TRI_TRUE);
    done(&x);
    /* elevated at baseline, no value since: CR cannot be called (NE non-target -> PR) */
    x = line_case(img, "\"cea\":[{\"date\":\"2024-01-05\",\"value_ng_ml\":12}]");
    assert_int_equal(x.r->timepoints[0].non_target, CRLM_RECIST_NE);
    assert_int_equal(x.r->timepoints[0].overall, CRLM_RECIST_PR);
    done(&x);
}

static void test_equivocal_then_confirmed(void **state)
{
    (void)state;
    run x = line_case(STUDY("2024-01-08", TL("A", 40)) ","
                      STUDY("2024-03-04", TL("A", 30) "," NEWL("X", "equivocal")) ","
                      STUDY("2024-04-01", TL("A", 30) "," NEWL("X", "unequivocal")),
                      NULL);
    assert_int_equal(x.r->timepoints[0].new_lesions, CRLM_NEW_YES);
    assert_int_equal(x.r->timepoints[0].overall, CRLM_RECIST_PD); /* dated to first showing */
    assert_true(x.r->timepoints[0].pd_backdated);
    assert_int_equal(x.r->timepoints[1].overall, CRLM_RECIST_PD);
    assert_int_equal(x.r->best_overall, CRLM_RECIST_PD);
    assert_int_equal(x.r->checks.count, 1);
    assert_string_equal(x.r->checks.items[0].code, "equivocal_new_lesion");
    assert_int_equal(x.r->checks.items[0].severity, CRLM_SEV_INFO);
    done(&x);
    /* never confirmed: equivocal, not PD, and a warning */
    x = line_case(STUDY("2024-01-08", TL("A", 40)) ","
                  STUDY("2024-03-04", TL("A", 30) "," NEWL("X", "equivocal")),
                  NULL);
    assert_int_equal(x.r->timepoints[0].new_lesions, CRLM_NEW_EQUIVOCAL);
    assert_int_equal(x.r->timepoints[0].overall, CRLM_RECIST_SD);
    assert_int_equal(x.r->checks.count, 1);
    assert_int_equal(x.r->checks.items[0].severity, CRLM_SEV_WARNING);
    done(&x);
}

/* a second line starts a new baseline and a new nadir; a lesion new during line 1 is part of
 * line 2's baseline disease, not new again */
static void test_baseline_reset_at_new_line_values(void **state)
{
    (void)state;
    static const char json[] =
        "{\"format\":\"crlm-case/1\",\"id\":\"T\",\"assessed_on\":\"2024-12-01\","
        "\"chemotherapy\":[{\"line\":1,\"started_on\":\"2024-01-10\",\"ended_on\":\"2024-04-20\"},"
        "{\"line\":2,\"started_on\":\"2024-05-01\",\"ended_on\":\"2024-08-01\"}],"
        "\"plan\":{\"planned_on\":\"2024-12-20\"},"
        "\"imaging\":["
        STUDY("2024-01-08", TL("A", 30)) ","
        STUDY("2024-03-04", TL("A", 24)) ","
        STUDY("2024-04-25", TL("A", 40) "," NEWL("Y", "unequivocal")) ","
        STUDY("2024-07-01", TL("A", 27) "," NEWL("Y", "unequivocal")) ","
        STUDY("2024-08-20", TL("A", 25) "," NEWL("Y", "unequivocal")) "]}";
    run x = compute_json(json, P);
    const crlm_response *r = x.r;
    assert_int_equal(r->n_baselines, 2);
    assert_int_equal(r->n_timepoints, 4);
    /* line 1: baseline 30 -> 24 (SD), -> 40 with a new lesion after the line ended (PD) */
    assert_int_equal(r->timepoints[0].line, 1);
    assert_tp(r, 0, CRLM_RECIST_SD, CRLM_RECIST_SD);
    assert_tp(r, 1, CRLM_RECIST_PD, CRLM_RECIST_PD);
    assert_false(r->timepoints[1].on_chemotherapy);
    /* line 2: baseline is 2024-04-25 (40 mm, Y now part of the baseline disease) */
    assert_int_equal(r->timepoints[2].line, 2);
    assert_int_equal(r->timepoints[2].baseline_date, crlm_date_from_ymd(2024, 4, 25));
    assert_tp(r, 2, CRLM_RECIST_PR, CRLM_RECIST_PR); /* 27 vs 40: -32.5 % */
    assert_near(r->timepoints[2].change_from_baseline_pct, -32.5);
    assert_int_equal(r->timepoints[2].new_lesions, CRLM_NEW_NO);
    assert_int_equal(r->timepoints[2].non_target, CRLM_RECIST_NON_CR_NON_PD);
    assert_tp(r, 3, CRLM_RECIST_PR, CRLM_RECIST_PR);
    assert_near(r->timepoints[3].change_from_nadir_pct, -7.4);
    assert_int_equal(r->current_baseline, 1);
    assert_int_equal(r->baselines[1].sum_tenths, 400);
    assert_int_equal(r->best_overall, CRLM_RECIST_PR);
    /* per line */
    assert_int_equal(r->n_lines, 2);
    assert_int_equal(r->lines[0].status, CRLM_LINE_PROGRESSION);
    assert_int_equal(r->lines[0].progression_on_chemotherapy, CRLM_TRI_FALSE);
    assert_int_equal(r->lines[0].progression_after_chemotherapy, CRLM_TRI_TRUE);
    assert_int_equal(r->lines[1].status, CRLM_LINE_RESPONSE);
    assert_int_equal(r->lines[1].progression_on_chemotherapy, CRLM_TRI_FALSE);
    assert_int_equal(r->lines[1].progression_after_chemotherapy, CRLM_TRI_FALSE);
    assert_int_equal(r->progression_on_chemotherapy, CRLM_TRI_FALSE);
    assert_int_equal(r->progression_after_chemotherapy, CRLM_TRI_TRUE);
    done(&x);
}

/* no imaging after the line: unknown, not false */
static void test_unknown_stays_null(void **state)
{
    (void)state;
    static const char json[] =
        "{\"format\":\"crlm-case/1\",\"id\":\"T\",\"assessed_on\":\"2024-12-01\","
        "\"chemotherapy\":[{\"line\":1,\"started_on\":\"2024-01-10\",\"ended_on\":\"2024-04-20\"}],"
        "\"imaging\":[" STUDY("2024-01-08", TL("A", 30)) "]}";
    run x = compute_json(json, P);
    assert_int_equal(x.r->n_timepoints, 0);
    assert_int_equal(x.r->lines[0].status, CRLM_LINE_NOT_EVALUABLE);
    assert_int_equal(x.r->lines[0].progression_on_chemotherapy, CRLM_TRI_UNKNOWN);
    assert_int_equal(x.r->lines[0].progression_after_chemotherapy, CRLM_TRI_UNKNOWN);
    assert_int_equal(x.r->progression_on_chemotherapy, CRLM_TRI_UNKNOWN);
    assert_int_equal(x.r->progression_after_chemotherapy, CRLM_TRI_UNKNOWN);
    /* a baseline and no follow-up: not evaluable (RECIST), for the case and for the line */
    assert_int_equal(x.r->best_overall, CRLM_RECIST_NE);
    assert_int_equal(x.r->lines[0].best_overall, CRLM_RECIST_NE);
    assert_int_equal(x.r->current_baseline, 0);
    assert_true(isnan(x.r->cea.first_ng_ml));
    assert_int_equal(x.r->cea.normalized, CRLM_TRI_UNKNOWN);
    crlm_buf b = {0};
    crlm_response_write_json(x.r, &b);
    assert_non_null(strstr(b.data, "\"timepoints\":[],\"best_overall\":\"ne\""));
    assert_non_null(strstr(b.data, "\"progression_on_chemotherapy\":null,\"progression_after"));
    crlm_buf_free(&b);
    done(&x);
    /* no imaging at all, no chemotherapy given */
    run y = compute_json("{\"format\":\"crlm-case/1\",\"id\":\"T\",\"chemotherapy\":[]}", P);
    assert_int_equal(y.r->n_timepoints, 0);
    assert_int_equal(y.r->current_baseline, SIZE_MAX);
    assert_int_equal(y.r->progression_on_chemotherapy, CRLM_TRI_FALSE);
    assert_int_equal(y.r->best_overall, CRLM_RECIST_UNKNOWN); /* no baseline: nothing to judge */
    done(&y);
    /* one study without chemotherapy: a baseline, no follow-up: NE */
    y = compute_json("{\"format\":\"crlm-case/1\",\"id\":\"T\",\"imaging\":["
                     STUDY("2024-01-08", TL("A", 30)) "]}", P);
    assert_int_equal(y.r->n_timepoints, 0);
    assert_int_equal(y.r->best_overall, CRLM_RECIST_NE);
    done(&y);
    /* a line with no study before it: its time points are NE (no baseline to compare with),
     * and so is the best response; a baseline-less new lesion is still PD */
    y = line_case(STUDY("2024-02-05", TL("A", 30)), NULL);
    assert_tp(y.r, 0, CRLM_RECIST_NE, CRLM_RECIST_NE);
    assert_int_equal(y.r->current_baseline, SIZE_MAX);
    assert_int_equal(y.r->best_overall, CRLM_RECIST_NE);
    done(&y);
    /* imaging recorded as not known: no baseline, null */
    y = compute_json("{\"format\":\"crlm-case/1\",\"id\":\"T\",\"chemotherapy\":"
                     "[{\"line\":1,\"started_on\":\"2024-01-10\"}]}", P);
    assert_int_equal(y.r->best_overall, CRLM_RECIST_UNKNOWN);
    assert_int_equal(y.r->lines[0].best_overall, CRLM_RECIST_UNKNOWN);
    done(&y);
}

static void test_without_chemotherapy(void **state)
{
    (void)state;
    static const char json[] =
        "{\"format\":\"crlm-case/1\",\"id\":\"T\",\"assessed_on\":\"2024-12-01\","
        "\"imaging\":[" STUDY("2024-01-08", TL("A", 30)) "," STUDY("2024-03-04", TL("A", 36)) "]}";
    run x = compute_json(json, P);
    assert_int_equal(x.r->n_timepoints, 1);
    assert_int_equal(x.r->timepoints[0].line, -1);
    assert_tp(x.r, 0, CRLM_RECIST_PD, CRLM_RECIST_PD);
    assert_int_equal(x.r->n_lines, 0);
    assert_int_equal(x.r->progression_on_chemotherapy, CRLM_TRI_UNKNOWN); /* list absent */
    crlm_buf b = {0};
    crlm_response_write_json(x.r, &b);
    assert_string_equal(
        b.data,
        "{\"baseline\":{\"date\":\"2024-01-08\",\"line\":null,\"sum_mm\":30.0},\"timepoints\":[{"
        "\"date\":\"2024-03-04\",\"line\":null,\"baseline_date\":\"2024-01-08\",\"sum_mm\":36.0,"
        "\"change_from_baseline_pct\":20.0,\"change_from_nadir_pct\":20.0,\"target\":\"pd\","
        "\"non_target\":\"none\",\"new_lesions\":\"no\",\"overall\":\"pd\"}],\"best_overall\":"
        "\"pd\",\"lines\":[],\"progression_on_chemotherapy\":null,"
        "\"progression_after_chemotherapy\":null,\"cea_trend\":{\"first_ng_ml\":null,"
        "\"last_ng_ml\":null,\"change_pct\":null,\"doubling_time_days\":null,\"normalized\":null}}");
    crlm_buf_free(&b);
    done(&x);
}

static void test_morphologic_response(void **state)
{
    (void)state;
    const char *fmt = "{\"date\":\"2024-01-08\",\"morphology\":\"%s\",\"lesions\":[" TL("A", 30)
                      "]},{\"date\":\"2024-03-04\",\"morphology\":\"%s\",\"lesions\":[" TL("A", 28) "]}";
    struct { const char *from, *to; crlm_morph_response want; } rows[] = {
        {"group_3", "group_1", CRLM_MORPH_RESPONSE_OPTIMAL},
        {"group_2", "group_1", CRLM_MORPH_RESPONSE_OPTIMAL},
        {"group_3", "group_2", CRLM_MORPH_RESPONSE_INCOMPLETE},
        {"group_2", "group_2", CRLM_MORPH_RESPONSE_NONE},
        {"group_1", "group_1", CRLM_MORPH_RESPONSE_NONE},
        {"group_1", "group_3", CRLM_MORPH_RESPONSE_NONE},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char img[1024];
        snprintf(img, sizeof img, fmt, rows[i].from, rows[i].to);
        run x = line_case(img, NULL);
        assert_int_equal(x.r->lines[0].morphologic_response, rows[i].want);
        done(&x);
    }
    run x = line_case(STUDY("2024-01-08", TL("A", 30)) "," STUDY("2024-03-04", TL("A", 28)), NULL);
    assert_int_equal(x.r->lines[0].morphologic_response, CRLM_MORPH_RESPONSE_UNKNOWN);
    done(&x);
}

static void test_cea_kinetics(void **state)
{
    (void)state;
    /* 20 -> 5 (nadir) -> 10 -> 20 every 30 days: doubling every 30 days exactly */
    run x = line_case(STUDY("2024-01-08", TL("A", 30)),
                      "\"cea\":[{\"date\":\"2024-01-01\",\"value_ng_ml\":20},"
                      "{\"date\":\"2024-01-31\",\"value_ng_ml\":5},"
                      "{\"date\":\"2024-03-01\",\"value_ng_ml\":10},"
                      "{\"date\":\"2024-03-31\",\"value_ng_ml\":20}]");
    const crlm_cea_trend *t = &x.r->cea;
    assert_int_equal(t->n, 4);
    assert_near(t->first_ng_ml, 20);
    assert_near(t->last_ng_ml, 20);
    assert_near(t->change_pct, 0);
    assert_int_equal(t->doubling_points, 3);
    assert_true(fabs(t->doubling_time_days - 30.0) < 1e-9);
    assert_int_equal(t->normalized, CRLM_TRI_FALSE);
    done(&x);
    /* falling: no doubling time; last value exactly 5 is not under the limit of 5 */
    x = line_case(STUDY("2024-01-08", TL("A", 30)),
                  "\"cea\":[{\"date\":\"2024-01-01\",\"value_ng_ml\":40},"
                  "{\"date\":\"2024-03-01\",\"value_ng_ml\":5}]");
    assert_true(isnan(x.r->cea.doubling_time_days));
    assert_near(x.r->cea.change_pct, -87.5);
    assert_int_equal(x.r->cea.normalized, CRLM_TRI_FALSE);
    crlm_buf b = {0};
    crlm_response_write_json(x.r, &b);
    assert_non_null(strstr(b.data, "\"cea_trend\":{\"first_ng_ml\":40,\"last_ng_ml\":5,"
                                   "\"change_pct\":-87.5,\"doubling_time_days\":null,"
                                   "\"normalized\":false}"));
    crlm_buf_free(&b);
    done(&x);
}

static void test_selection_check(void **state)
{
    (void)state;
    /* three liver targets (at most 2 per organ), one 8 mm (under 10), one node of 12 mm */
    run x = line_case(STUDY("2024-01-08", TL("A", 30) "," TL("B", 20) "," TL("C", 8)
                                ",{\"id\":\"N\",\"organ\":\"lymph_node\",\"role\":\"target\",\"diameter_mm\":12}") ","
                      STUDY("2024-03-04", TL("A", 30) "," TL("B", 20) "," TL("C", 8)
                                ",{\"id\":\"N\",\"organ\":\"lymph_node\",\"role\":\"target\",\"diameter_mm\":12}"),
                      NULL);
    assert_int_equal(x.r->checks.count, 1);
    const crlm_check *ck = &x.r->checks.items[0];
    assert_string_equal(ck->code, "recist_selection");
    assert_int_equal(ck->severity, CRLM_SEV_WARNING);
    assert_non_null(strstr(ck->message, "3 targets in liver (at most 2 per organ)"));
    assert_non_null(strstr(ck->message, "C 8.0 mm under the measurable 10.0 mm"));
    assert_non_null(strstr(ck->message, "N 12.0 mm under the measurable 15.0 mm short axis"));
    assert_tp(x.r, 0, CRLM_RECIST_SD, CRLM_RECIST_SD); /* still computed */
    done(&x);
    /* slices over 5 mm: 2 x 7 mm = 14 mm is the minimum */
    x = line_case("{\"date\":\"2024-01-08\",\"slice_mm\":7,\"lesions\":[" TL("A", 12) "]}", NULL);
    assert_int_equal(x.r->checks.count, 1);
    assert_non_null(strstr(x.r->checks.items[0].message, "A 12.0 mm under the measurable 14.0 mm"));
    done(&x);
}

static void test_example_progression_on_chemotherapy(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/examples/progression-on-chemotherapy.json", CRLM_SOURCE_DIR);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    run x = compute_json(buf, P);
    /* 57 -> 70 (+22.8 %, +13 mm) during the line; 74 + a new lesion after it ended */
    assert_int_equal(x.r->n_timepoints, 2);
    assert_tp(x.r, 0, CRLM_RECIST_PD, CRLM_RECIST_PD);
    assert_near(x.r->timepoints[0].change_from_baseline_pct, 22.8);
    assert_int_equal(x.r->timepoints[1].overall, CRLM_RECIST_PD);
    assert_int_equal(x.r->progression_on_chemotherapy, CRLM_TRI_TRUE);
    assert_int_equal(x.r->progression_after_chemotherapy, CRLM_TRI_TRUE);
    assert_int_equal(x.r->best_overall, CRLM_RECIST_PD);
    assert_true(x.r->cea.doubling_time_days > 60 && x.r->cea.doubling_time_days < 120);
    done(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_e1_confirmed_pr),
        cmocka_unit_test(test_e2_continuing_pr),
        cmocka_unit_test(test_e2_rule_off_pr_then_sd),
        cmocka_unit_test(test_e1_e2_with_confirmation_profile),
        cmocka_unit_test(test_e3_pr_pr_pd),
        cmocka_unit_test(test_e4_eortc_continued_pr),
        cmocka_unit_test(test_e5_e6_absolute_margin),
        cmocka_unit_test(test_e7_node_under_10_is_cr),
        cmocka_unit_test(test_e8_new_lesion_overrides),
        cmocka_unit_test(test_e9_e10_missing_target),
        cmocka_unit_test(test_node_9_cr_node_10_pr),
        cmocka_unit_test(test_too_small_is_5mm_not_cr),
        cmocka_unit_test(test_exact_pr_boundary_case),
        cmocka_unit_test(test_continuing_pr_faq_example),
        cmocka_unit_test(test_continuing_pr_ends_at_pd),
        cmocka_unit_test(test_continuing_pr_new_lesion_and_non_target_pd),
        cmocka_unit_test(test_continuing_pr_through_ne),
        cmocka_unit_test(test_continuing_pr_with_confirmation),
        cmocka_unit_test(test_continuing_pr_after_cr),
        cmocka_unit_test(test_continuing_pr_reset_by_new_line),
        cmocka_unit_test(test_split_and_merged),
        cmocka_unit_test(test_non_target_only),
        cmocka_unit_test(test_cea_gates_cr),
        cmocka_unit_test(test_equivocal_then_confirmed),
        cmocka_unit_test(test_baseline_reset_at_new_line_values),
        cmocka_unit_test(test_unknown_stays_null),
        cmocka_unit_test(test_without_chemotherapy),
        cmocka_unit_test(test_morphologic_response),
        cmocka_unit_test(test_cea_kinetics),
        cmocka_unit_test(test_selection_check),
        cmocka_unit_test(test_example_progression_on_chemotherapy),
    };
    return cmocka_run_group_tests(tests, test_profile_setup, test_profile_teardown);
}
