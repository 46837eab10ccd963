/* Access to the compiled evidence tables and the pooling of evidence.h. 1.959963984540054 is
 * the 97.5 % normal quantile (R: qnorm(0.975)). */
#include <math.h>
#include <string.h>

#include "crlm/evidence.h"

extern const crlm_evidence_row crlm__table1[];
extern const size_t crlm__table1_count;
extern const crlm_fong_outcome crlm__fong1999[];
extern const size_t crlm__fong1999_count;

const crlm_evidence_row *crlm_evidence_table1(size_t *n)
{
    *n = crlm__table1_count;
    return crlm__table1;
}

const crlm_fong_outcome *crlm_evidence_fong1999(size_t *n)
{
    *n = crlm__fong1999_count;
    return crlm__fong1999;
}

bool crlm_evidence_flagged(const crlm_evidence_row *row, const char *field)
{
    size_t n = strlen(field);
    for (const char *s = row->flags; (s = strstr(s, field)) != NULL; s += n) {
        bool starts = s == row->flags || (s >= row->flags + 2 && s[-2] == ';' && s[-1] == ' ');
        if (starts && s[n] == ':')
            return true;
    }
    return false;
}

const char *crlm_outcome_name(crlm_outcome o)
{
    static const char *const names[] = {"os_1y_pct", "os_3y_pct", "os_5y_pct",
                                        "dfs_1y_pct", "dfs_3y_pct", "dfs_5y_pct"};
    return (unsigned)o < CRLM_OUTCOME_COUNT ? names[o] : "";
}

static double value_of(const crlm_evidence_row *r, crlm_outcome o)
{
    switch (o) {
    case CRLM_OS_1Y: return r->os_1y_pct;
    case CRLM_OS_3Y: return r->os_3y_pct;
    case CRLM_OS_5Y: return r->os_5y_pct;
    case CRLM_DFS_1Y: return r->dfs_1y_pct;
    case CRLM_DFS_3Y: return r->dfs_3y_pct;
    case CRLM_DFS_5Y: return r->dfs_5y_pct;
    default: return NAN;
    }
}

static double expit(double x) { return 1.0 / (1.0 + exp(-x)); }

void crlm_pool_logit(const double *pct, const double *n, size_t k, crlm_pooled *out)
{
    *out = (crlm_pooled){.estimate_pct = NAN, .low_pct = NAN, .high_pct = NAN, .tau2 = NAN,
                         .i2_pct = NAN};
    if (k == 0)
        return;
    double y[64], v[64];
    if (k > 64)
        k = 64;
    double sw = 0, sw2 = 0, swy = 0;
    for (size_t i = 0; i < k; i++) {
        double events = round(pct[i] / 100.0 * n[i]);
        double p = pct[i] / 100.0;
        if (events <= 0 || events >= n[i]) /* continuity correction at 0 % and 100 % */
            p = (events + 0.5) / (n[i] + 1.0);
        y[i] = log(p / (1.0 - p));
        v[i] = 1.0 / (n[i] * p * (1.0 - p));
        double w = 1.0 / v[i];
        sw += w;
        sw2 += w * w;
        swy += w * y[i];
        out->patients += n[i];
    }
    double ybar = swy / sw, q = 0;
    for (size_t i = 0; i < k; i++)
        q += (y[i] - ybar) * (y[i] - ybar) / v[i];
    double df = (double)k - 1.0;
    double c = sw - sw2 / sw;
    double tau2 = k > 1 && c > 0 ? fmax(0.0, (q - df) / c) : 0.0;
    double sws = 0, swsy = 0;
    for (size_t i = 0; i < k; i++) {
        double w = 1.0 / (v[i] + tau2);
        sws += w;
        swsy += w * y[i];
    }
    double mu = swsy / sws, se = sqrt(1.0 / sws), z = 1.959963984540054;
    out->studies = (int)k;
    out->estimate_pct = 100.0 * expit(mu);
    out->low_pct = 100.0 * expit(mu - z * se);
    out->high_pct = 100.0 * expit(mu + z * se);
    out->tau2 = tau2;
    out->i2_pct = k > 1 && q > 0 ? fmax(0.0, 100.0 * (q - df) / q) : 0.0;
}

void crlm_evidence_pool(const char *group, crlm_outcome outcome, crlm_pooled *out)
{
    double pct[64], n[64];
    size_t k = 0;
    const char *field = crlm_outcome_name(outcome);
    for (size_t i = 0; i < crlm__table1_count && k < 64; i++) {
        const crlm_evidence_row *r = &crlm__table1[i];
        if (strcmp(r->group, group) != 0 || strcmp(r->placement, "uncertain") == 0)
            continue;
        double x = value_of(r, outcome);
        if (!isfinite(x) || !isfinite(r->n) || r->n <= 0 || crlm_evidence_flagged(r, "n") ||
            crlm_evidence_flagged(r, field) || crlm_evidence_flagged(r, "group"))
            continue;
        pct[k] = x;
        n[k] = r->n;
        k++;
    }
    crlm_pool_logit(pct, n, k, out);
}

void crlm_prognosis_compute(const char *response_group, int fong_score, crlm_prognosis *out)
{
    *out = (crlm_prognosis){.response_group = response_group, .fong_score = -1,
                            .fong_os_5y_pct = NAN, .fong_median_os_months = NAN};
    const char *group = NULL;
    if (response_group)
        group = strcmp(response_group, "response") == 0 ? "R"
                : strcmp(response_group, "stable") == 0 ? "S"
                                                        : "P";
    for (int o = 0; o < CRLM_OUTCOME_COUNT; o++) {
        if (group)
            crlm_evidence_pool(group, (crlm_outcome)o, &out->literature[o]);
        else
            crlm_pool_logit(NULL, NULL, 0, &out->literature[o]);
    }
    for (size_t i = 0; i < crlm__fong1999_count; i++)
        if (crlm__fong1999[i].score == fong_score) {
            out->fong_score = fong_score;
            out->fong_os_5y_pct = crlm__fong1999[i].os_5y_pct;
            out->fong_median_os_months = crlm__fong1999[i].median_os_months;
        }
}
