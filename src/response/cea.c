/* CEA kinetics over the values on or before the assessment date: first and last value, their
 * change, the doubling time of the current rise, and whether the last value is normal.
 *
 * Doubling time, defined precisely (no single published definition exists; the log-linear fit
 * is the usual one for tumour markers, e.g. the PSA doubling time of the Prostate Cancer
 * Clinical Trials Working Group, and the CEA doubling time studies in colorectal cancer):
 *   - the rise starts at the nadir: the lowest value of the series, the latest one on ties;
 *   - the fit uses the values from the nadir to the last value that are > 0 (log needs it);
 *   - slope b of the least-squares line ln(value) = a + b * day; doubling time = ln 2 / b;
 *   - unknown (NaN) when fewer than two values enter the fit, when the last value is not above
 *     the nadir, or when b <= 0 (a fall or a plateau has no doubling time).
 * Days are centred on their mean before the sums, so the fit is exact enough for any dates.
 * "Normal" is strictly under the profile's upper normal limit (default 5 ng/mL).
 * EVIDENCE: eisenhauer-2009 (markers in the non-target response). */
#include <math.h>

#include "response/response_internal.h"

void crlm__cea_trend(const crlm_cea *v, size_t n, crlm_date until, double upper_normal_ng_ml,
                     crlm_cea_trend *out)
{
    out->n = 0;
    out->first_on = out->last_on = CRLM_DATE_UNKNOWN;
    out->first_ng_ml = out->last_ng_ml = out->change_pct = out->doubling_time_days = NAN;
    out->doubling_points = 0;
    out->normalized = CRLM_TRI_UNKNOWN;
    size_t m = 0; /* values used: the sorted prefix on or before `until` */
    while (m < n && (!CRLM_DATE_KNOWN(until) || v[m].date <= until))
        m++;
    /* values with an unknown number are not values */
    size_t first = 0;
    while (first < m && !CRLM_KNOWN(v[first].value_ng_ml))
        first++;
    if (first == m)
        return;
    size_t last = m - 1;
    while (!CRLM_KNOWN(v[last].value_ng_ml))
        last--;
    for (size_t i = first; i <= last; i++)
        out->n += CRLM_KNOWN(v[i].value_ng_ml) ? 1u : 0u;
    out->first_on = v[first].date;
    out->last_on = v[last].date;
    out->first_ng_ml = v[first].value_ng_ml;
    out->last_ng_ml = v[last].value_ng_ml;
    if (out->first_ng_ml > 0)
        out->change_pct = 100.0 * (out->last_ng_ml - out->first_ng_ml) / out->first_ng_ml;
    out->normalized = out->last_ng_ml < upper_normal_ng_ml ? CRLM_TRI_TRUE : CRLM_TRI_FALSE;

    size_t nadir = first;
    for (size_t i = first; i <= last; i++)
        if (CRLM_KNOWN(v[i].value_ng_ml) && v[i].value_ng_ml <= v[nadir].value_ng_ml)
            nadir = i;
    if (!(out->last_ng_ml > v[nadir].value_ng_ml))
        return;
    double sx = 0, sy = 0;
    size_t k = 0;
    for (size_t i = nadir; i <= last; i++)
        if (CRLM_KNOWN(v[i].value_ng_ml) && v[i].value_ng_ml > 0) {
            sx += (double)v[i].date;
            sy += log(v[i].value_ng_ml);
            k++;
        }
    if (k < 2)
        return;
    double mx = sx / (double)k, my = sy / (double)k, sxx = 0, sxy = 0;
    for (size_t i = nadir; i <= last; i++)
        if (CRLM_KNOWN(v[i].value_ng_ml) && v[i].value_ng_ml > 0) {
            double dx = (double)v[i].date - mx;
            sxx += dx * dx;
            sxy += dx * (log(v[i].value_ng_ml) - my);
        }
    if (sxx <= 0) /* all on one day */
        return;
    double b = sxy / sxx;
    if (b > 0) {
        out->doubling_time_days = log(2.0) / b;
        out->doubling_points = k;
    }
}
