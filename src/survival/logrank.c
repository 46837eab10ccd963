/* The k-sample log-rank test, optionally stratified (R's survdiff with rho = 0).
 *
 * At each distinct event time of a stratum with N at risk, D events, n_k at risk and d_k
 * events in group k: O_k += d_k, E_k += D n_k / N and the hypergeometric covariance
 * V_kl += D (N - D) / (N - 1) * n_k / N * (delta_kl - n_l / N). Observed, expected and V are
 * summed over strata. As survdiff does, groups with no expected events are left out, one
 * more group is dropped (the first remaining one) to make V invertible, and
 * chisq = (O - E)' V^-1 (O - E) on the rest with df = groups kept - 1.
 *
 * Rows come sorted by stratum then time; one backward pass per stratum builds the at-risk
 * counts, so the cost is O(n + T k^2) for T distinct event times.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/stats.h"
#include "survival/surv_private.h"

crlm_status crlm__logrank(const double *time, const unsigned char *status, const int *group,
                          size_t ngroups, const int *strata, size_t n, double toler_chol,
                          crlm_logrank *out)
{
    size_t G = ngroups;
    memset(out, 0, sizeof *out);
    out->ngroups = G;
    out->observed = calloc(G ? G : 1, sizeof *out->observed);
    out->expected = calloc(G ? G : 1, sizeof *out->expected);
    double *var = calloc(G * G + 1, sizeof *var);
    double *atrisk = calloc(G + 1, sizeof *atrisk);
    double *dk = calloc(G + 1, sizeof *dk);
    double *work = calloc(G * G + 2 * G + 1, sizeof *work);
    size_t *keep = calloc(G + 1, sizeof *keep);
    crlm_status rc = CRLM_E_NOMEM;
    if (!out->observed || !out->expected || !var || !atrisk || !dk || !work || !keep)
        goto done;
    size_t a = 0;
    while (a < n) {
        size_t b = a + 1;
        if (strata)
            while (b < n && strata[b] == strata[a])
                b++;
        else
            b = n;
        memset(atrisk, 0, G * sizeof *atrisk);
        double N = 0;
        size_t e = b;
        while (e > a) {
            size_t s = e - 1;
            while (s > a && time[s - 1] == time[e - 1])
                s--;
            double D = 0;
            memset(dk, 0, G * sizeof *dk);
            for (size_t i = s; i < e; i++) {
                atrisk[group[i]] += 1;
                N += 1;
                if (status[i]) {
                    dk[group[i]] += 1;
                    D += 1;
                }
            }
            if (D > 0) {
                double c = N > 1 ? D * (N - D) / (N - 1) / N : 0;
                for (size_t k = 0; k < G; k++) {
                    out->observed[k] += dk[k];
                    out->expected[k] += D * atrisk[k] / N;
                    if (c == 0 || atrisk[k] == 0)
                        continue;
                    for (size_t l = 0; l < G; l++)
                        var[k * G + l] +=
                            c * ((k == l ? atrisk[k] : 0) - atrisk[k] * atrisk[l] / N);
                }
            }
            e = s;
        }
        a = b;
    }
    /* keep groups with expected > 0, drop the first of them */
    size_t m = 0;
    for (size_t k = 0; k < G; k++)
        if (out->expected[k] > 0)
            keep[m++] = k;
    out->test.df = m > 0 ? (double)(m - 1) : 0;
    if (m < 2) {
        out->test.chisq = 0;
        out->test.p = NAN;
        rc = CRLM_OK;
        goto done;
    }
    size_t q = m - 1;
    double *vv = work, *u = work + G * G;
    for (size_t i = 0; i < q; i++) {
        size_t gi = keep[i + 1];
        u[i] = out->observed[gi] - out->expected[gi];
        for (size_t j = 0; j < q; j++)
            vv[i * q + j] = var[gi * G + keep[j + 1]];
    }
    double *sol = u + G;
    memcpy(sol, u, q * sizeof *u);
    crlm_chol_decompose(vv, q, toler_chol, NULL);
    crlm_chol_solve(vv, q, sol);
    double chi = 0;
    for (size_t i = 0; i < q; i++)
        chi += u[i] * sol[i];
    out->test.chisq = chi;
    out->test.p = crlm_pchisq_upper(chi, out->test.df);
    rc = CRLM_OK;
done:
    free(var);
    free(atrisk);
    free(dk);
    free(work);
    free(keep);
    return rc;
}
