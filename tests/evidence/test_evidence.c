/* The evidence tables and their pooling. Expected pooled values were computed independently
 * (Python, the DerSimonian-Laird formulas written out: y = logit p, v = 1/(n p (1-p)),
 * tau2 = max(0, (Q - df) / (sum w - sum w^2 / sum w)), 95 % z = 1.959963984540054):
 *   5-year OS, response: Adam 2004 37 % of 58, Neumann 2009 34 % of 44
 *     -> 35.71994 % (27.03653-45.45482), tau2 0, I2 0
 *   5-year OS, stable: 30 % of 39, 44 % of 20 -> 35.18540 % (23.31961-49.21385), tau2 0.0211892,
 *     I2 11.53466 %
 *   one study, 8 % of 34 -> 8 % (2.45702-23.08795)
 *   two heterogeneous studies, 20 % and 60 % of 100 -> 38.11663 % (9.61759-78.09573),
 *     tau2 1.5531177, I2 96.75534 % */
#include <math.h>

#include "test_util.h"

#include "crlm/evidence.h"

static void near(double got, double want, double tol)
{
    if (fabs(got - want) > tol)
        fail_msg("got %.9g, want %.9g", got, want);
}

static void dl_pooling(void **state)
{
    (void)state;
    crlm_pooled x;
    double p1[] = {20, 60}, n1[] = {100, 100};
    crlm_pool_logit(p1, n1, 2, &x);
    near(x.estimate_pct, 38.116626237273024, 1e-9);
    near(x.low_pct, 9.617589466700812, 1e-9);
    near(x.high_pct, 78.09573481485121, 1e-9);
    near(x.tau2, 1.5531176644508669, 1e-9);
    near(x.i2_pct, 96.75533883886014, 1e-9);
    assert_int_equal(x.studies, 2);
    near(x.patients, 200, 0);
    crlm_pool_logit(NULL, NULL, 0, &x);
    assert_int_equal(x.studies, 0);
    assert_true(isnan(x.estimate_pct));
    /* 0 % gets a continuity correction instead of an infinite logit */
    double p0[] = {0}, n0[] = {20};
    crlm_pool_logit(p0, n0, 1, &x);
    near(x.estimate_pct, 100.0 * 0.5 / 21.0, 1e-9);
}

static void table1_pooled_groups(void **state)
{
    (void)state;
    crlm_pooled x;
    crlm_evidence_pool("R", CRLM_OS_5Y, &x);
    assert_int_equal(x.studies, 2);
    near(x.estimate_pct, 35.719940866939545, 1e-9);
    near(x.low_pct, 27.03652586946444, 1e-9);
    near(x.high_pct, 45.454819076532864, 1e-9);
    crlm_evidence_pool("S", CRLM_OS_5Y, &x);
    near(x.estimate_pct, 35.18539687002303, 1e-9);
    near(x.tau2, 0.02118920617381602, 1e-12);
    near(x.i2_pct, 11.534660237575535, 1e-9);
    /* Progression: Neumann's P count is flagged (90 for 96): only Adam 2004 remains. */
    crlm_evidence_pool("P", CRLM_OS_5Y, &x);
    assert_int_equal(x.studies, 1);
    near(x.estimate_pct, 8.0, 1e-9);
    near(x.low_pct, 2.4570232188536103, 1e-9);
    /* Adam 2004's 5-year DFS for P is flagged (38 above its own 3-year 7): nothing to pool. */
    crlm_evidence_pool("P", CRLM_DFS_5Y, &x);
    assert_int_equal(x.studies, 0);
}

static void flags_and_rows(void **state)
{
    (void)state;
    size_t n;
    const crlm_evidence_row *t = crlm_evidence_table1(&n);
    assert_int_equal(n, 47);
    const crlm_evidence_row *adam_p = NULL, *gallagher_r = NULL;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(t[i].study, "Adam") == 0 && t[i].year == 2004 && strcmp(t[i].group, "P") == 0)
            adam_p = &t[i];
        if (strcmp(t[i].study, "Gallagher") == 0 && strcmp(t[i].group, "R") == 0)
            gallagher_r = &t[i];
    }
    assert_non_null(adam_p);
    assert_true(crlm_evidence_flagged(adam_p, "n_pct"));
    assert_true(crlm_evidence_flagged(adam_p, "dfs_5y_pct"));
    assert_false(crlm_evidence_flagged(adam_p, "n"));     /* "n_pct" must not match "n" */
    assert_false(crlm_evidence_flagged(adam_p, "os_5y_pct"));
    near(adam_p->os_5y_pct, 8, 0);
    assert_true(crlm_evidence_flagged(gallagher_r, "n"));
    size_t nf;
    const crlm_fong_outcome *f = crlm_evidence_fong1999(&nf);
    assert_int_equal(nf, 6);
    near(f[3].os_5y_pct, 20, 0);
    near(f[4].os_5y_pct, 25, 0); /* non-monotonic as published */
    near(f[0].median_os_months, 74, 0);
}

static void prognosis_for_a_patient(void **state)
{
    (void)state;
    crlm_prognosis pr;
    crlm_prognosis_compute("progression", 3, &pr);
    assert_int_equal(pr.literature[CRLM_OS_3Y].studies, 1);
    near(pr.literature[CRLM_OS_3Y].estimate_pct, 12, 1e-9);
    assert_int_equal(pr.fong_score, 3);
    near(pr.fong_median_os_months, 33, 0);
    crlm_prognosis_compute(NULL, -1, &pr);
    assert_int_equal(pr.fong_score, -1);
    assert_int_equal(pr.literature[CRLM_OS_5Y].studies, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dl_pooling),
        cmocka_unit_test(table1_pooled_groups),
        cmocka_unit_test(flags_and_rows),
        cmocka_unit_test(prognosis_for_a_patient),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
