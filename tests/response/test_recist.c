/* The RECIST 1.1 building blocks against the boundaries clinical-reference.md section 0 lists
 * and every row of the time-point table (Eisenhauer 2009 tables 4 and 5) and of the
 * best-response table with confirmation (section 3.7). Sums are written in tenths of a mm, as
 * the engine holds them, so each test names the exact integers at the boundary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include "crlm/profile.h"
#include "crlm/profile_read.h"
#include "crlm/recist.h"

static crlm_recist_thresholds T;

static int setup(void **state)
{
    (void)state;
    crlm_profile *p = crlm_profile_default_new();
    assert_non_null(p);
    crlm_recist_thresholds_from_profile(p, &T);
    crlm_profile_free(p);
    return 0;
}

static crlm_recist tr(long base, long nadir, long cur, bool all, bool gone, bool *review)
{
    crlm_recist_target_input in = {base, nadir, cur, all, gone};
    return crlm_recist_target_response(&T, &in, review);
}

static void test_thresholds_from_default_profile(void **state)
{
    (void)state;
    assert_int_equal(T.pr_decrease_pct_tenths, 300);
    assert_int_equal(T.pd_increase_pct_tenths, 200);
    assert_int_equal(T.pd_increase_tenths, 50);
    assert_int_equal(T.too_small_tenths, 50);
    assert_int_equal(T.node_normal_under_tenths, 100);
    assert_int_equal(T.node_target_tenths, 150);
    assert_int_equal(T.measurable_tenths, 100);
    assert_int_equal(T.max_targets, 5);
    assert_int_equal(T.max_targets_per_organ, 2);
    assert_false(T.confirmation);
    assert_int_equal(T.confirmation_min_days, 28);
    assert_int_equal(T.sd_min_days, 42);
    assert_true(T.cea_upper_normal_ng_ml == 5.0);
}

/* exactly -30 % is PR; -29.9 % is SD */
static void test_pr_boundary(void **state)
{
    (void)state;
    assert_int_equal(tr(1000, 1000, 700, true, false, NULL), CRLM_RECIST_PR);
    assert_int_equal(tr(1000, 1000, 701, true, false, NULL), CRLM_RECIST_SD);
    /* a baseline that does not divide evenly: 89 mm * 0.7 = 62.3 mm */
    assert_int_equal(tr(890, 890, 623, true, false, NULL), CRLM_RECIST_PR);
    assert_int_equal(tr(890, 890, 624, true, false, NULL), CRLM_RECIST_SD);
}

/* +20 % with +4 mm is not PD; +20 % with +5 mm is */
static void test_pd_boundary(void **state)
{
    (void)state;
    assert_int_equal(tr(250, 200, 240, true, false, NULL), CRLM_RECIST_SD); /* E5 */
    assert_int_equal(tr(280, 250, 300, true, false, NULL), CRLM_RECIST_PD); /* E6 */
    /* +19.9 % with a large absolute rise is not PD */
    assert_int_equal(tr(1000, 1000, 1199, true, false, NULL), CRLM_RECIST_SD);
    assert_int_equal(tr(1000, 1000, 1200, true, false, NULL), CRLM_RECIST_PD);
}

/* PD is tested before PR: -50 % from baseline but +25 % / +10 mm from the nadir is PD */
static void test_pd_from_nadir_beats_pr(void **state)
{
    (void)state;
    assert_int_equal(tr(1000, 400, 500, true, false, NULL), CRLM_RECIST_PD);
    /* same nadir, +4.9 mm: still PR */
    assert_int_equal(tr(1000, 400, 449, true, false, NULL), CRLM_RECIST_PR);
}

/* CR with nodes: a node at 9 mm is normal (sum need not be 0); the engine passes all_gone */
static void test_cr_and_conflict_flag(void **state)
{
    (void)state;
    bool review = true;
    assert_int_equal(tr(480, 480, 90, true, true, &review), CRLM_RECIST_CR);
    assert_false(review);
    /* node 3 mm at nadir, 9 mm now: +6 mm, +200 %, yet CR: flagged for review */
    assert_int_equal(tr(480, 30, 90, true, true, &review), CRLM_RECIST_CR);
    assert_true(review);
    /* node at 10 mm is not normal: not all gone, so PR (-79.2 %) */
    assert_int_equal(tr(480, 480, 100, true, false, &review), CRLM_RECIST_PR);
    assert_false(review);
}

/* reappearance after every target vanished: nadir 0, 5 mm back is PD, 4.9 mm is not */
static void test_nadir_zero(void **state)
{
    (void)state;
    assert_int_equal(tr(300, 0, 50, true, false, NULL), CRLM_RECIST_PD);
    assert_int_equal(tr(300, 0, 49, true, false, NULL), CRLM_RECIST_PR);
}

/* a target not assessed: NE, unless the measured part alone meets PD */
static void test_missing_target(void **state)
{
    (void)state;
    assert_int_equal(tr(600, 600, 530, false, false, NULL), CRLM_RECIST_NE);  /* E9 */
    assert_int_equal(tr(600, 600, 800, false, false, NULL), CRLM_RECIST_PD);  /* E10 */
    assert_int_equal(tr(600, 600, 719, false, false, NULL), CRLM_RECIST_NE);  /* +19.8 % */
    assert_int_equal(tr(600, 600, 720, false, false, NULL), CRLM_RECIST_PD);  /* exactly 1.2x */
    /* a partial sum that looks like PR or CR proves nothing */
    assert_int_equal(tr(600, 600, 0, false, true, NULL), CRLM_RECIST_NE);
    /* unknown baseline: nothing to compare with */
    assert_int_equal(tr(-1, -1, 500, true, false, NULL), CRLM_RECIST_NE);
}

/* every row of Eisenhauer 2009 table 4 (target disease) */
static void test_overall_table_target_disease(void **state)
{
    (void)state;
    const crlm_new_lesions NO = CRLM_NEW_NO, YES = CRLM_NEW_YES;
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_CR, CRLM_RECIST_CR, NO), CRLM_RECIST_CR);
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_CR, CRLM_RECIST_NONE, NO), CRLM_RECIST_CR);
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_CR, CRLM_RECIST_NON_CR_NON_PD, NO), CRLM_RECIST_PR);
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_CR, CRLM_RECIST_NE, NO), CRLM_RECIST_PR);
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_PR, CRLM_RECIST_NON_CR_NON_PD, NO), CRLM_RECIST_PR);
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_PR, CRLM_RECIST_NE, NO), CRLM_RECIST_PR);
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_PR, CRLM_RECIST_CR, NO), CRLM_RECIST_PR);
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_SD, CRLM_RECIST_NON_CR_NON_PD, NO), CRLM_RECIST_SD);
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_SD, CRLM_RECIST_NE, NO), CRLM_RECIST_SD);
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_NE, CRLM_RECIST_NON_CR_NON_PD, NO), CRLM_RECIST_NE);
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_PD, CRLM_RECIST_CR, NO), CRLM_RECIST_PD);
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_PD, CRLM_RECIST_NE, YES), CRLM_RECIST_PD);
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_CR, CRLM_RECIST_PD, NO), CRLM_RECIST_PD);
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_PR, CRLM_RECIST_PD, NO), CRLM_RECIST_PD);
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_CR, CRLM_RECIST_CR, YES), CRLM_RECIST_PD);
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_NE, CRLM_RECIST_NE, YES), CRLM_RECIST_PD);
    /* an equivocal new lesion does not make PD by itself */
    assert_int_equal(crlm_recist_overall(CRLM_RECIST_PR, CRLM_RECIST_NONE, CRLM_NEW_EQUIVOCAL),
                     CRLM_RECIST_PR);
}

/* every row of table 5 (non-target disease only) */
static void test_overall_table_non_target_only(void **state)
{
    (void)state;
    const crlm_recist N = CRLM_RECIST_NONE;
    assert_int_equal(crlm_recist_overall(N, CRLM_RECIST_CR, CRLM_NEW_NO), CRLM_RECIST_CR);
    assert_int_equal(crlm_recist_overall(N, CRLM_RECIST_NON_CR_NON_PD, CRLM_NEW_NO),
                     CRLM_RECIST_NON_CR_NON_PD);
    assert_int_equal(crlm_recist_overall(N, CRLM_RECIST_NE, CRLM_NEW_NO), CRLM_RECIST_NE);
    assert_int_equal(crlm_recist_overall(N, CRLM_RECIST_PD, CRLM_NEW_NO), CRLM_RECIST_PD);
    assert_int_equal(crlm_recist_overall(N, CRLM_RECIST_CR, CRLM_NEW_YES), CRLM_RECIST_PD);
    assert_int_equal(crlm_recist_overall(N, CRLM_RECIST_NON_CR_NON_PD, CRLM_NEW_YES), CRLM_RECIST_PD);
    /* no disease at all at baseline: nothing to evaluate */
    assert_int_equal(crlm_recist_overall(N, N, CRLM_NEW_NO), CRLM_RECIST_NE);
}

static crlm_recist bor(const crlm_recist_thresholds *t, const int *days, const crlm_recist *v,
                       size_t n)
{
    crlm_date d[8] = {0};
    for (size_t i = 0; i < n; i++)
        d[i] = 20000 + days[i];
    return crlm_recist_best_overall(t, 20000, d, v, n);
}

static void test_bor_without_confirmation(void **state)
{
    (void)state;
    const crlm_recist PR = CRLM_RECIST_PR, SD = CRLM_RECIST_SD, PD = CRLM_RECIST_PD,
                      NE = CRLM_RECIST_NE, CR = CRLM_RECIST_CR;
    /* no time point: a baseline and no follow-up is NE; no baseline either, unknown */
    assert_int_equal(bor(&T, NULL, NULL, 0), NE);
    assert_int_equal(crlm_recist_best_overall(&T, CRLM_DATE_UNKNOWN, NULL, NULL, 0),
                     CRLM_RECIST_UNKNOWN);
    int d1[] = {56, 84};
    crlm_recist v1[] = {PR, SD}; /* E2 without confirmation: PR was reached */
    assert_int_equal(bor(&T, d1, v1, 2), PR);
    /* SD at day 41 is too early, at day 42 it counts */
    int d2[] = {41};
    crlm_recist v2[] = {SD};
    assert_int_equal(bor(&T, d2, v2, 1), NE);
    int d3[] = {42};
    assert_int_equal(bor(&T, d3, v2, 1), SD);
    /* SD too early, then PD: PD */
    int d4[] = {28, 56};
    crlm_recist v4[] = {SD, PD};
    assert_int_equal(bor(&T, d4, v4, 2), PD);
    /* SD too early, then NE: NE */
    crlm_recist v5[] = {SD, NE};
    assert_int_equal(bor(&T, d4, v5, 2), NE);
    /* nothing after the first PD counts */
    int d6[] = {56, 84, 112};
    crlm_recist v6[] = {SD, PD, CR};
    assert_int_equal(bor(&T, d6, v6, 3), SD);
    /* non-CR/non-PD obeys the SD duration too */
    crlm_recist v7[] = {CRLM_RECIST_NON_CR_NON_PD};
    assert_int_equal(bor(&T, d2, v7, 1), NE);
    assert_int_equal(bor(&T, d3, v7, 1), CRLM_RECIST_NON_CR_NON_PD);
}

/* clinical-reference 3.7, with confirmation: the table row by row */
static void test_bor_with_confirmation(void **state)
{
    (void)state;
    crlm_recist_thresholds t = T;
    t.confirmation = true;
    const crlm_recist CR = CRLM_RECIST_CR, PR = CRLM_RECIST_PR, SD = CRLM_RECIST_SD,
                      PD = CRLM_RECIST_PD, NE = CRLM_RECIST_NE;
    int d[] = {56, 84};
    crlm_recist r1[] = {CR, CR};
    assert_int_equal(bor(&t, d, r1, 2), CR);
    crlm_recist r2[] = {CR, PR}; /* CR unconfirmed, PR unconfirmed: SD (duration met) */
    assert_int_equal(bor(&t, d, r2, 2), SD);
    crlm_recist r3[] = {CR, SD};
    assert_int_equal(bor(&t, d, r3, 2), SD);
    crlm_recist r4[] = {CR, PD};
    assert_int_equal(bor(&t, d, r4, 2), SD);
    crlm_recist r5[] = {CR, NE};
    assert_int_equal(bor(&t, d, r5, 2), SD);
    crlm_recist r6[] = {PR, CR};
    assert_int_equal(bor(&t, d, r6, 2), PR);
    crlm_recist r7[] = {PR, PR}; /* E1 */
    assert_int_equal(bor(&t, d, r7, 2), PR);
    crlm_recist r8[] = {PR, SD}; /* E2 */
    assert_int_equal(bor(&t, d, r8, 2), SD);
    crlm_recist r9[] = {PR, PD};
    assert_int_equal(bor(&t, d, r9, 2), SD);
    crlm_recist r10[] = {NE, NE};
    assert_int_equal(bor(&t, d, r10, 2), NE);
    /* SD duration not met: CR then PD is PD, CR then NE is NE */
    int e[] = {21, 49};
    assert_int_equal(bor(&t, e, r4, 2), PD);
    assert_int_equal(bor(&t, e, r5, 2), NE);
    /* the confirming scan must be >= 28 days later: 27 days does not confirm */
    int f[] = {56, 83};
    assert_int_equal(bor(&t, f, r7, 2), SD);
    int g[] = {56, 84};
    assert_int_equal(bor(&t, g, r7, 2), PR);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(crlm_recist_name(CRLM_RECIST_NON_CR_NON_PD), "non_cr_non_pd");
    assert_null(crlm_recist_name(CRLM_RECIST_UNKNOWN));
    assert_string_equal(crlm_new_lesions_name(CRLM_NEW_EQUIVOCAL), "equivocal");
    assert_string_equal(crlm_line_status_name(CRLM_LINE_NOT_EVALUABLE), "not_evaluable");
    assert_string_equal(crlm_morph_response_name(CRLM_MORPH_RESPONSE_INCOMPLETE), "incomplete");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thresholds_from_default_profile),
        cmocka_unit_test(test_pr_boundary),
        cmocka_unit_test(test_pd_boundary),
        cmocka_unit_test(test_pd_from_nadir_beats_pr),
        cmocka_unit_test(test_cr_and_conflict_flag),
        cmocka_unit_test(test_nadir_zero),
        cmocka_unit_test(test_missing_target),
        cmocka_unit_test(test_overall_table_target_disease),
        cmocka_unit_test(test_overall_table_non_target_only),
        cmocka_unit_test(test_bor_without_confirmation),
        cmocka_unit_test(test_bor_with_confirmation),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
