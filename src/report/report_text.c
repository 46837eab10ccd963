/* The report as a one-screen summary a surgeon can read at the board: scores side by side at
 * diagnosis and now, what each score is missing, and what each one read. Unknowns are
 * written "unknown" and ranges "2-4", never a guessed single number. */
#include <limits.h>
#include <math.h>
#include <stdio.h>

#include "crlm/version.h"
#include "report/report_internal.h"

static void score_cell(char *out, size_t size, const crlm_score *s)
{
    const char *risk = crlm_risk_name(s->risk);
    if (crlm_score_known(s))
        snprintf(out, size, "%d %s", s->min, risk ? risk : "");
    else
        snprintf(out, size, "%d-%d %s", s->min, s->max, risk ? risk : "(group unknown)");
}

static void tbs_cell(char *out, size_t size, const crlm_tbs *t)
{
    static const char *const zones[] = {"zone unknown", "zone 1", "zone 2", "zone 3"};
    if (!isnan(t->value))
        snprintf(out, size, "%.2f %s", t->value, zones[t->zone]);
    else if (isinf(t->max))
        snprintf(out, size, ">=%.2f %s", t->min, zones[t->zone]);
    else
        snprintf(out, size, "%.2f-%.2f %s", t->min, t->max, zones[t->zone]);
}

static void missing_text(crlm_buf *b, unsigned missing)
{
    bool first = true;
    for (int i = 0; i < CRLM_INPUT_COUNT; i++)
        if (missing & (1u << i)) {
            crlm_buf_puts(b, first ? "" : ", ");
            crlm_buf_puts(b, crlm_input_name((crlm_input)i));
            first = false;
        }
}

static void inputs_text(crlm_buf *b, const char *label, const crlm_score_inputs *io)
{
    char d[11];
    crlm_buf_printf(b, "  %-13s", label);
    if (CRLM_DATE_KNOWN(io->study_date)) {
        crlm_date_format(io->study_date, d);
        crlm_buf_printf(b, "imaging %s: ", d);
    } else {
        crlm_buf_puts(b, "no imaging: ");
    }
    if (io->tumors_min == io->tumors_max)
        crlm_buf_printf(b, "%d liver tumour%s", io->tumors_min, io->tumors_min == 1 ? "" : "s");
    else if (io->tumors_max == INT_MAX)
        crlm_buf_printf(b, "at least %d liver tumours (count unknown)", io->tumors_min);
    else
        crlm_buf_printf(b, "%d-%d liver tumours", io->tumors_min, io->tumors_max);
    if (io->largest_mm_min == io->largest_mm_max)
        crlm_buf_printf(b, ", largest %g mm", io->largest_mm_min);
    else if (isinf(io->largest_mm_max))
        crlm_buf_puts(b, ", largest unknown");
    else
        crlm_buf_printf(b, ", largest %g-%g mm", io->largest_mm_min, io->largest_mm_max);
    if (io->count_from_report || io->largest_from_report)
        crlm_buf_puts(b, " (from the detection report)");
    if (CRLM_KNOWN(io->cea_ng_ml)) {
        crlm_date_format(io->cea_date, d);
        crlm_buf_printf(b, "; CEA %g ng/mL on %s\n", io->cea_ng_ml, d);
    } else {
        crlm_buf_puts(b, "; CEA unknown\n");
    }
}

static const char *tri_text(crlm_tri t)
{
    return t == CRLM_TRI_TRUE ? "yes" : t == CRLM_TRI_FALSE ? "no" : "unknown";
}

static void num_or_unknown(crlm_buf *b, const char *fmt, double x)
{
    if (CRLM_KNOWN(x))
        crlm_buf_printf(b, fmt, x);
    else
        crlm_buf_puts(b, "unknown");
}

static void liver_text(crlm_buf *b, const crlm_liver *l)
{
    crlm_buf_puts(b, "\nLIVER REMNANT\n  sFLR ");
    num_or_unknown(b, "%.1f %%", l->sflr_pct);
    if (l->threshold_min_pct == l->threshold_max_pct)
        crlm_buf_printf(b, " vs threshold %.0f %% (%s): ", l->threshold_min_pct, l->threshold_reason);
    else
        crlm_buf_printf(b, " vs threshold %.0f-%.0f %% (%s): ", l->threshold_min_pct,
                        l->threshold_max_pct, l->threshold_reason);
    crlm_buf_puts(b, l->adequate == CRLM_TRI_TRUE    ? "adequate"
                     : l->adequate == CRLM_TRI_FALSE ? "INADEQUATE"
                                                     : "cannot be judged");
    crlm_buf_puts(b, "\n  BSA ");
    num_or_unknown(b, "%.2f m2", l->bsa_m2);
    crlm_buf_printf(b, " (%s), estimated TLV ", l->bsa_formula);
    num_or_unknown(b, "%.0f mL", l->tlv_estimated_ml);
    crlm_buf_puts(b, ", FLR ");
    num_or_unknown(b, "%.0f mL", l->flr_ml);
    if (CRLM_KNOWN(l->kgr_pct_per_week))
        crlm_buf_printf(b, "; after PVE +%.1f points, KGR %.2f %%/week (%s)",
                        l->degree_of_hypertrophy_pct, l->kgr_pct_per_week,
                        l->kgr_adequate == CRLM_TRI_TRUE ? "adequate" : "LOW");
    crlm_buf_printf(b, "\n  resectable: %s", tri_text(l->resectable));
    if (l->missing) {
        crlm_buf_puts(b, "; missing: ");
        bool first = true;
        for (int i = 0; i < CRLM_LIVER_INPUT_COUNT; i++)
            if (l->missing & (1u << i)) {
                crlm_buf_printf(b, "%s%s", first ? "" : ", ", crlm_liver_input_name((crlm_liver_input)i));
                first = false;
            }
    }
    crlm_buf_putc(b, '\n');
}

static void checks_text(crlm_buf *b, const crlm_checks *ch)
{
    crlm_buf_puts(b, "\nSAFETY CHECKS\n");
    if (ch->count == 0)
        crlm_buf_puts(b, "  none fired\n");
    for (size_t i = 0; i < ch->count; i++) {
        const crlm_check *k = &ch->items[i];
        crlm_buf_printf(b, "  %-8s %s: %s [%s]\n",
                        k->severity == CRLM_SEV_CRITICAL  ? "CRITICAL"
                        : k->severity == CRLM_SEV_WARNING ? "WARNING"
                                                          : "info",
                        k->code, k->message, k->evidence);
    }
}

static void pathway_text(crlm_buf *b, const crlm_pathway *pw)
{
    crlm_buf_printf(b, "\nRECOMMENDED PATHWAY: %s\n", crlm_pathway_name(pw->recommendation));
    if (pw->missing[0])
        crlm_buf_printf(b, "  decisive inputs missing: %s\n", pw->missing);
    bool any = false;
    for (int i = 1; i < CRLM_PATH_COUNT; i++)
        if ((pw->options & (1u << i)) && i != (int)pw->recommendation) {
            crlm_buf_printf(b, "%s%s", any ? ", " : "  other options: ", crlm_pathway_name((crlm_pathway_code)i));
            any = true;
        }
    if (any)
        crlm_buf_putc(b, '\n');
    any = false;
    for (int i = 0; i < CRLM_REGIMEN_COUNT; i++)
        if (pw->suggested & (1u << i)) {
            crlm_buf_printf(b, "%s%s", any ? ", " : "  regimen: ", crlm_regimen_name((crlm_regimen)i));
            any = true;
        }
    for (int i = 0, first = 1; i < CRLM_AVOID_COUNT; i++)
        if (pw->avoid & (1u << i)) {
            crlm_buf_printf(b, "%s%s", first ? (any ? "; avoid " : "  avoid: ") : ", ",
                            crlm_avoid_name((crlm_avoid)i));
            first = 0;
            any = true;
        }
    if (any)
        crlm_buf_putc(b, '\n');
    for (size_t i = 0; i < pw->n_rationale; i++)
        crlm_buf_printf(b, "  - %s [%s: %s]\n", pw->rationale[i].text, pw->rationale[i].rule,
                        pw->rationale[i].evidence);
}

static void prognosis_text(crlm_buf *b, const crlm_prognosis *pr)
{
    crlm_buf_puts(b, "\nPROGNOSIS IN THE LITERATURE (cohorts after resection, not a prediction)\n");
    if (pr->fong_score >= 0)
        crlm_buf_printf(b, "  Fong 1999, score %d: 5-year OS %.0f %%, median %.0f months\n",
                        pr->fong_score, pr->fong_os_5y_pct, pr->fong_median_os_months);
    if (!pr->response_group) {
        crlm_buf_puts(b, "  response group: none (no chemotherapy, or response unknown)\n");
        return;
    }
    crlm_buf_printf(b, "  response group %s (review Table 1, pooled):", pr->response_group);
    static const char *const labels[] = {"OS 1y", "OS 3y", "OS 5y", "DFS 1y", "DFS 3y", "DFS 5y"};
    for (int o = 0; o < CRLM_OUTCOME_COUNT; o++) {
        const crlm_pooled *x = &pr->literature[o];
        if (x->studies == 0)
            continue;
        crlm_buf_printf(b, "\n    %-6s %5.1f %% (95 %% CI %.1f-%.1f; %d stud%s, %.0f patients)",
                        labels[o], x->estimate_pct, x->low_pct, x->high_pct, x->studies,
                        x->studies == 1 ? "y" : "ies", x->patients);
    }
    crlm_buf_putc(b, '\n');
}

static void what_if_text(crlm_buf *b, const crlm_report *r)
{
    crlm_buf_puts(b, "WHAT IF\n");
    for (size_t i = 0; i < r->what_if->n; i++)
        crlm_buf_printf(b, "  %s: %s -> %s\n", r->what_if->changes[i].pointer,
                        r->what_if->changes[i].before, r->what_if->changes[i].after);
    crlm_pathway_code was = r->before->pathway.recommendation, now = r->pathway.recommendation;
    if (was == now)
        crlm_buf_printf(b, "  recommendation unchanged: %s\n", crlm_pathway_name(now));
    else
        crlm_buf_printf(b, "  recommendation changes: %s -> %s\n", crlm_pathway_name(was),
                        crlm_pathway_name(now));
    for (size_t i = 0; i < r->checks.count; i++)
        if (!crlm__report_has_check(r->before, r->checks.items[i].code))
            crlm_buf_printf(b, "  new check: %s\n", r->checks.items[i].code);
    for (size_t i = 0; i < r->before->checks.count; i++)
        if (!crlm__report_has_check(r, r->before->checks.items[i].code))
            crlm_buf_printf(b, "  check cleared: %s\n", r->before->checks.items[i].code);
    crlm_buf_puts(b, "  (the report below is for the changed case)\n\n");
}

void crlm_report_write_text(const crlm_report *r, crlm_buf *b)
{
    const crlm_case *c = r->c;
    const crlm_scores *dx = &r->scores[CRLM_AT_DIAGNOSIS], *now = &r->scores[CRLM_CURRENT];
    char d[11] = "unknown";
    if (CRLM_DATE_KNOWN(c->assessed_on))
        crlm_date_format(c->assessed_on, d);
    crlm_buf_printf(b, "CRLM ASSESSMENT  case %s  assessed %s%s\n", c->id ? c->id : "?", d,
                    c->assessed_on_derived ? " (latest date in the case)" : "");
    crlm_buf_printf(b, "crlm %s, profile %s (sha256 %.12s)\n", CRLM_VERSION,
                    crlm_profile_name(r->p), crlm_profile_sha256(r->p));
    crlm_buf_puts(b, "Decision support for the tumour board, not a decision.\n\n");
    if (r->what_if)
        what_if_text(b, r);

    crlm_buf_printf(b, "%-22s %-24s %s\n", "RISK SCORES", "at diagnosis", "current");
    static const struct {
        const char *label;
        size_t offset;
    } rows[] = {{"Fong CRS (0-5)", offsetof(crlm_scores, fong)},
                {"GAME (0-7)", offsetof(crlm_scores, game)},
                {"m-CRS (0-3)", offsetof(crlm_scores, mcrs)},
                {"Konopke (0-3)", offsetof(crlm_scores, konopke)}};
    char a[64], n[64];
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const crlm_score *sd = (const crlm_score *)((const char *)dx + rows[i].offset);
        const crlm_score *sn = (const crlm_score *)((const char *)now + rows[i].offset);
        score_cell(a, sizeof a, sd);
        score_cell(n, sizeof n, sn);
        crlm_buf_printf(b, "  %-20s %-24s %s\n", rows[i].label, a, n);
        if (sd->missing || sn->missing) {
            crlm_buf_puts(b, "    missing: ");
            missing_text(b, sd->missing | sn->missing);
            crlm_buf_putc(b, '\n');
        }
        if (i == 0) {
            tbs_cell(a, sizeof a, &dx->tbs);
            tbs_cell(n, sizeof n, &now->tbs);
            crlm_buf_printf(b, "  %-20s %-24s %s\n", "Tumor Burden Score", a, n);
        }
    }
    crlm_buf_puts(b, "\nFong factors now:  ");
    for (size_t i = 0; i < now->fong.n_factors; i++)
        crlm_buf_printf(b, "%s%s %s", i ? "; " : "", now->fong.factors[i].name,
                        tri_text(now->fong.factors[i].present));
    crlm_buf_puts(b, "\n\nWHAT THE SCORES READ\n");
    inputs_text(b, "at diagnosis", &dx->inputs);
    inputs_text(b, "current", &now->inputs);
    crlm_buf_printf(b, "  primary: %s-sided, node-positive %s; metastases %s\n",
                    c->primary.side == CRLM_SIDE_RIGHT  ? "right"
                    : c->primary.side == CRLM_SIDE_LEFT ? "left"
                                                        : "unknown",
                    tri_text(c->primary.node_positive),
                    c->liver.synchronous == CRLM_TRI_TRUE    ? "synchronous"
                    : c->liver.synchronous == CRLM_TRI_FALSE ? "metachronous"
                                                             : "timing unknown");
    crlm_buf_putc(b, '\n');
    crlm_response_write_text(r->response, c, b);
    liver_text(b, &r->liver);
    checks_text(b, &r->checks);
    pathway_text(b, &r->pathway);
    prognosis_text(b, &r->prognosis);
}
