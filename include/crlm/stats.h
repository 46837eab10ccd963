/* Distribution functions and the symmetric solver that the survival code needs.
 *
 * Why it exists: p-values, confidence intervals and the Cox Newton-Raphson step must agree
 * with R's `survival` number for number, without GPL code. Everything here is written from
 * the mathematics (see src/survival/stats.c) and checked against values produced by R and
 * committed in tests/reference/stats_refs.tsv. All functions are pure and thread-safe (no
 * lgamma/signgam, no static state).
 */
#ifndef CRLM_STATS_H
#define CRLM_STATS_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The standard normal CDF: P(Z <= x) when lower is true, P(Z > x) otherwise; relative
 * accuracy ~1e-15 in both tails. NaN in, NaN out. */
double crlm_pnorm(double x, bool lower);
/* The standard normal quantile: x with P(Z <= x) = p, for 0 < p < 1; -Inf/+Inf at 0/1, NaN
 * outside [0, 1]. */
double crlm_qnorm(double p);
/* Upper tail of the chi-square distribution, P(X > x) with df > 0 degrees of freedom
 * (1 for x <= 0, NaN for df <= 0 or NaN input). */
double crlm_pchisq_upper(double x, double df);
/* log Gamma(a) for a > 0, without touching the global signgam. */
double crlm_lgamma(double a);
/* Regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 - P(a, x). */
double crlm_gamma_p(double a, double x);
double crlm_gamma_q(double a, double x);

/* Cholesky (LDL') decomposition of the symmetric n x n row-major matrix a in place, with
 * the tolerance rule of R's coxph (toler.chol, default eps^0.75): a pivot smaller than
 * toler * max|diagonal| marks that column as singular; its row and column of L are zeroed
 * and its D entry is 0, so the solve below gives that coefficient 0 (R reports NA).
 * After the call the diagonal of a holds D and the strict lower triangle holds L (unit
 * diagonal implied); the upper triangle is left as it was.
 * Returns the rank; *not_pd (optional) is set when a clearly negative pivot shows the matrix
 * is not non-negative definite. */
size_t crlm_chol_decompose(double *a, size_t n, double toler, bool *not_pd);
/* Solves A x = b in place in b using the decomposition above (singular components 0). */
void crlm_chol_solve(const double *a, size_t n, double *b);
/* Writes the (generalised) inverse of A into inv (n x n, row-major), zero rows and columns
 * for singular columns. work needs n doubles. */
void crlm_chol_inverse(const double *a, size_t n, double *inv, double *work);

#ifdef __cplusplus
}
#endif
#endif
