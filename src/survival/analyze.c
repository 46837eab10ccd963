/* The whole `crlm survival` analysis and its two renderings (crlm-survival/1 JSON, text).
 *
 * One time sort serves every Kaplan-Meier curve (the sorted columns are gathered once so the
 * per-group passes are sequential); the log-rank test and the Cox model use the order by
 * stratum then time. The JSON keys are the contract in spec/report-format.md; a few keys are
 * added (conf_type, observed/expected, converged, iterations, message), which the contract
 * allows. Numbers are written in the shortest form that reads back to the same double, and
 * non-finite values (R's NA, Inf) as null.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/survival.h"
#include "survival/surv_internal.h"
#include "survival/surv_private.h"

/* The result plus the strings its curves point to. */
typedef struct result_owner {
    crlm_surv_result pub;
    char **names;
    size_t nnames;
    crlm_conf_type conf_type;
} result_owner;

void crlm_surv_result_free(crlm_surv_result *r)
{
    if (!r)
        return;
    result_owner *o = (result_owner *)r;
    for (size_t i = 0; i < r->nkm; i++)
        crlm_km_curve_clear(&r->km[i]);
    free(r->km);
    if (r->logrank) {
        free(r->logrank->observed);
        free(r->logrank->expected);
        free(r->logrank);
    }
    crlm_cox_free(r->cox);
    for (size_t i = 0; i < o->nnames; i++)
        free(o->names[i]);
    free(o->names);
    free(o);
}

crlm_status crlm_surv_analyze(const crlm_surv_data *d, const crlm_surv_options *opt,
                              crlm_surv_result **out, crlm_errors *errors)
{
    *out = NULL;
    crlm_surv_options defaults = {0};
    if (!opt)
        opt = &defaults;
    result_owner *o = calloc(1, sizeof *o);
    if (!o)
        goto nomem;
    crlm_surv_result *r = &o->pub;
    o->conf_type = opt->conf_type;
    size_t n = d->n;
    r->n = n;
    r->dropped_missing = d->dropped_missing;
    for (size_t i = 0; i < n; i++)
        r->events += d->status[i];

    bool grouped = d->group && d->ngroups > 0;
    size_t ncurves = grouped ? d->ngroups + (opt->km_all ? 1 : 0) : 1;
    r->km = calloc(ncurves, sizeof *r->km);
    o->names = calloc(ncurves, sizeof *o->names);
    if (!r->km || !o->names)
        goto nomem;
    uint32_t *ord = NULL;
    double *st = malloc(n * sizeof *st + 1);
    unsigned char *ss = malloc(n + 1);
    int *sg = grouped ? malloc(n * sizeof *sg + 1) : NULL;
    crlm_status rc = CRLM_E_NOMEM;
    if (!st || !ss || (grouped && !sg) || !crlm__order_by_time(d, false, &ord))
        goto cleanup;
    for (size_t k = 0; k < n; k++) {
        st[k] = d->time[ord[k]];
        ss[k] = d->status[ord[k]];
        if (sg)
            sg[k] = d->group[ord[k]];
    }
    for (size_t c = 0; c < ncurves; c++) {
        bool all = !grouped || c == d->ngroups;
        o->names[c] = crlm__strdup(all ? "all" : d->group_names[c]);
        if (!o->names[c])
            goto cleanup;
        o->nnames = c + 1;
        rc = crlm__km_build(st, ss, all ? NULL : sg, (int)c, n, opt, &r->km[c]);
        r->nkm = c + 1;
        r->km[c].group = o->names[c];
        if (rc != CRLM_OK)
            goto cleanup;
    }
    rc = CRLM_E_NOMEM;
    bool by_strata = d->strata && d->nstrata > 1;
    if (by_strata) { /* the log-rank test and Cox need stratum then time */
        free(ord);
        ord = NULL;
        if (!crlm__order_by_time(d, true, &ord))
            goto cleanup;
    }
    if (grouped && d->ngroups >= 2) {
        int *sstr = by_strata ? malloc(n * sizeof *sstr + 1) : NULL;
        if (by_strata && !sstr)
            goto cleanup;
        if (by_strata)
            for (size_t k = 0; k < n; k++) {
                st[k] = d->time[ord[k]];
                ss[k] = d->status[ord[k]];
                sg[k] = d->group[ord[k]];
                sstr[k] = d->strata[ord[k]];
            }
        r->logrank = calloc(1, sizeof *r->logrank);
        if (!r->logrank) {
            free(sstr);
            goto cleanup;
        }
        double toler = opt->toler_chol > 0 ? opt->toler_chol : 1.8189894035458565e-12;
        rc = crlm__logrank(st, ss, sg, d->ngroups, sstr, n, toler, r->logrank);
        free(sstr);
        if (rc != CRLM_OK)
            goto cleanup;
    }
    free(st);
    st = NULL;
    free(ss);
    ss = NULL;
    free(sg);
    sg = NULL;
    if (d->p > 0) {
        rc = crlm__cox_fit_ordered(d, opt, ord, &r->cox, errors);
        if (rc != CRLM_OK)
            goto cleanup;
    }
    rc = CRLM_OK;
cleanup:
    free(ord);
    free(st);
    free(ss);
    free(sg);
    if (rc != CRLM_OK) {
        crlm_surv_result_free(r);
        if (rc == CRLM_E_NOMEM)
            crlm_errors_add(errors, CRLM_E_NOMEM, "", 0, 0, "memory for the analysis", "none");
        return rc;
    }
    *out = r;
    return CRLM_OK;
nomem:
    if (o)
        crlm_surv_result_free(&o->pub);
    crlm_errors_add(errors, CRLM_E_NOMEM, "", 0, 0, "memory for the analysis", "none");
    return CRLM_E_NOMEM;
}

/* Called a few hundred thousand times for a big Kaplan-Meier table: plain appends, no
 * printf for the key. */
static void key_num(crlm_buf *b, const char *key, double v, bool comma)
{
    if (comma)
        crlm_buf_append(b, ", \"", 3);
    else
        crlm_buf_putc(b, '"');
    crlm_buf_puts(b, key);
    crlm_buf_append(b, "\": ", 3);
    crlm_buf_json_number(b, v);
}

static void json_test(crlm_buf *b, const char *key, const crlm_test_stat *t)
{
    crlm_buf_printf(b, ", \"%s\": {", key);
    key_num(b, "chisq", t->chisq, false);
    key_num(b, "df", t->df, true);
    key_num(b, "p", t->p, true);
    crlm_buf_putc(b, '}');
}

static const char *conf_name(crlm_conf_type t)
{
    return t == CRLM_CONF_PLAIN ? "plain" : t == CRLM_CONF_LOGLOG ? "log-log" : "log";
}

void crlm_surv_result_json(const crlm_surv_result *r, crlm_buf *b)
{
    const result_owner *o = (const result_owner *)r;
    crlm_buf_puts(b, "{\"format\": \"crlm-survival/1\"");
    key_num(b, "n", (double)r->n, true);
    key_num(b, "events", (double)r->events, true);
    key_num(b, "dropped_missing", (double)r->dropped_missing, true);
    crlm_buf_printf(b, ", \"conf_type\": \"%s\",\n \"km\": [", conf_name(o->conf_type));
    for (size_t c = 0; c < r->nkm; c++) {
        const crlm_km_curve *k = &r->km[c];
        crlm_buf_puts(b, c ? ",\n  {\"group\": " : "\n  {\"group\": ");
        crlm_buf_json_string(b, k->group);
        key_num(b, "n", (double)k->n, true);
        key_num(b, "events", (double)k->events, true);
        key_num(b, "median", k->median, true);
        key_num(b, "median_low", k->median_low, true);
        key_num(b, "median_high", k->median_high, true);
        crlm_buf_puts(b, ",\n   \"table\": [");
        for (size_t i = 0; i < k->nrows; i++) {
            const crlm_km_row *row = &k->rows[i];
            crlm_buf_puts(b, i ? ",\n    {" : "\n    {");
            key_num(b, "time", row->time, false);
            key_num(b, "n_risk", row->n_risk, true);
            key_num(b, "n_event", row->n_event, true);
            key_num(b, "n_censor", row->n_censor, true);
            key_num(b, "surv", row->surv, true);
            key_num(b, "std_err", row->std_err, true);
            key_num(b, "low", row->low, true);
            key_num(b, "high", row->high, true);
            crlm_buf_putc(b, '}');
        }
        crlm_buf_puts(b, "],\n   \"at\": [");
        for (size_t i = 0; i < k->nat; i++) {
            const crlm_km_at *a = &k->at[i];
            crlm_buf_puts(b, i ? ", {" : "{");
            key_num(b, "time", a->time, false);
            key_num(b, "surv", a->surv, true);
            key_num(b, "low", a->low, true);
            key_num(b, "high", a->high, true);
            key_num(b, "n_risk", a->n_risk, true);
            crlm_buf_putc(b, '}');
        }
        crlm_buf_puts(b, "]}");
    }
    crlm_buf_puts(b, "],\n \"logrank\": ");
    if (r->logrank) {
        const crlm_logrank *l = r->logrank;
        crlm_buf_putc(b, '{');
        key_num(b, "chisq", l->test.chisq, false);
        key_num(b, "df", l->test.df, true);
        key_num(b, "p", l->test.p, true);
        crlm_buf_puts(b, ", \"observed\": [");
        for (size_t g = 0; g < l->ngroups; g++) {
            if (g)
                crlm_buf_puts(b, ", ");
            crlm_buf_json_number(b, l->observed[g]);
        }
        crlm_buf_puts(b, "], \"expected\": [");
        for (size_t g = 0; g < l->ngroups; g++) {
            if (g)
                crlm_buf_puts(b, ", ");
            crlm_buf_json_number(b, l->expected[g]);
        }
        crlm_buf_puts(b, "]}");
    } else {
        crlm_buf_puts(b, "null");
    }
    crlm_buf_puts(b, ",\n \"cox\": ");
    if (r->cox) {
        const crlm_cox *c = r->cox;
        crlm_buf_printf(b, "{\"ties\": \"%s\"", c->ties == CRLM_TIES_BRESLOW ? "breslow" : "efron");
        key_num(b, "n", (double)c->n, true);
        key_num(b, "events", (double)c->events, true);
        crlm_buf_puts(b, ",\n  \"coefficients\": [");
        for (size_t j = 0; j < c->p; j++) {
            const crlm_cox_coef *f = &c->coef[j];
            crlm_buf_puts(b, j ? ",\n   {\"name\": " : "\n   {\"name\": ");
            crlm_buf_json_string(b, f->name);
            key_num(b, "coef", f->coef, true);
            key_num(b, "exp_coef", f->exp_coef, true);
            key_num(b, "se", f->se, true);
            key_num(b, "z", f->z, true);
            key_num(b, "p", f->p, true);
            key_num(b, "low", f->low, true);
            key_num(b, "high", f->high, true);
            crlm_buf_putc(b, '}');
        }
        crlm_buf_puts(b, "],\n  ");
        key_num(b, "loglik_null", c->loglik_null, false);
        key_num(b, "loglik", c->loglik, true);
        json_test(b, "lr_test", &c->lr);
        json_test(b, "wald_test", &c->wald);
        json_test(b, "score_test", &c->score);
        key_num(b, "concordance", c->concordance, true);
        crlm_buf_printf(b, ", \"converged\": %s", c->converged ? "true" : "false");
        key_num(b, "iterations", c->iterations, true);
        crlm_buf_puts(b, ", \"message\": ");
        crlm_buf_json_string(b, c->message);
        crlm_buf_putc(b, '}');
    } else {
        crlm_buf_puts(b, "null");
    }
    crlm_buf_puts(b, "}\n");
}

static void text_num(crlm_buf *b, const char *fmt, double v)
{
    if (isfinite(v))
        crlm_buf_printf(b, fmt, v);
    else
        crlm_buf_printf(b, "%*s", atoi(fmt + 1), "NA");
}

void crlm_surv_result_text(const crlm_surv_result *r, const crlm_surv_data *d, crlm_buf *b)
{
    (void)d;
    const result_owner *o = (const result_owner *)r;
    crlm_buf_printf(b, "n = %zu, events = %zu, dropped for missing values = %zu\n", r->n,
                    r->events, r->dropped_missing);
    crlm_buf_printf(b, "\nKaplan-Meier (95%% %s intervals)\n", conf_name(o->conf_type));
    crlm_buf_printf(b, "%-16s %8s %8s %10s %10s %10s\n", "group", "n", "events", "median",
                    "low", "high");
    for (size_t c = 0; c < r->nkm; c++) {
        const crlm_km_curve *k = &r->km[c];
        crlm_buf_printf(b, "%-16.16s %8zu %8zu ", k->group, k->n, k->events);
        text_num(b, "%10.6g", k->median);
        crlm_buf_putc(b, ' ');
        text_num(b, "%10.6g", k->median_low);
        crlm_buf_putc(b, ' ');
        text_num(b, "%10.6g", k->median_high);
        crlm_buf_putc(b, '\n');
    }
    for (size_t c = 0; c < r->nkm; c++) {
        const crlm_km_curve *k = &r->km[c];
        if (!k->nat)
            continue;
        crlm_buf_printf(b, "\nSurvival at given times, group %s\n", k->group);
        crlm_buf_printf(b, "%10s %8s %10s %10s %10s\n", "time", "n_risk", "surv", "low", "high");
        for (size_t i = 0; i < k->nat; i++) {
            const crlm_km_at *a = &k->at[i];
            crlm_buf_printf(b, "%10.6g %8.0f ", a->time, a->n_risk);
            text_num(b, "%10.4f", a->surv);
            crlm_buf_putc(b, ' ');
            text_num(b, "%10.4f", a->low);
            crlm_buf_putc(b, ' ');
            text_num(b, "%10.4f", a->high);
            crlm_buf_putc(b, '\n');
        }
    }
    if (r->logrank) {
        const crlm_logrank *l = r->logrank;
        crlm_buf_puts(b, "\nLog-rank test\n");
        crlm_buf_printf(b, "%-16s %10s %10s\n", "group", "observed", "expected");
        for (size_t g = 0; g < l->ngroups && g < r->nkm; g++)
            crlm_buf_printf(b, "%-16.16s %10.0f %10.2f\n", r->km[g].group, l->observed[g],
                            l->expected[g]);
        crlm_buf_printf(b, "chisq = %.4g on %.0f df, p = %.4g\n", l->test.chisq, l->test.df,
                        l->test.p);
    }
    if (r->cox) {
        const crlm_cox *c = r->cox;
        crlm_buf_printf(b, "\nCox proportional hazards (%s ties), n = %zu, events = %zu\n",
                        c->ties == CRLM_TIES_BRESLOW ? "Breslow" : "Efron", c->n, c->events);
        crlm_buf_printf(b, "%-20s %10s %10s %10s %8s %10s %10s %10s\n", "", "coef", "exp(coef)",
                        "se", "z", "p", "low .95", "high .95");
        for (size_t j = 0; j < c->p; j++) {
            const crlm_cox_coef *f = &c->coef[j];
            crlm_buf_printf(b, "%-20.20s ", f->name);
            text_num(b, "%10.5g", f->coef);
            crlm_buf_putc(b, ' ');
            text_num(b, "%10.5g", f->exp_coef);
            crlm_buf_putc(b, ' ');
            text_num(b, "%10.5g", f->se);
            crlm_buf_putc(b, ' ');
            text_num(b, "%8.3f", f->z);
            crlm_buf_putc(b, ' ');
            text_num(b, "%10.3g", f->p);
            crlm_buf_putc(b, ' ');
            text_num(b, "%10.5g", f->low);
            crlm_buf_putc(b, ' ');
            text_num(b, "%10.5g", f->high);
            crlm_buf_putc(b, '\n');
        }
        crlm_buf_printf(b, "log-likelihood: null %.6f, model %.6f\n", c->loglik_null, c->loglik);
        crlm_buf_printf(b, "likelihood ratio test = %.4g on %.0f df, p = %.4g\n", c->lr.chisq,
                        c->lr.df, c->lr.p);
        crlm_buf_printf(b, "Wald test             = %.4g on %.0f df, p = %.4g\n", c->wald.chisq,
                        c->wald.df, c->wald.p);
        crlm_buf_printf(b, "score (log-rank) test = %.4g on %.0f df, p = %.4g\n", c->score.chisq,
                        c->score.df, c->score.p);
        crlm_buf_printf(b, "concordance = %.4f, iterations = %d%s\n", c->concordance,
                        c->iterations, c->converged ? "" : ", NOT CONVERGED");
        if (c->message[0])
            crlm_buf_printf(b, "note: %s\n", c->message);
    }
}
