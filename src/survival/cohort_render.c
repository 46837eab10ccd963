/* The three text renderings of a cohort's Table 1 row: crlm-cohort/1 JSON, text, CSV.
 *
 * Why it exists: the JSON is the exact form (every number as the shortest decimal that reads
 * back to the same double, R's NA as null) that tests compare with R; the text is what a
 * surgeon reads; the CSV is the review's Table 1 layout (data/table1.csv: one row per
 * response group with the cohort's N and R0 repeated, group R/S/P, survival in percent,
 * median OS in months whatever the input unit) so a centre's row can be set beside the
 * published studies, with the intervals, log-rank p and hazard ratio added as further columns.
 * Renderers only format: every number comes from crlm_cohort_analyze.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "crlm/survival.h"

static const char *unit_name(crlm_time_unit u)
{
    return u == CRLM_TIME_DAYS ? "days" : u == CRLM_TIME_YEARS ? "years" : "months";
}

static const int year_labels[CRLM_COHORT_NYEARS] = {1, 3, 5};

static void num(crlm_buf *b, const char *key, double v, bool comma)
{
    crlm_buf_printf(b, "%s\"%s\": ", comma ? ", " : "", key);
    crlm_buf_json_number(b, v);
}

static void json_logrank(crlm_buf *b, const char *key, const crlm_surv_result *res)
{
    crlm_buf_printf(b, ",\n  \"%s\": ", key);
    if (!res || !res->logrank) {
        crlm_buf_puts(b, "null");
        return;
    }
    crlm_buf_putc(b, '{');
    num(b, "chisq", res->logrank->test.chisq, false);
    num(b, "df", res->logrank->test.df, true);
    num(b, "p", res->logrank->test.p, true);
    crlm_buf_putc(b, '}');
}

static void json_curve(crlm_buf *b, const char *key, const crlm_km_curve *c)
{
    crlm_buf_printf(b, ",\n     \"%s\": ", key);
    if (!c) {
        crlm_buf_puts(b, "null");
        return;
    }
    crlm_buf_putc(b, '{');
    for (size_t k = 0; k < CRLM_COHORT_NYEARS && k < c->nat; k++) {
        const crlm_km_at *a = &c->at[k];
        crlm_buf_printf(b, "%s\"%d\": {", k ? ", " : "", year_labels[k]);
        num(b, "surv", a->surv, false);
        num(b, "low", a->low, true);
        num(b, "high", a->high, true);
        num(b, "n_risk", a->n_risk, true);
        crlm_buf_putc(b, '}');
    }
    crlm_buf_putc(b, '}');
}

static double curve_val(const crlm_km_curve *c, int which)
{
    if (!c)
        return NAN;
    return which == 0 ? c->median : which == 1 ? c->median_low : c->median_high;
}

void crlm_cohort_result_json(const crlm_cohort_result *r, crlm_buf *b)
{
    crlm_buf_puts(b, "{\"format\": \"crlm-cohort/1\"");
    crlm_buf_printf(b, ", \"time_unit\": \"%s\", \"years_at\": [", unit_name(r->time_unit));
    for (int k = 0; k < CRLM_COHORT_NYEARS; k++) {
        if (k)
            crlm_buf_puts(b, ", ");
        crlm_buf_json_number(b, r->years_at[k]);
    }
    crlm_buf_printf(b, "],\n  \"n\": %zu, \"r0_n\": %zu, \"r0_known\": %zu", r->n, r->n_r0,
                    r->n_r0_known);
    num(b, "r0_pct", r->r0_pct, true);
    crlm_buf_printf(b, ", \"group_known\": %zu,\n  \"groups\": [", r->n_group_known);
    for (int g = 0; g < CRLM_COHORT_NGROUPS; g++) {
        const crlm_cohort_group *gr = &r->groups[g];
        crlm_buf_printf(b, "%s\n    {\"group\": \"%s\", \"n\": %zu", g ? "," : "", gr->group,
                        gr->n);
        num(b, "pct", gr->pct, true);
        crlm_buf_printf(b, ",\n     \"os_n\": %zu, \"os_events\": %zu", gr->os ? gr->os->n : 0,
                        gr->os ? gr->os->events : 0);
        num(b, "median_os", curve_val(gr->os, 0), true);
        num(b, "median_os_low", curve_val(gr->os, 1), true);
        num(b, "median_os_high", curve_val(gr->os, 2), true);
        crlm_buf_printf(b, ",\n     \"dfs_n\": %zu, \"dfs_events\": %zu",
                        gr->dfs ? gr->dfs->n : 0, gr->dfs ? gr->dfs->events : 0);
        num(b, "median_dfs", curve_val(gr->dfs, 0), true);
        num(b, "median_dfs_low", curve_val(gr->dfs, 1), true);
        num(b, "median_dfs_high", curve_val(gr->dfs, 2), true);
        json_curve(b, "os", gr->os);
        json_curve(b, "dfs", gr->dfs);
        crlm_buf_putc(b, '}');
    }
    crlm_buf_puts(b, "]");
    json_logrank(b, "logrank_os", r->os);
    json_logrank(b, "logrank_dfs", r->dfs);
    crlm_buf_puts(b, ",\n  \"cox_os\": ");
    if (r->cox && r->hr) {
        crlm_buf_puts(b, "{\"term\": ");
        crlm_buf_json_string(b, r->hr->name);
        num(b, "hr", r->hr->exp_coef, true);
        num(b, "low", r->hr->low, true);
        num(b, "high", r->hr->high, true);
        num(b, "p", r->hr->p, true);
        num(b, "coef", r->hr->coef, true);
        num(b, "se", r->hr->se, true);
        crlm_buf_printf(b, ", \"n\": %zu, \"events\": %zu, \"converged\": %s,\n    \"terms\": [",
                        r->cox->n, r->cox->events, r->cox->converged ? "true" : "false");
        for (size_t j = 0; j < r->cox->p; j++) {
            const crlm_cox_coef *c = &r->cox->coef[j];
            crlm_buf_puts(b, j ? ",\n      {\"name\": " : "\n      {\"name\": ");
            crlm_buf_json_string(b, c->name);
            num(b, "hr", c->exp_coef, true);
            num(b, "low", c->low, true);
            num(b, "high", c->high, true);
            num(b, "p", c->p, true);
            crlm_buf_putc(b, '}');
        }
        crlm_buf_puts(b, "],\n    \"message\": ");
        crlm_buf_json_string(b, r->cox->message);
        crlm_buf_putc(b, '}');
    } else {
        crlm_buf_puts(b, "null, \"cox_os_message\": ");
        crlm_buf_json_string(b, r->cox_message);
    }
    crlm_buf_printf(b,
                    ",\n  \"dropped_missing\": {\"os\": %zu, \"dfs\": %zu, \"cox_os\": %zu}}\n",
                    r->dropped_os, r->dropped_dfs, r->dropped_cox);
}

/* ---- text ---------------------------------------------------------------------------- */

static void fmt(char *buf, size_t size, const char *f, double v)
{
    if (isfinite(v))
        snprintf(buf, size, f, v);
    else
        snprintf(buf, size, "NA");
}

static void text_endpoint(crlm_buf *b, const crlm_cohort_result *r, bool dfs)
{
    const crlm_surv_result *res = dfs ? r->dfs : r->os;
    crlm_buf_printf(b, "\n%s (time in %s; 1, 3, 5 years at %g, %g, %g):\n",
                    dfs ? "Disease-free survival" : "Overall survival", unit_name(r->time_unit),
                    r->years_at[0], r->years_at[1], r->years_at[2]);
    if (!res) {
        crlm_buf_puts(b, "  no patient with a group, time and status\n");
        return;
    }
    crlm_buf_printf(b, "  %-12s %5s %6s  %-22s", "group", "n", "events", "median (95% CI)");
    for (int k = 0; k < CRLM_COHORT_NYEARS; k++)
    {
        char h[32];
        snprintf(h, sizeof h, "%d-year (95%% CI)", year_labels[k]);
        crlm_buf_printf(b, "  %-21s", h);
    }
    crlm_buf_putc(b, '\n');
    for (int g = 0; g < CRLM_COHORT_NGROUPS; g++) {
        const crlm_km_curve *c = dfs ? r->groups[g].dfs : r->groups[g].os;
        if (!c)
            continue;
        char m[24], lo[24], hi[24], med[80];
        fmt(m, sizeof m, "%.1f", c->median);
        fmt(lo, sizeof lo, "%.1f", c->median_low);
        fmt(hi, sizeof hi, "%.1f", c->median_high);
        snprintf(med, sizeof med, "%s (%s-%s)", m, lo, hi);
        crlm_buf_printf(b, "  %-12s %5zu %6zu  %-22s", r->groups[g].group, c->n, c->events, med);
        for (size_t k = 0; k < CRLM_COHORT_NYEARS && k < c->nat; k++) {
            char s[24], l[24], h[24], cell[96];
            fmt(s, sizeof s, "%.1f%%", 100 * c->at[k].surv);
            fmt(l, sizeof l, "%.1f", 100 * c->at[k].low);
            fmt(h, sizeof h, "%.1f", 100 * c->at[k].high);
            snprintf(cell, sizeof cell, "%s (%s-%s)", s, l, h);
            crlm_buf_printf(b, "  %-21s", cell);
        }
        crlm_buf_putc(b, '\n');
    }
    if (res->logrank)
        crlm_buf_printf(b, "  Log-rank test across groups: chisq %.3f on %g df, p = %.3g\n",
                        res->logrank->test.chisq, res->logrank->test.df, res->logrank->test.p);
}

void crlm_cohort_result_text(const crlm_cohort_result *r, crlm_buf *b)
{
    char r0[24];
    fmt(r0, sizeof r0, "%.1f%%", r->r0_pct);
    crlm_buf_printf(b, "Cohort: %zu resected patients; R0 %s (%zu of %zu with R0 recorded)\n",
                    r->n, r0, r->n_r0, r->n_r0_known);
    crlm_buf_printf(b, "Response to preoperative chemotherapy (%zu with a group):\n",
                    r->n_group_known);
    for (int g = 0; g < CRLM_COHORT_NGROUPS; g++) {
        char pct[24];
        fmt(pct, sizeof pct, "%.1f%%", r->groups[g].pct);
        crlm_buf_printf(b, "  %-12s %5zu  %s\n", r->groups[g].group, r->groups[g].n, pct);
    }
    text_endpoint(b, r, false);
    text_endpoint(b, r, true);
    crlm_buf_puts(b, "\nCox model on OS, progression vs response");
    if (r->cox && r->hr) {
        if (r->cox->p > 1 &&
            strncmp(r->cox->coef[r->cox->p - 1].name, "response_group=", 15) != 0) {
            crlm_buf_puts(b, ", adjusted for");
            const char *sep = " ";
            for (size_t j = 1; j < r->cox->p; j++) {
                if (strncmp(r->cox->coef[j].name, "response_group=", 15) == 0)
                    continue; /* the stable-vs-response contrast is not an adjustment */
                crlm_buf_printf(b, "%s%s", sep, r->cox->coef[j].name);
                sep = ", ";
            }
        }
        char hr[24], lo[24], hi[24], p[24];
        fmt(hr, sizeof hr, "%.3f", r->hr->exp_coef);
        fmt(lo, sizeof lo, "%.3f", r->hr->low);
        fmt(hi, sizeof hi, "%.3f", r->hr->high);
        fmt(p, sizeof p, "%.3g", r->hr->p);
        crlm_buf_printf(b, ":\n  HR %s (95%% CI %s-%s), p = %s; n = %zu, %zu events%s\n", hr, lo,
                        hi, p, r->cox->n, r->cox->events,
                        r->cox->converged ? "" : "; did NOT converge");
        if (r->cox->message[0])
            crlm_buf_printf(b, "  note: %s\n", r->cox->message);
    } else {
        crlm_buf_printf(b, ": not estimated (%s)\n", r->cox_message);
    }
    crlm_buf_printf(b, "\nRows dropped for a missing value: OS %zu, DFS %zu, Cox %zu\n",
                    r->dropped_os, r->dropped_dfs, r->dropped_cox);
}

/* ---- CSV ----------------------------------------------------------------------------- */

static void csv_num(crlm_buf *b, const char *f, double v)
{
    crlm_buf_putc(b, ',');
    if (isfinite(v))
        crlm_buf_printf(b, f, v);
}

void crlm_cohort_result_csv(const crlm_cohort_result *r, crlm_buf *b)
{
    static const char *const letters[CRLM_COHORT_NGROUPS] = {"R", "S", "P"};
    crlm_buf_puts(b, "n_total,r0_pct,group,n,n_pct,median_os_months,median_os_low_months,"
                     "median_os_high_months,os_1y_pct,os_3y_pct,os_5y_pct,dfs_1y_pct,dfs_3y_pct,"
                     "dfs_5y_pct,os_1y_low,os_1y_high,os_3y_low,os_3y_high,os_5y_low,os_5y_high,"
                     "dfs_1y_low,dfs_1y_high,dfs_3y_low,dfs_3y_high,dfs_5y_low,dfs_5y_high,"
                     "logrank_os_p,logrank_dfs_p,hr_progression_os,hr_low,hr_high,hr_p\n");
    double to_months = r->time_unit == CRLM_TIME_DAYS    ? 12.0 / 365.25
                       : r->time_unit == CRLM_TIME_YEARS ? 12.0
                                                         : 1.0;
    for (int g = 0; g < CRLM_COHORT_NGROUPS; g++) {
        const crlm_cohort_group *gr = &r->groups[g];
        crlm_buf_printf(b, "%zu", r->n);
        csv_num(b, "%.1f", r->r0_pct);
        crlm_buf_printf(b, ",%s,%zu", letters[g], gr->n);
        csv_num(b, "%.0f", gr->pct);
        csv_num(b, "%.1f", curve_val(gr->os, 0) * to_months);
        csv_num(b, "%.1f", curve_val(gr->os, 1) * to_months);
        csv_num(b, "%.1f", curve_val(gr->os, 2) * to_months);
        for (int e = 0; e < 2; e++) {
            const crlm_km_curve *c = e ? gr->dfs : gr->os;
            for (int k = 0; k < CRLM_COHORT_NYEARS; k++)
                csv_num(b, "%.1f", c ? 100 * c->at[k].surv : NAN);
        }
        for (int e = 0; e < 2; e++) {
            const crlm_km_curve *c = e ? gr->dfs : gr->os;
            for (int k = 0; k < CRLM_COHORT_NYEARS; k++) {
                csv_num(b, "%.1f", c ? 100 * c->at[k].low : NAN);
                csv_num(b, "%.1f", c ? 100 * c->at[k].high : NAN);
            }
        }
        csv_num(b, "%.3g", r->os && r->os->logrank ? r->os->logrank->test.p : NAN);
        csv_num(b, "%.3g", r->dfs && r->dfs->logrank ? r->dfs->logrank->test.p : NAN);
        csv_num(b, "%.2f", r->hr ? r->hr->exp_coef : NAN);
        csv_num(b, "%.2f", r->hr ? r->hr->low : NAN);
        csv_num(b, "%.2f", r->hr ? r->hr->high : NAN);
        csv_num(b, "%.3g", r->hr ? r->hr->p : NAN);
        crlm_buf_putc(b, '\n');
    }
}
