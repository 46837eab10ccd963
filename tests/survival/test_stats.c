/* crlm/stats.h against R: every value in tests/reference/stats_refs.tsv was produced by R
 * 4.2.2 (tests/reference/make_stats_refs.R). The tolerances are near machine precision: a
 * few ulps for pnorm/qnorm away from the far tail, 1e-13 relative for the incomplete gamma.
 * Plus closed forms that need no R: Phi(0) = 1/2, Q(1, x) = e^-x, the singular-matrix rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/stats.h"

static int failures;

static void check(const char *what, double a, double b, double got, double want, double rel)
{
    double tol = rel * fmax(fabs(want), 1e-300);
    if (!(fabs(got - want) <= tol)) {
        print_error("%s(%.17g, %.17g): got %.17g want %.17g (rel err %.3g)\n", what, a, b, got,
                    want, fabs(got - want) / fabs(want));
        failures++;
    }
}

static void test_against_r(void **state)
{
    (void)state;
    FILE *fp = fopen(CRLM_SOURCE_DIR "/tests/reference/stats_refs.tsv", "r");
    assert_non_null(fp);
    char line[512];
    double A[16], Acopy[16], b[4], x[4], inv[16];
    int counts[8] = {0};
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#')
            continue;
        char kind[32];
        double a1, a2, v;
        assert_int_equal(sscanf(line, "%31s %lf %lf %lf", kind, &a1, &a2, &v), 4);
        if (strcmp(kind, "pnorm_lower") == 0) {
            /* the far tail: argument rounding costs x^2 * 1e-16 relative */
            check(kind, a1, a2, crlm_pnorm(a1, true), v, 4e-16 * fmax(1.0, a1 * a1));
            counts[0]++;
        } else if (strcmp(kind, "pnorm_upper") == 0) {
            check(kind, a1, a2, crlm_pnorm(a1, false), v, 4e-16 * fmax(1.0, a1 * a1));
            counts[1]++;
        } else if (strcmp(kind, "qnorm") == 0) {
            check(kind, a1, a2, crlm_qnorm(a1), v, 1e-14);
            counts[2]++;
        } else if (strcmp(kind, "pchisq_upper") == 0) {
            check(kind, a1, a2, crlm_pchisq_upper(a1, a2), v, 1e-12);
            counts[3]++;
        } else if (strcmp(kind, "lgamma") == 0) {
            check(kind, a1, a2, crlm_lgamma(a1), v, 2e-14 * fmax(1.0, 1.0 / fabs(v)));
            counts[4]++;
        } else if (strcmp(kind, "chol_A") == 0) {
            A[((int)a1 - 1) * 4 + (int)a2 - 1] = v;
            counts[5]++;
        } else if (strcmp(kind, "chol_b") == 0) {
            b[(int)a1 - 1] = v;
        } else if (strcmp(kind, "chol_x") == 0) {
            x[(int)a1 - 1] = v;
            counts[6]++;
        } else if (strcmp(kind, "chol_inv") == 0) {
            inv[((int)a1 - 1) * 4 + (int)a2 - 1] = v;
            counts[7]++;
        }
    }
    fclose(fp);
    assert_true(counts[0] > 20 && counts[2] > 20 && counts[3] > 100 && counts[4] > 10);
    assert_int_equal(counts[5], 16);
    assert_int_equal(counts[7], 16);
    memcpy(Acopy, A, sizeof A);
    bool not_pd = true;
    assert_int_equal(crlm_chol_decompose(Acopy, 4, 1.8189894035458565e-12, &not_pd), 4);
    assert_false(not_pd);
    crlm_chol_solve(Acopy, 4, b);
    for (int i = 0; i < 4; i++)
        check("chol_solve", i, 0, b[i], x[i], 1e-14);
    double mine[16], work[4];
    crlm_chol_inverse(Acopy, 4, mine, work);
    for (int i = 0; i < 16; i++)
        check("chol_inverse", i, 0, mine[i], inv[i], 1e-14);
    assert_int_equal(failures, 0);
}

static void test_closed_forms(void **state)
{
    (void)state;
    failures = 0;
    assert_true(crlm_pnorm(0, true) == 0.5);
    assert_true(crlm_qnorm(0.5) == 0.0);
    assert_true(isinf(crlm_qnorm(0)) && crlm_qnorm(0) < 0);
    assert_true(isinf(crlm_qnorm(1)) && crlm_qnorm(1) > 0);
    assert_true(isnan(crlm_qnorm(1.5)));
    assert_true(isnan(crlm_pchisq_upper(1, 0)));
    assert_true(crlm_pchisq_upper(0, 3) == 1.0);
    /* Q(1, x) = exp(-x) and Q(3, x) = exp(-x)(1 + x + x^2/2): chi-square with 2 and 6 df */
    for (double x = 0.25; x < 80; x *= 1.7) {
        check("gamma_q1", 1, x, crlm_gamma_q(1, x), exp(-x), 1e-14);
        check("gamma_q3", 3, x, crlm_gamma_q(3, x), exp(-x) * (1 + x + x * x / 2), 1e-13);
        check("pchisq6", 2 * x, 6, crlm_pchisq_upper(2 * x, 6), exp(-x) * (1 + x + x * x / 2),
              1e-13);
        check("gamma_pq", 2.5, x, crlm_gamma_p(2.5, x) + crlm_gamma_q(2.5, x), 1.0, 1e-14);
    }
    /* round trip qnorm(pnorm(x)) == x on the lower half, where pnorm keeps full precision */
    for (double xv = -30; xv < -0.01; xv += 0.37)
        check("roundtrip", xv, 0, crlm_qnorm(crlm_pnorm(xv, true)), xv, 1e-14);
    /* lgamma of integers: log((n-1)!) */
    double lf = 0;
    for (int n = 1; n < 40; n++) {
        if (n > 1)
            lf += log(n - 1.0);
        check("lgamma_int", n, 0, crlm_lgamma(n), lf, 1e-14);
    }
    assert_int_equal(failures, 0);
}

static void test_singular(void **state)
{
    (void)state;
    failures = 0;
    /* column 3 = column 1 + column 2: rank 2, the third coefficient is 0, the inverse has a
     * zero row and column, and the remaining 2 x 2 block is the inverse of the leading block. */
    double a[9] = {2, 1, 3, 1, 2, 3, 3, 3, 6};
    bool not_pd = true;
    assert_int_equal(crlm_chol_decompose(a, 3, 1.8189894035458565e-12, &not_pd), 2);
    assert_false(not_pd);
    double b[3] = {1, 1, 2};
    crlm_chol_solve(a, 3, b);
    check("sing_x0", 0, 0, b[0], 1.0 / 3.0, 1e-15);
    check("sing_x1", 1, 0, b[1], 1.0 / 3.0, 1e-15);
    assert_true(b[2] == 0.0);
    double inv[9], work[3];
    crlm_chol_inverse(a, 3, inv, work);
    check("sing_inv00", 0, 0, inv[0], 2.0 / 3.0, 1e-15);
    check("sing_inv01", 0, 1, inv[1], -1.0 / 3.0, 1e-15);
    for (int i = 0; i < 3; i++)
        assert_true(inv[i * 3 + 2] == 0.0 && inv[2 * 3 + i] == 0.0);
    /* a zero matrix: rank 0, not flagged as indefinite */
    double z[4] = {0, 0, 0, 0};
    assert_int_equal(crlm_chol_decompose(z, 2, 1e-12, &not_pd), 0);
    assert_false(not_pd);
    /* an indefinite matrix is flagged */
    double ind[4] = {1, 2, 2, 1};
    crlm_chol_decompose(ind, 2, 1e-12, &not_pd);
    assert_true(not_pd);
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_r),
        cmocka_unit_test(test_closed_forms),
        cmocka_unit_test(test_singular),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
