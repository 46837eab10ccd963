/* Kaplan-Meier curves with R survfit's conventions.
 *
 * One row per distinct observed time (events and censorings alike), as R's survfit keeps
 * them. S(t) is the running product of (1 - d/n). `std_err` is Greenwood's standard error of
 * the cumulative hazard, sqrt(sum d / (n (n - d))) - which is also the standard error of
 * log S, the quantity R reports as std.err; it is infinite once S reaches 0. Intervals:
 * log (R's default) exp(log S -/+ z se) with the upper end capped at 1; plain S (1 -/+ z se)
 * clipped to [0, 1]; log-log exp(-exp(log(-log S) -/+ z se / log S)). Where R gives NA
 * (S = 0 for log, S = 0 or 1 for log-log) we give NaN, written as JSON null.
 *
 * The median follows R's quantile.survfit: the first time the curve is at or below 1/2; if
 * the curve sits exactly at 1/2 (within sqrt(machine epsilon)) the midpoint of that flat
 * stretch, from where it reaches 1/2 to the next time it changes (or its start when it never
 * changes again). The interval applies the same rule to the lower and upper curves.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/stats.h"
#include "crlm/survival.h"
#include "survival/surv_internal.h"
#include "survival/surv_private.h"

static void interval(double s, double se, double z, crlm_conf_type type, double *low,
                     double *high)
{
    switch (type) {
    case CRLM_CONF_PLAIN: {
        double h = isinf(se) ? NAN : z * se * s;
        *low = fmax(s - h, 0.0);
        *high = fmin(s + h, 1.0);
        if (isnan(h))
            *low = *high = NAN;
        break;
    }
    case CRLM_CONF_LOGLOG:
        if (s == 0 || s == 1 || isnan(se) || isinf(se)) {
            *low = *high = NAN;
        } else {
            double ll = log(-log(s)), w = z * se / log(s);
            *low = exp(-exp(ll - w));
            *high = exp(-exp(ll + w));
        }
        break;
    case CRLM_CONF_LOG:
    default:
        if (s == 0 || isinf(se)) {
            *low = *high = NAN;
        } else {
            *low = exp(log(s) - z * se);
            *high = fmin(exp(log(s) + z * se), 1.0);
        }
        break;
    }
}

double crlm__conf_z(const crlm_surv_options *opt)
{
    double level = opt && opt->conf_level > 0 && opt->conf_level < 1 ? opt->conf_level : 0.95;
    return crlm_qnorm(1.0 - (1.0 - level) / 2.0);
}

/* R's quantile rule on one curve; which: 0 surv, 1 low, 2 high. */
static double curve_quantile(const crlm_km_row *rows, size_t nrows, int which, double p)
{
    const double tol = sqrt(DBL_EPSILON);
#define VAL(k) (which == 0 ? rows[k].surv : which == 1 ? rows[k].low : rows[k].high)
    for (size_t j = 0; j < nrows; j++) {
        double y = VAL(j);
        if (isnan(y) || y > p + tol)
            continue;
        if (fabs(y - p) >= tol)
            return rows[j].time;
        for (size_t k = j + 1; k < nrows; k++) {
            double yk = VAL(k);
            if (isnan(yk) || fabs(yk - y) > tol)
                return 0.5 * (rows[j].time + rows[k].time);
        }
        return rows[j].time;
    }
#undef VAL
    return NAN;
}

crlm_km_at crlm_km_curve_at(const crlm_km_curve *c, double t)
{
    crlm_km_at a = {.time = t, .surv = 1, .low = 1, .high = 1, .n_risk = (double)c->n};
    size_t lo = 0, hi = c->nrows; /* first row with time >= t */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->rows[mid].time < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    a.n_risk = lo < c->nrows ? c->rows[lo].n_risk : 0;
    size_t last; /* last row with time <= t */
    if (lo < c->nrows && c->rows[lo].time == t)
        last = lo;
    else if (lo > 0)
        last = lo - 1;
    else
        return a; /* before the first time: S = 1 */
    if (c->nrows == 0 || t > c->rows[c->nrows - 1].time) {
        a.surv = a.low = a.high = NAN; /* past the follow-up: not estimated (R drops it) */
        return a;
    }
    a.surv = c->rows[last].surv;
    a.low = c->rows[last].low;
    a.high = c->rows[last].high;
    return a;
}

crlm_status crlm__km_build(const double *time, const unsigned char *status, const int *group,
                           int g, size_t n, const crlm_surv_options *opt, crlm_km_curve *out)
{
    memset(out, 0, sizeof *out);
    size_t ng = 0, nrows = 0;
    double prev = NAN;
    for (size_t i = 0; i < n; i++) {
        if (group && group[i] != g)
            continue;
        if (ng == 0 || time[i] != prev)
            nrows++;
        prev = time[i];
        ng++;
    }
    out->n = ng;
    out->rows = calloc(nrows ? nrows : 1, sizeof *out->rows);
    if (!out->rows)
        return CRLM_E_NOMEM;
    size_t r = 0, seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (group && group[i] != g)
            continue;
        if (seen == 0 || time[i] != out->rows[r - 1].time) {
            out->rows[r].time = time[i];
            out->rows[r].n_risk = (double)(ng - seen);
            r++;
        }
        if (status[i])
            out->rows[r - 1].n_event += 1;
        else
            out->rows[r - 1].n_censor += 1;
        seen++;
    }
    out->nrows = nrows;
    double z = crlm__conf_z(opt), s = 1.0, var = 0.0;
    crlm_conf_type type = opt ? opt->conf_type : CRLM_CONF_LOG;
    for (size_t k = 0; k < nrows; k++) {
        crlm_km_row *row = &out->rows[k];
        double d = row->n_event, nr = row->n_risk;
        if (d > 0) {
            s *= 1.0 - d / nr;
            var = nr > d ? var + d / (nr * (nr - d)) : INFINITY;
            out->events += (size_t)d;
        }
        row->surv = s;
        row->std_err = sqrt(var);
        interval(s, row->std_err, z, type, &row->low, &row->high);
    }
    out->median = curve_quantile(out->rows, nrows, 0, 0.5);
    /* the lower curve reaches 1/2 first: it gives the lower end of the median's interval */
    out->median_low = curve_quantile(out->rows, nrows, 1, 0.5);
    out->median_high = curve_quantile(out->rows, nrows, 2, 0.5);
    if (opt && opt->nat) {
        out->at = calloc(opt->nat, sizeof *out->at);
        if (!out->at)
            return CRLM_E_NOMEM;
        out->nat = opt->nat;
        for (size_t k = 0; k < opt->nat; k++)
            out->at[k] = crlm_km_curve_at(out, opt->at[k]);
    }
    return CRLM_OK;
}

void crlm_km_curve_clear(crlm_km_curve *c)
{
    if (!c)
        return;
    free(c->rows);
    free(c->at);
    c->rows = NULL;
    c->at = NULL;
    c->nrows = c->nat = 0;
}

crlm_status crlm_km_fit(const double *time, const unsigned char *status, const bool *mask,
                        size_t n, const crlm_surv_options *opt, crlm_km_curve *out)
{
    memset(out, 0, sizeof *out);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!mask || mask[i])
            m++;
    uint64_t *keys = malloc((m ? m : 1) * sizeof *keys);
    uint32_t *idx = malloc((m ? m : 1) * sizeof *idx);
    double *st = malloc((m ? m : 1) * sizeof *st);
    unsigned char *ss = malloc(m ? m : 1);
    crlm_status rc = CRLM_E_NOMEM;
    if (keys && idx && st && ss) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (!mask || mask[i]) {
                keys[k] = crlm__double_key(time[i]);
                idx[k++] = (uint32_t)i;
            }
        if (crlm__radix_sort(keys, idx, m)) {
            for (size_t i = 0; i < m; i++) {
                st[i] = time[idx[i]];
                ss[i] = status[idx[i]];
            }
            rc = crlm__km_build(st, ss, NULL, 0, m, opt, out);
        }
    }
    free(keys);
    free(idx);
    free(st);
    free(ss);
    return rc;
}
