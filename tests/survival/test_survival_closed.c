/* Survival results on tiny data sets whose answers are derived by hand (closed forms), and
 * the reader's rules (missing values, factors, event coding, errors with line and column).
 * Derivations are written next to each expectation so a reader can redo them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/survival.h"

static void near(double a, double b, int line)
{
    if (!(fabs(a - b) <= 1e-12 * fmax(1.0, fabs(b)))) {
        print_error("line %d: got %.17g want %.17g\n", line, a, b);
        fail();
    }
}
#define NEAR(a, b) near((a), (b), __LINE__)

static crlm_surv_data *read_csv(const char *csv, const crlm_surv_spec *spec, crlm_status want,
                                crlm_errors *errs)
{
    crlm_csv_reader *r = NULL;
    assert_int_equal(crlm_csv_open_memory(&r, csv, strlen(csv), NULL, errs), CRLM_OK);
    crlm_surv_data *d = NULL;
    assert_int_equal(crlm_surv_data_read(r, spec, &d, errs), want);
    crlm_csv_close(r);
    return d;
}

static crlm_surv_result *analyze(const char *csv, const crlm_surv_spec *spec,
                                 const crlm_surv_options *opt, crlm_surv_data **dout)
{
    crlm_surv_data *d = read_csv(csv, spec, CRLM_OK, NULL);
    crlm_surv_result *r = NULL;
    assert_int_equal(crlm_surv_analyze(d, opt, &r, NULL), CRLM_OK);
    if (dout)
        *dout = d;
    else
        crlm_surv_data_free(d);
    return r;
}

static void test_km_uncensored(void **state)
{
    (void)state;
    /* 1..4 all events: S = 3/4, 1/2, 1/4, 0; std_err^2 = sum 1/(n(n-1)):
     * 1/12, 1/12 + 1/6, ... ; the median is the midpoint of the flat 1/2 stretch, (2+3)/2 */
    crlm_surv_spec spec = {.time_col = "t", .event_col = "e"};
    double at[] = {0, 2, 2.5, 4, 5};
    crlm_surv_options opt = {.at = at, .nat = 5};
    crlm_surv_result *r = analyze("t,e\n3,1\n1,1\n4,1\n2,1\n", &spec, &opt, NULL);
    assert_int_equal(r->nkm, 1);
    const crlm_km_curve *k = &r->km[0];
    assert_string_equal(k->group, "all");
    assert_int_equal(k->nrows, 4);
    NEAR(k->rows[0].surv, 0.75);
    NEAR(k->rows[1].surv, 0.5);
    NEAR(k->rows[2].surv, 0.25);
    NEAR(k->rows[3].surv, 0.0);
    NEAR(k->rows[0].std_err, sqrt(1.0 / 12));
    NEAR(k->rows[1].std_err, sqrt(1.0 / 12 + 1.0 / 6));
    assert_true(isinf(k->rows[3].std_err) && isnan(k->rows[3].low) && isnan(k->rows[3].high));
    /* log interval: exp(log 0.75 - 1.959964 * sqrt(1/12)) and the upper end capped at 1 */
    NEAR(k->rows[0].low, exp(log(0.75) - 1.959963984540054 * sqrt(1.0 / 12)));
    NEAR(k->rows[0].high, 1.0);
    NEAR(k->median, 2.5);
    NEAR(k->median_low, 1.0);
    assert_true(isnan(k->median_high));
    /* at: before the first time S = 1 with all at risk; n_risk counts time >= t */
    NEAR(k->at[0].surv, 1.0);
    NEAR(k->at[0].n_risk, 4);
    NEAR(k->at[1].surv, 0.5);
    NEAR(k->at[1].n_risk, 3);
    NEAR(k->at[2].surv, 0.5);
    NEAR(k->at[2].n_risk, 2);
    NEAR(k->at[3].surv, 0.0);
    assert_true(isnan(k->at[4].surv)); /* past follow-up: not estimated */
    NEAR(k->at[4].n_risk, 0);
    assert_null(r->logrank);
    assert_null(r->cox);
    crlm_surv_result_free(r);
}

static void test_km_censoring_rules(void **state)
{
    (void)state;
    crlm_surv_spec spec = {.time_col = "t", .event_col = "e"};
    /* all censored: S stays 1, no median */
    crlm_surv_result *r = analyze("t,e\n3,0\n5,0\n5,0\n", &spec, NULL, NULL);
    assert_int_equal(r->km[0].events, 0);
    assert_int_equal(r->km[0].nrows, 2);
    NEAR(r->km[0].rows[1].n_censor, 2);
    NEAR(r->km[0].rows[1].surv, 1.0);
    assert_true(isnan(r->km[0].median));
    crlm_surv_result_free(r);
    /* one event among 2 at risk, the curve then stays at 1/2 to the end: median = 2 */
    r = analyze("t,e\n1,0\n2,1\n3,0\n", &spec, NULL, NULL);
    NEAR(r->km[0].rows[1].surv, 0.5);
    NEAR(r->km[0].median, 2.0);
    crlm_surv_result_free(r);
    /* tied events and a censoring at the same time: all three at risk at t = 2, S = 1 - 2/5;
     * then 1 event of 2 at risk at t = 3 */
    r = analyze("t,e\n2,1\n2,1\n2,0\n3,1\n4,0\n", &spec, NULL, NULL);
    const crlm_km_curve *k = &r->km[0];
    assert_int_equal(k->nrows, 3);
    NEAR(k->rows[0].n_risk, 5);
    NEAR(k->rows[0].n_event, 2);
    NEAR(k->rows[0].n_censor, 1);
    NEAR(k->rows[0].surv, 0.6);
    NEAR(k->rows[1].n_risk, 2);
    NEAR(k->rows[1].surv, 0.3);
    NEAR(k->rows[1].std_err, sqrt(2.0 / (5 * 3) + 1.0 / (2 * 1)));
    NEAR(k->median, 3.0);
    crlm_surv_result_free(r);
}

static void test_logrank_two_subjects(void **state)
{
    (void)state;
    /* A dies at 1, B at 2. At t = 1: N = 2, D = 1, n_A = 1: E_A = 1/2, V = 1/4. At t = 2 only B
     * is at risk (no variance). chisq = (1 - 1/2)^2 / (1/4) = 1 on 1 df. */
    crlm_surv_spec spec = {.time_col = "t", .event_col = "e", .group_col = "g"};
    crlm_surv_result *r = analyze("t,e,g\n1,1,A\n2,1,B\n", &spec, NULL, NULL);
    assert_non_null(r->logrank);
    NEAR(r->logrank->test.chisq, 1.0);
    NEAR(r->logrank->test.df, 1.0);
    NEAR(r->logrank->test.p, 0.31731050786291415); /* pchisq(1, 1, lower = FALSE) in R */
    NEAR(r->logrank->observed[0], 1);
    NEAR(r->logrank->expected[0], 0.5);
    NEAR(r->logrank->expected[1], 1.5);
    crlm_surv_result_free(r);
}

static void test_cox_closed_form(void **state)
{
    (void)state;
    /* x = 1 dies at 1, x = 0 dies at 2, x = 1 censored at 3. With u = e^beta:
     * l = beta - log(2u + 1) - log(u + 1); U = 1 - 2u/(2u+1) - u/(u+1) = 0 gives
     * 2u^2 = 1, beta = -log(2)/2. At beta = 0: U = -1/6, I = 2/9 + 1/4 = 17/36, so the score
     * test is (1/36) / (17/36) = 1/17, and l(0) = -log 3 - log 2. */
    crlm_surv_spec spec = {.time_col = "t", .event_col = "e"};
    const char *covs[] = {"x"};
    spec.covariates = covs;
    spec.ncovariates = 1;
    crlm_surv_result *r = analyze("t,e,x\n1,1,1\n2,1,0\n3,0,1\n", &spec, NULL, NULL);
    const crlm_cox *c = r->cox;
    assert_non_null(c);
    assert_true(c->converged);
    assert_string_equal(c->message, "");
    assert_true(fabs(c->coef[0].coef - (-0.5 * log(2.0))) < 1e-9);
    NEAR(c->loglik_null, -log(3.0) - log(2.0));
    NEAR(c->score.chisq, 1.0 / 17.0);
    double u = sqrt(0.5);
    assert_true(fabs(c->loglik - (log(u) - log(2 * u + 1) - log(u + 1))) < 1e-12);
    /* information at the optimum: 2u/(2u+1)^2 + u/(u+1)^2 */
    double info = 2 * u / ((2 * u + 1) * (2 * u + 1)) + u / ((u + 1) * (u + 1));
    assert_true(fabs(c->coef[0].se - sqrt(1 / info)) < 1e-8);
    /* concordance: pairs (1,2): x 1 > 0 concordant; (1,3): tie in x; (2,3): t=2 event with x=0
     * vs x=1 censored later: discordant. (1 + 0.5) / 3 = 0.5 */
    NEAR(c->concordance, 0.5);
    crlm_surv_result_free(r);
}

static void test_cox_ties_efron_breslow(void **state)
{
    (void)state;
    /* Deaths tied at t = 1 with x = 1 and x = 0, one more subject (x = 0) censored at 2.
     * At beta = 0: Breslow l = -2 log 3; Efron l = -log 3 - log(3 - 2/2) = -log 3 - log 2. */
    crlm_surv_spec spec = {.time_col = "t", .event_col = "e"};
    const char *covs[] = {"x"};
    spec.covariates = covs;
    spec.ncovariates = 1;
    const char *csv = "t,e,x\n1,1,1\n1,1,0\n2,0,0\n";
    crlm_surv_options opt = {.ties = CRLM_TIES_BRESLOW};
    crlm_surv_result *r = analyze(csv, &spec, &opt, NULL);
    NEAR(r->cox->loglik_null, -2 * log(3.0));
    /* Breslow: l = beta - 2 log(u + 2), U = 1 - 2u/(u+2) = 0 at u = 2 */
    assert_true(fabs(r->cox->coef[0].coef - log(2.0)) < 1e-9);
    assert_int_equal(r->cox->ties, CRLM_TIES_BRESLOW);
    crlm_surv_result_free(r);
    opt.ties = CRLM_TIES_EFRON;
    r = analyze(csv, &spec, &opt, NULL);
    NEAR(r->cox->loglik_null, -log(3.0) - log(2.0));
    /* Efron: l = beta - log(u + 2) - log(u/2 + 3/2); U = 1 - u/(u+2) - u/(u+3) = 0 gives
     * u^2 = 6 */
    assert_true(fabs(r->cox->coef[0].coef - 0.5 * log(6.0)) < 1e-9);
    crlm_surv_result_free(r);
}

static void test_cox_degenerate(void **state)
{
    (void)state;
    crlm_surv_spec spec = {.time_col = "t", .event_col = "e"};
    const char *covs[] = {"x", "c", "x2"};
    spec.covariates = covs;
    spec.ncovariates = 3;
    /* c is constant and x2 = 2 x: both singular; x alone is estimated */
    const char *csv = "t,e,x,c,x2\n1,1,0.5,7,1\n2,1,2,7,4\n3,0,1,7,2\n4,1,0,7,0\n5,1,3,7,6\n";
    crlm_surv_result *r = analyze(csv, &spec, NULL, NULL);
    const crlm_cox *c = r->cox;
    assert_true(isfinite(c->coef[0].coef));
    assert_true(isnan(c->coef[1].coef) && c->coef[1].se == 0);
    assert_true(isnan(c->coef[2].coef) && c->coef[2].se == 0);
    assert_non_null(strstr(c->message, "singular"));
    assert_non_null(strstr(c->message, "c, x2"));
    NEAR(c->lr.df, 1);
    crlm_surv_result_free(r);

    /* monotone likelihood: every death has x = 1 (beta runs to +infinity); R too runs out of
     * iterations here ("Ran out of iterations and did not converge", beta = 21.4) */
    const char *covs1[] = {"x"};
    spec.covariates = covs1;
    spec.ncovariates = 1;
    r = analyze("t,e,x\n1,1,1\n2,1,1\n3,0,0\n4,0,0\n5,1,1\n6,0,0\n", &spec, NULL, NULL);
    assert_false(r->cox->converged);
    assert_non_null(strstr(r->cox->message, "did not converge"));
    assert_true(r->cox->coef[0].coef > 10);
    NEAR(r->cox->loglik_null, -4.0943445622221004); /* R's loglik[1] */
    crlm_surv_result_free(r);
}

static void test_reader_rules(void **state)
{
    (void)state;
    /* NA and empty fields drop the row (only in used columns); factor levels sorted, named
     * column=level; R's 1/2 event coding */
    crlm_surv_spec spec = {.time_col = "t", .event_col = "e", .group_col = "g"};
    const char *covs[] = {"arm", "age"};
    spec.covariates = covs;
    spec.ncovariates = 2;
    crlm_surv_data *d = read_csv("t,e,g,arm,age,unused\n"
                                 "5,2,b,z,50,\n"
                                 "6,1,a,y,NA,x\n"
                                 "7,1,a,,60,x\n"
                                 "8,2,b,x,70,\n"
                                 "9,1,a,y,80,\n",
                                 &spec, CRLM_OK, NULL);
    assert_int_equal(d->n, 3);
    assert_int_equal(d->dropped_missing, 2);
    assert_int_equal(d->status[0], 1);
    assert_int_equal(d->status[2], 0);
    assert_int_equal(d->ngroups, 2);
    assert_string_equal(d->group_names[0], "a");
    assert_int_equal(d->p, 3);
    assert_string_equal(d->x_names[0], "arm=y");
    assert_string_equal(d->x_names[1], "arm=z");
    assert_string_equal(d->x_names[2], "age");
    assert_true(d->x[0 * 3 + 2] == 1.0 && d->x[1 * 3 + 0] == 1.0 && d->x[0 * 3 + 1] == 0.0);
    crlm_surv_data_free(d);

    /* numeric group levels sort as numbers: 2 < 10 */
    crlm_surv_spec s2 = {.time_col = "t", .event_col = "e", .group_col = "g"};
    d = read_csv("t,e,g\n1,1,10\n2,0,2\n", &s2, CRLM_OK, NULL);
    assert_string_equal(d->group_names[0], "2");
    crlm_surv_data_free(d);

    /* --event COL=VALUE */
    crlm_surv_spec s3 = {.time_col = "t", .event_col = "vital", .event_value = "dead"};
    d = read_csv("t,vital\n1,dead\n2,alive\n3,dead\n", &s3, CRLM_OK, NULL);
    assert_int_equal(d->status[0] + d->status[1] + d->status[2], 2);
    crlm_surv_data_free(d);
}

/* Found by fuzz/csv_reader.c: two factor levels that differ only after a NUL byte ("1" read
 * as a number, then "1\0\0") must stay two design columns, never a missing name. */
static void test_factor_level_with_nul(void **state)
{
    (void)state;
    static const char csv[] = "t,e,f\n1,1,1\n2,0,2\n3,1,1\0\0\n4,1,2\n";
    crlm_surv_spec spec = {.time_col = "t", .event_col = "e"};
    const char *covs[] = {"f"};
    spec.covariates = covs;
    spec.ncovariates = 1;
    crlm_csv_reader *r = NULL;
    assert_int_equal(crlm_csv_open_memory(&r, csv, sizeof csv - 1, NULL, NULL), CRLM_OK);
    crlm_surv_data *d = NULL;
    assert_int_equal(crlm_surv_data_read(r, &spec, &d, NULL), CRLM_OK);
    crlm_csv_close(r);
    assert_int_equal(d->p, 2);
    for (size_t j = 0; j < d->p; j++)
        assert_non_null(d->x_names[j]);
    crlm_surv_result *res = NULL;
    assert_int_equal(crlm_surv_analyze(d, NULL, &res, NULL), CRLM_OK);
    assert_non_null(res->cox);
    crlm_surv_result_free(res);
    crlm_surv_data_free(d);
}

static void test_reader_errors(void **state)
{
    (void)state;
    crlm_errors errs = {0};
    crlm_surv_spec spec = {.time_col = "t", .event_col = "e"};
    read_csv("time,e\n1,1\n", &spec, CRLM_E_MISSING, &errs);
    assert_non_null(strstr(errs.items[0].expected, "\"t\""));
    crlm_errors_clear(&errs);
    read_csv("t,e\n1,1\n2,x\nabc,1\n", &spec, CRLM_E_TYPE, &errs);
    assert_int_equal(errs.count, 2);
    assert_int_equal(errs.items[0].line, 3);
    assert_int_equal(errs.items[0].column, 2);
    assert_string_equal(errs.items[0].found, "\"x\"");
    assert_int_equal(errs.items[1].line, 4);
    assert_int_equal(errs.items[1].column, 1);
    crlm_errors_clear(&errs);
    read_csv("t,e\n-1,1\n", &spec, CRLM_E_TYPE, &errs);
    assert_int_equal(errs.items[0].code, CRLM_E_RANGE);
    crlm_errors_clear(&errs);
    read_csv("t,e\n1,0\n2,2\n", &spec, CRLM_E_CONFLICT, &errs);
    assert_int_equal(errs.items[0].line, 3);
    crlm_errors_clear(&errs);
    read_csv("t,e\n1,0\n2,1,3\n", &spec, CRLM_E_SYNTAX, &errs);
    assert_int_equal(errs.items[0].line, 3);
    crlm_errors_clear(&errs);
    read_csv("t,e\n1,\"0\n", &spec, CRLM_E_SYNTAX, &errs);
    assert_int_equal(errs.items[0].line, 2);
    assert_int_equal(errs.items[0].column, 2);
    crlm_errors_free(&errs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_km_uncensored),         cmocka_unit_test(test_km_censoring_rules),
        cmocka_unit_test(test_logrank_two_subjects),  cmocka_unit_test(test_cox_closed_form),
        cmocka_unit_test(test_cox_ties_efron_breslow), cmocka_unit_test(test_cox_degenerate),
        cmocka_unit_test(test_reader_rules),          cmocka_unit_test(test_reader_errors),
        cmocka_unit_test(test_factor_level_with_nul),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
