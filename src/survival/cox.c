/* The Cox proportional hazards model by Newton-Raphson, following R's coxph.
 *
 * Partial likelihood with Efron's approximation for tied event times by default (R's default;
 * it is closer to the exact partial likelihood than Breslow's), Breslow as an option. The
 * risk-set sums S0 = sum r, S1 = sum r x, S2 = sum r x x' (r = exp(x'beta)) are accumulated in
 * one backward pass over rows sorted by stratum then time, so an iteration costs O(n p^2);
 * Efron's correction is applied per block of tied deaths using the deaths' own sums.
 *
 * Numerics as R's coxfit6 documents them: covariates centred, and scaled by their mean
 * absolute deviation unless 0/1 (Newton iterates do not depend on this in exact arithmetic;
 * it keeps exp() and the information matrix well conditioned); start at beta = 0; a step that
 * lowers the log-likelihood (or makes it non-finite) is halved; convergence when the relative
 * change of the log-likelihood is <= eps (1e-9) after a full step; the information matrix is
 * factored with the toler.chol singularity rule, so a collinear or constant covariate gets no
 * estimate (null) and a message instead of a failure. After convergence, a coefficient whose
 * remaining Newton step is large against itself (R's toler.inf = sqrt(eps) test) is reported
 * as possibly infinite (monotone likelihood) with converged = false.
 *
 * Tests: likelihood-ratio 2 (l(beta) - l(0)), Wald beta' I beta, score U(0)' I(0)^-1 U(0),
 * each with df = number of estimable coefficients. Concordance: Harrell's C of the linear
 * predictor within strata, as coxph reports it.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/stats.h"
#include "crlm/survival.h"
#include "survival/surv_internal.h"
#include "survival/surv_private.h"

typedef struct cox_work {
    size_t n, p;
    const double *x;              /* [n * p] row-major, sorted, centred and scaled */
    const double *time;           /* [n] sorted */
    const unsigned char *status;  /* [n] */
    const int *strata;            /* [n] or NULL */
    bool efron;
    double *eta, *s1, *s2, *d1, *d2, *a, *xsum;
} cox_work;

/* Log partial likelihood, score u and information imat (p x p) at beta.
 *
 * The hot loop of the whole survival command (one pass over the rows per Newton step). It is
 * written once as an always-inline body and instantiated for each p from 1 to COX_FIXED_P,
 * so the compiler sees p as a constant: the j/k loops unroll and the running sums live in
 * local arrays (registers) instead of memory that might alias x. Each row adds its terms
 * once: censored rows go straight into the risk-set sums, event rows into the tie group's
 * death sums, which are then added to the risk-set sums (Efron needs both). */
#define COX_FIXED_P 8

#if defined(__GNUC__)
#define COX_INLINE static inline __attribute__((always_inline))
#else
#define COX_INLINE static inline
#endif

COX_INLINE double cox_eval_body(cox_work *w, const double *beta, double *u, double *imat,
                                size_t p, double *s1, double *s2, double *d1, double *d2,
                                double *xsum, double *av)
{
    size_t n = w->n;
    const double *x = w->x;
    double loglik = 0;
    memset(u, 0, p * sizeof *u);
    memset(imat, 0, p * p * sizeof *imat);
    for (size_t i = 0; i < n; i++) {
        double e = 0;
        for (size_t j = 0; j < p; j++)
            e += x[i * p + j] * beta[j];
        w->eta[i] = e;
    }
    size_t a = 0;
    while (a < n) {
        size_t b = a + 1;
        if (w->strata)
            while (b < n && w->strata[b] == w->strata[a])
                b++;
        else
            b = n;
        double s0 = 0;
        for (size_t j = 0; j < p; j++)
            s1[j] = 0;
        for (size_t j = 0; j < p * p; j++)
            s2[j] = 0;
        size_t e = b;
        while (e > a) {
            size_t s = e - 1;
            while (s > a && w->time[s - 1] == w->time[e - 1])
                s--;
            double d0 = 0, nd = 0;
            for (size_t j = 0; j < p; j++)
                d1[j] = xsum[j] = 0;
            for (size_t j = 0; j < p * p; j++)
                d2[j] = 0;
            for (size_t i = s; i < e; i++) {
                double r = exp(w->eta[i]);
                const double *xi = x + i * p;
                if (w->status[i]) {
                    d0 += r;
                    nd += 1;
                    loglik += w->eta[i];
                    for (size_t j = 0; j < p; j++) {
                        double rx = r * xi[j];
                        xsum[j] += xi[j];
                        d1[j] += rx;
                        for (size_t k = 0; k <= j; k++)
                            d2[j * p + k] += rx * xi[k];
                    }
                } else {
                    s0 += r;
                    for (size_t j = 0; j < p; j++) {
                        double rx = r * xi[j];
                        s1[j] += rx;
                        for (size_t k = 0; k <= j; k++)
                            s2[j * p + k] += rx * xi[k];
                    }
                }
            }
            if (nd > 0) {
                s0 += d0;
                for (size_t j = 0; j < p; j++) {
                    s1[j] += d1[j];
                    for (size_t k = 0; k <= j; k++)
                        s2[j * p + k] += d2[j * p + k];
                }
                for (size_t j = 0; j < p; j++)
                    u[j] += xsum[j];
                int reps = (w->efron && nd > 1) ? (int)nd : 1;
                double mult = (w->efron && nd > 1) ? 1.0 : nd;
                for (int k = 0; k < reps; k++) {
                    double f = (w->efron && nd > 1) ? k / nd : 0.0;
                    double t0 = s0 - f * d0;
                    loglik -= mult * log(t0);
                    for (size_t j = 0; j < p; j++) {
                        av[j] = (s1[j] - f * d1[j]) / t0;
                        u[j] -= mult * av[j];
                    }
                    for (size_t j = 0; j < p; j++)
                        for (size_t q = 0; q <= j; q++)
                            imat[j * p + q] +=
                                mult * ((s2[j * p + q] - f * d2[j * p + q]) / t0 - av[j] * av[q]);
                }
            }
            e = s;
        }
        a = b;
    }
    for (size_t j = 0; j < p; j++)
        for (size_t q = 0; q < j; q++)
            imat[q * p + j] = imat[j * p + q];
    return loglik;
}

#define COX_EVAL_FIXED(P)                                                                       \
    static double cox_eval_##P(cox_work *w, const double *beta, double *u, double *imat)       \
    {                                                                                           \
        double s1[P], s2[P * P], d1[P], d2[P * P], xsum[P], av[P];                              \
        return cox_eval_body(w, beta, u, imat, P, s1, s2, d1, d2, xsum, av);                    \
    }
COX_EVAL_FIXED(1)
COX_EVAL_FIXED(2)
COX_EVAL_FIXED(3)
COX_EVAL_FIXED(4)
COX_EVAL_FIXED(5)
COX_EVAL_FIXED(6)
COX_EVAL_FIXED(7)
COX_EVAL_FIXED(8)

static double cox_eval(cox_work *w, const double *beta, double *u, double *imat)
{
    switch (w->p) {
    case 1: return cox_eval_1(w, beta, u, imat);
    case 2: return cox_eval_2(w, beta, u, imat);
    case 3: return cox_eval_3(w, beta, u, imat);
    case 4: return cox_eval_4(w, beta, u, imat);
    case 5: return cox_eval_5(w, beta, u, imat);
    case 6: return cox_eval_6(w, beta, u, imat);
    case 7: return cox_eval_7(w, beta, u, imat);
    case 8: return cox_eval_8(w, beta, u, imat);
    default:
        return cox_eval_body(w, beta, u, imat, w->p, w->s1, w->s2, w->d1, w->d2, w->xsum, w->a);
    }
}

void crlm_cox_free(crlm_cox *c)
{
    if (!c)
        return;
    for (size_t j = 0; c->coef && j < c->p; j++)
        free((void *)c->coef[j].name);
    free(c->coef);
    free(c->var);
    free(c);
}

static bool all_finite(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return false;
    return true;
}

static void set_test(crlm_test_stat *t, double chisq, double df)
{
    t->chisq = chisq;
    t->df = df;
    t->p = df > 0 ? crlm_pchisq_upper(chisq, df) : NAN;
}

static void append_msg(crlm_cox *c, const char *s)
{
    size_t used = strlen(c->message);
    if (used && used + 2 < sizeof c->message) {
        strcat(c->message, "; ");
        used += 2;
    }
    snprintf(c->message + used, sizeof c->message - used, "%s", s);
}

crlm_status crlm_cox_fit(const crlm_surv_data *d, const crlm_surv_options *opt, crlm_cox **out,
                         crlm_errors *errors)
{
    uint32_t *ord = NULL;
    *out = NULL;
    if (!crlm__order_by_time(d, true, &ord)) {
        crlm_errors_add(errors, CRLM_E_NOMEM, "", 0, 0, "memory for the Cox model", "none");
        return CRLM_E_NOMEM;
    }
    crlm_status rc = crlm__cox_fit_ordered(d, opt, ord, out, errors);
    free(ord);
    return rc;
}

crlm_status crlm__cox_fit_ordered(const crlm_surv_data *d, const crlm_surv_options *opt,
                                  const uint32_t *ord, crlm_cox **out, crlm_errors *errors)
{
    *out = NULL;
    size_t n = d->n, p = d->p;
    int max_iter = opt && opt->max_iter > 0 ? opt->max_iter : 20;
    double eps = opt && opt->eps > 0 ? opt->eps : 1e-9;
    double toler = opt && opt->toler_chol > 0 ? opt->toler_chol : pow(DBL_EPSILON, 0.75);
    crlm_cox *c = calloc(1, sizeof *c);
    if (!c)
        goto nomem;
    c->ties = opt ? opt->ties : CRLM_TIES_EFRON;
    c->n = n;
    c->p = p;
    c->coef = calloc(p ? p : 1, sizeof *c->coef);
    c->var = calloc(p * p + 1, sizeof *c->var);
    if (!c->coef || !c->var)
        goto nomem;
    for (size_t j = 0; j < p; j++) {
        c->coef[j].name = crlm__strdup(d->x_names[j]);
        if (!c->coef[j].name)
            goto nomem;
        c->coef[j].coef = c->coef[j].se = NAN;
    }
    for (size_t i = 0; i < n; i++)
        c->events += d->status[i];

    double *xs = malloc(n * p * sizeof *xs + 1);
    double *st = malloc(n * sizeof *st + 1);
    unsigned char *ss = malloc(n + 1);
    int *sstr = d->strata ? malloc(n * sizeof *sstr + 1) : NULL;
    double *mean = calloc(p + 1, sizeof *mean), *scale = calloc(p + 1, sizeof *scale);
    double *beta = calloc(p + 1, sizeof *beta), *newbeta = calloc(p + 1, sizeof *newbeta);
    double *u = calloc(p + 1, sizeof *u), *imat = calloc(p * p + 1, sizeof *imat);
    double *u0 = calloc(p + 1, sizeof *u0), *chol = calloc(p * p + 1, sizeof *chol);
    double *step = calloc(p + 1, sizeof *step), *work = calloc(p + 1, sizeof *work);
    double *inv = calloc(p * p + 1, sizeof *inv);
    cox_work w = {.n = n, .p = p, .efron = c->ties == CRLM_TIES_EFRON};
    w.eta = malloc(n * sizeof *w.eta + 1);
    w.s1 = calloc(p + 1, sizeof(double));
    w.s2 = calloc(p * p + 1, sizeof(double));
    w.d1 = calloc(p + 1, sizeof(double));
    w.d2 = calloc(p * p + 1, sizeof(double));
    w.a = calloc(p + 1, sizeof(double));
    w.xsum = calloc(p + 1, sizeof(double));
    double *lp = NULL;
    crlm_status rc = CRLM_E_NOMEM;
    if (!xs || !st || !ss || (d->strata && !sstr) || !mean || !scale || !beta || !newbeta ||
        !u || !imat || !u0 || !chol || !step || !work || !inv || !w.eta || !w.s1 || !w.s2 ||
        !w.d1 || !w.d2 || !w.a || !w.xsum)
        goto cleanup;

    /* centre and scale (0/1 columns are left as they are, as R does) */
    for (size_t j = 0; j < p; j++) {
        const double *col = d->x + j * n;
        bool zero_one = true;
        double m = 0;
        for (size_t i = 0; i < n; i++) {
            m += col[i];
            if (col[i] != 0 && col[i] != 1)
                zero_one = false;
        }
        m = n ? m / (double)n : 0;
        double mad = 0;
        for (size_t i = 0; i < n; i++)
            mad += fabs(col[i] - m);
        mad = n ? mad / (double)n : 0;
        mean[j] = zero_one ? 0 : m;
        scale[j] = (zero_one || mad == 0) ? 1.0 : 1.0 / mad;
    }
    for (size_t r = 0; r < n; r++) {
        size_t i = ord[r];
        st[r] = d->time[i];
        ss[r] = d->status[i];
        if (sstr)
            sstr[r] = d->strata[i];
    }
    for (size_t j = 0; j < p; j++) {
        const double *col = d->x + j * n;
        for (size_t r = 0; r < n; r++)
            xs[r * p + j] = (col[ord[r]] - mean[j]) * scale[j];
    }
    w.x = xs;
    w.time = st;
    w.status = ss;
    w.strata = sstr;

    /* beta = 0: the null log-likelihood and the score test */
    double loglik = cox_eval(&w, beta, u, imat);
    c->loglik_null = loglik;
    memcpy(u0, u, p * sizeof *u);
    memcpy(chol, imat, p * p * sizeof *chol);
    size_t rank0 = crlm_chol_decompose(chol, p, toler, NULL);
    memcpy(step, u, p * sizeof *u);
    crlm_chol_solve(chol, p, step);
    double score = 0;
    for (size_t j = 0; j < p; j++)
        score += u0[j] * step[j];
    set_test(&c->score, score, (double)rank0);
    if (!isfinite(loglik)) {
        append_msg(c, "the log-likelihood is not finite at beta = 0");
        c->loglik = loglik;
        rc = CRLM_OK;
        goto cleanup;
    }

    /* Newton-Raphson with step halving, R's coxfit6 loop */
    for (size_t j = 0; j < p; j++)
        newbeta[j] = beta[j] + step[j];
    bool halving = false, converged = false;
    double newlk = loglik;
    int iter;
    for (iter = 1; iter <= max_iter; iter++) {
        newlk = cox_eval(&w, newbeta, u, imat);
        bool finite = isfinite(newlk) && all_finite(u, p) && all_finite(imat, p * p);
        if (finite && !halving && fabs(1.0 - loglik / newlk) <= eps) {
            loglik = newlk;
            memcpy(beta, newbeta, p * sizeof *beta);
            converged = true;
            break;
        }
        if (iter == max_iter)
            break;
        if (!finite || newlk < loglik) {
            halving = true;
            for (size_t j = 0; j < p; j++)
                newbeta[j] = 0.5 * (beta[j] + newbeta[j]);
        } else {
            halving = false;
            loglik = newlk;
            memcpy(chol, imat, p * p * sizeof *chol);
            crlm_chol_decompose(chol, p, toler, NULL);
            memcpy(step, u, p * sizeof *u);
            crlm_chol_solve(chol, p, step);
            for (size_t j = 0; j < p; j++) {
                beta[j] = newbeta[j];
                newbeta[j] += step[j];
            }
        }
    }
    c->iterations = iter > max_iter ? max_iter : iter;
    if (!converged) {
        /* R keeps the last accepted values when it runs out of iterations */
        if (isfinite(newlk) && newlk >= loglik && !halving) {
            memcpy(beta, newbeta, p * sizeof *beta);
            loglik = newlk;
        } else {
            loglik = cox_eval(&w, beta, u, imat);
        }
        append_msg(c, "ran out of iterations and did not converge");
    }
    c->loglik = loglik;
    c->converged = converged;

    /* variance from the information at the final beta */
    memcpy(chol, imat, p * p * sizeof *chol);
    size_t rank = crlm_chol_decompose(chol, p, toler, NULL);
    crlm_chol_inverse(chol, p, inv, work);
    char sing[200] = "";
    for (size_t j = 0; j < p; j++) {
        if (chol[j * p + j] == 0) {
            size_t used = strlen(sing);
            snprintf(sing + used, sizeof sing - used, "%s%s", used ? ", " : "",
                     d->x_names[j]);
        }
    }
    if (sing[0]) {
        char msg[256];
        snprintf(msg, sizeof msg, "X matrix deemed to be singular; variable %s", sing);
        append_msg(c, msg);
    }
    /* possibly infinite coefficients: the Newton step still left at the end */
    memcpy(step, u, p * sizeof *u);
    crlm_chol_solve(chol, p, step);
    char infs[200] = "";
    for (size_t j = 0; j < p; j++) {
        if (chol[j * p + j] == 0)
            continue;
        double b = beta[j] * scale[j], s = fabs(step[j] * scale[j]);
        if (converged && s > eps && s > sqrt(eps) * fabs(b)) {
            size_t used = strlen(infs);
            snprintf(infs + used, sizeof infs - used, "%s%s", used ? ", " : "", d->x_names[j]);
        }
    }
    if (infs[0]) {
        char msg[256];
        snprintf(msg, sizeof msg, "Loglik converged before variable %s; coefficient may be "
                                  "infinite", infs);
        append_msg(c, msg);
        c->converged = false;
    }
    double z975 = crlm__conf_z(opt);
    double wald = 0;
    for (size_t j = 0; j < p; j++) {
        for (size_t k = 0; k < p; k++)
            c->var[j * p + k] = inv[j * p + k] * scale[j] * scale[k];
        crlm_cox_coef *cf = &c->coef[j];
        if (chol[j * p + j] == 0) {
            /* R reports NA for the coefficient and 0 for its standard error */
            cf->coef = cf->exp_coef = cf->z = cf->p = cf->low = cf->high = NAN;
            cf->se = 0;
            continue;
        }
        cf->coef = beta[j] * scale[j];
        cf->se = sqrt(c->var[j * p + j]);
        cf->exp_coef = exp(cf->coef);
        cf->z = cf->coef / cf->se;
        cf->p = 2.0 * crlm_pnorm(fabs(cf->z), false);
        cf->low = exp(cf->coef - z975 * cf->se);
        cf->high = exp(cf->coef + z975 * cf->se);
    }
    for (size_t j = 0; j < p; j++)
        for (size_t k = 0; k < p; k++)
            if (chol[j * p + j] != 0 && chol[k * p + k] != 0)
                wald += beta[j] * imat[j * p + k] * beta[k];
    set_test(&c->wald, wald, (double)rank);
    set_test(&c->lr, 2.0 * (c->loglik - c->loglik_null), (double)rank);

    /* concordance of the linear predictor */
    lp = malloc(n * sizeof *lp + 1);
    if (!lp)
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        double e = 0;
        for (size_t j = 0; j < p; j++)
            if (isfinite(c->coef[j].coef))
                e += c->coef[j].coef * (d->x[j * n + i] - mean[j]);
        lp[i] = e;
    }
    c->concordance = crlm__concordance(d->time, d->status, d->strata, lp, ord, n);
    rc = CRLM_OK;
cleanup:
    free(lp);
    free(xs);
    free(st);
    free(ss);
    free(sstr);
    free(mean);
    free(scale);
    free(beta);
    free(newbeta);
    free(u);
    free(imat);
    free(u0);
    free(chol);
    free(step);
    free(work);
    free(inv);
    free(w.eta);
    free(w.s1);
    free(w.s2);
    free(w.d1);
    free(w.d2);
    free(w.a);
    free(w.xsum);
    if (rc != CRLM_OK)
        goto nomem;
    *out = c;
    return CRLM_OK;
nomem:
    crlm_cox_free(c);
    crlm_errors_add(errors, CRLM_E_NOMEM, "", 0, 0, "memory for the Cox model", "none");
    return CRLM_E_NOMEM;
}
