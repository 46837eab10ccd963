/* Normal and chi-square distribution functions and an LDL' Cholesky with R coxph's
 * singularity rule, written from the mathematics for crlm/stats.h.
 *
 * - pnorm: Phi(x) = erfc(-x / sqrt 2) / 2 with C99's erfc, which is accurate to about an ulp;
 *   the only extra error is the rounding of x / sqrt 2, a relative error of about x^2 * 1e-16
 *   in the far tail (1e-13 at x = -37, where Phi underflows anyway).
 * - qnorm: a starting value from Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4), then Halley
 *   steps on Phi(x) - p. The correction is formed as (Phi(x) - p) / phi(x) in log space, so
 *   the steps stay finite down to p = 1e-308. Three steps reach full double precision (Halley
 *   triples the number of correct digits per step); the loop stops early when a step is
 *   below an ulp.
 * - pchisq upper tail: Q(df/2, x/2), the regularized upper incomplete gamma function, by its
 *   power series for x < a + 1 (then Q = 1 - P) and by the Legendre continued fraction
 *   (modified Lentz evaluation) otherwise, so the quantity that is computed directly is never
 *   the result of a cancellation. df = 1 and df = 2 have closed forms (erfc and exp).
 * - lgamma: Stirling's series with seven correction terms for a >= 10, shifted by the
 *   recurrence below 10; the C library's lgamma is avoided because it writes the global
 *   signgam (the server runs analyses in parallel).
 * - Cholesky: LDL' without pivoting. A pivot below toler * max|diag| marks the column as
 *   singular, exactly the rule R's coxph documents for toler.chol, so collinear or constant
 *   covariates get coefficient 0 there (reported as NA/null) instead of a failed fit.
 */
#include "crlm/stats.h"

#include <float.h>
#include <math.h>
#include <string.h>

#define SQRT1_2 0.70710678118654752440
#define LN_SQRT_2PI 0.91893853320467274178

double crlm_pnorm(double x, bool lower)
{
    if (isnan(x))
        return x;
    return 0.5 * erfc((lower ? -x : x) * SQRT1_2);
}

/* Lower tail quantile for 0 < p < 0.5 (the upper half follows by symmetry). Near the centre
 * the residual is formed from q = p - 1/2 (exact) and erf, which avoids the cancellation
 * Phi(x) - p would suffer when both are close to 1/2. */
static double qnorm_lower(double p)
{
    double t = sqrt(-2.0 * log(p));
    double x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) /
                         (1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
    bool central = p > 0.25;
    double q = p - 0.5;
    for (int it = 0; it < 8; it++) {
        double u;
        if (central) {
            double e = 0.5 * erf(x * SQRT1_2) - q;
            if (e == 0)
                break;
            u = e * exp(0.5 * x * x + LN_SQRT_2PI);
        } else {
            double e = crlm_pnorm(x, true) - p;
            if (e == 0)
                break;
            /* u = e / phi(x), computed as (e / p) * exp(log p - log phi(x)). */
            u = (e / p) * exp(log(p) + 0.5 * x * x + LN_SQRT_2PI);
        }
        double step = u / (1.0 + 0.5 * x * u);
        x -= step;
        if (fabs(step) <= 0.5 * DBL_EPSILON * fabs(x))
            break;
    }
    return x;
}

double crlm_qnorm(double p)
{
    if (isnan(p) || p < 0 || p > 1)
        return NAN;
    if (p == 0)
        return -INFINITY;
    if (p == 1)
        return INFINITY;
    if (p == 0.5)
        return 0.0;
    if (p < 0.5)
        return qnorm_lower(p);
    /* 1 - p is exact for p >= 0.5 (Sterbenz), so the symmetry loses nothing. */
    return -qnorm_lower(1.0 - p);
}

double crlm_lgamma(double a)
{
    if (isnan(a) || a <= 0)
        return NAN;
    if (isinf(a))
        return INFINITY;
    if (a <= 18.0 && a == floor(a)) { /* (a-1)! is exact in a double up to 17! */
        double f = 1.0;
        for (double k = 2.0; k < a; k += 1.0)
            f *= k;
        return log(f);
    }
    double shift = 0.0;
    if (a < 10.0) {
        double prod = 1.0;
        while (a < 10.0) {
            prod *= a;
            a += 1.0;
        }
        shift = log(prod);
    }
    double z2 = 1.0 / (a * a);
    double series =
        (1.0 / 12.0 +
         z2 * (-1.0 / 360.0 +
               z2 * (1.0 / 1260.0 +
                     z2 * (-1.0 / 1680.0 +
                           z2 * (1.0 / 1188.0 + z2 * (-691.0 / 360360.0 + z2 / 156.0)))))) /
        a;
    return (a - 0.5) * log(a) - a + LN_SQRT_2PI + series - shift;
}

/* x^a e^-x / Gamma(a), the common factor of the series and the continued fraction. */
static double gamma_prefactor(double a, double x)
{
    return exp(a * log(x) - x - crlm_lgamma(a));
}

static double gamma_p_series(double a, double x)
{
    double term = 1.0 / a, sum = term;
    for (int n = 1; n < 10000; n++) {
        term *= x / (a + n);
        sum += term;
        if (fabs(term) < fabs(sum) * DBL_EPSILON)
            break;
    }
    return sum * gamma_prefactor(a, x);
}

static double gamma_q_fraction(double a, double x)
{
    const double tiny = 1e-300;
    double b = x + 1.0 - a;
    double c = 1.0 / tiny, d = 1.0 / b, h = d;
    for (int i = 1; i < 10000; i++) {
        double an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if (fabs(d) < tiny)
            d = tiny;
        c = b + an / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1.0 / d;
        double delta = d * c;
        h *= delta;
        if (fabs(delta - 1.0) < DBL_EPSILON)
            break;
    }
    return h * gamma_prefactor(a, x);
}

double crlm_gamma_p(double a, double x)
{
    if (isnan(a) || isnan(x) || a <= 0)
        return NAN;
    if (x <= 0)
        return 0.0;
    if (isinf(x))
        return 1.0;
    if (x < a + 1.0)
        return gamma_p_series(a, x);
    return 1.0 - gamma_q_fraction(a, x);
}

double crlm_gamma_q(double a, double x)
{
    if (isnan(a) || isnan(x) || a <= 0)
        return NAN;
    if (x <= 0)
        return 1.0;
    if (isinf(x))
        return 0.0;
    if (x < a + 1.0)
        return 1.0 - gamma_p_series(a, x);
    return gamma_q_fraction(a, x);
}

double crlm_pchisq_upper(double x, double df)
{
    if (isnan(x) || isnan(df) || df <= 0)
        return NAN;
    if (x <= 0)
        return 1.0;
    if (df == 1.0)
        return erfc(sqrt(0.5 * x));
    if (df == 2.0)
        return exp(-0.5 * x);
    return crlm_gamma_q(0.5 * df, 0.5 * x);
}

size_t crlm_chol_decompose(double *a, size_t n, double toler, bool *not_pd)
{
    double maxdiag = 0;
    for (size_t i = 0; i < n; i++)
        if (fabs(a[i * n + i]) > maxdiag)
            maxdiag = fabs(a[i * n + i]);
    double eps = maxdiag * toler;
    if (eps == 0)
        eps = toler;
    size_t rank = 0;
    bool bad = false;
    for (size_t j = 0; j < n; j++) {
        double pivot = a[j * n + j];
        for (size_t k = 0; k < j; k++)
            pivot -= a[j * n + k] * a[j * n + k] * a[k * n + k];
        if (pivot < eps) {
            if (pivot < -8 * eps)
                bad = true;
            a[j * n + j] = 0;
            for (size_t i = j + 1; i < n; i++)
                a[i * n + j] = 0;
            continue;
        }
        a[j * n + j] = pivot;
        rank++;
        for (size_t i = j + 1; i < n; i++) {
            double s = a[i * n + j];
            for (size_t k = 0; k < j; k++)
                s -= a[i * n + k] * a[j * n + k] * a[k * n + k];
            a[i * n + j] = s / pivot;
        }
    }
    if (not_pd)
        *not_pd = bad;
    return rank;
}

void crlm_chol_solve(const double *a, size_t n, double *b)
{
    for (size_t i = 0; i < n; i++) /* L y = b */
        for (size_t k = 0; k < i; k++)
            b[i] -= a[i * n + k] * b[k];
    for (size_t i = 0; i < n; i++) /* D z = y */
        b[i] = a[i * n + i] > 0 ? b[i] / a[i * n + i] : 0.0;
    for (size_t i = n; i-- > 0;) /* L' x = z */
        for (size_t k = i + 1; k < n; k++)
            b[i] -= a[k * n + i] * b[k];
}

void crlm_chol_inverse(const double *a, size_t n, double *inv, double *work)
{
    for (size_t j = 0; j < n; j++) {
        memset(work, 0, n * sizeof *work);
        work[j] = 1.0;
        crlm_chol_solve(a, n, work);
        for (size_t i = 0; i < n; i++)
            inv[i * n + j] = work[i];
    }
    for (size_t j = 0; j < n; j++) /* exact zeros for singular columns */
        if (a[j * n + j] == 0)
            for (size_t i = 0; i < n; i++)
                inv[i * n + j] = inv[j * n + i] = 0.0;
}
