/* The RECIST lesion table of the `--text` report: one block per baseline (a line of
 * chemotherapy, or the untreated series), one row per study with each target's diameter, the
 * sum, the change from baseline and from the nadir, and the categories. Plain ASCII, fixed
 * columns, at most 5 target columns shown (RECIST allows 5; more are summarised in the sum).
 * The renderer decides nothing: every value comes from the result. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "response/response_internal.h"

enum { MAX_COLS = 5 };

static void cell_tenths(crlm_buf *b, long t, bool too_small)
{
    char s[24];
    if (t < 0)
        snprintf(s, sizeof s, "%8s", "-");
    else
        snprintf(s, sizeof s, "%7ld.%ld%s", t / 10, t % 10, too_small ? "*" : "");
    crlm_buf_printf(b, "%-9s", s);
}

static void cell_pct(crlm_buf *b, double x)
{
    if (isfinite(x))
        crlm_buf_printf(b, " %+8.1f%%", x);
    else
        crlm_buf_printf(b, " %9s", "-");
}

static const char *nm(const char *s) { return s ? s : "-"; }

void crlm_response_write_text(const crlm_response *r, const crlm_case *c, crlm_buf *b)
{
    (void)c;
    if (!r)
        return;
    crlm_buf_puts(b, "Response (RECIST 1.1)\n");
    if (r->n_baselines == 0) {
        crlm_buf_puts(b, "  no baseline imaging: response not evaluable\n");
    }
    for (size_t bi = 0; bi < r->n_baselines; bi++) {
        const crlm_response_baseline *bl = &r->baselines[bi];
        char d[11];
        crlm_date_format(bl->date, d);
        if (bl->line >= 0)
            crlm_buf_printf(b, "  Line %d, baseline %s\n", bl->line, d);
        else
            crlm_buf_printf(b, "  Baseline %s\n", d);
        size_t cols = bl->n_targets < MAX_COLS ? bl->n_targets : MAX_COLS;
        crlm_buf_puts(b, "  date       ");
        for (size_t i = 0; i < cols; i++) {
            char id[10];
            snprintf(id, sizeof id, "%.8s", bl->targets[i].id);
            crlm_buf_printf(b, "%8s ", id);
        }
        crlm_buf_puts(b, "  sum mm  vs base  vs nadir  target  non-target     new        overall\n");
        crlm_buf_printf(b, "  %s ", d);
        for (size_t i = 0; i < cols; i++)
            cell_tenths(b, bl->targets[i].diameter_tenths, bl->targets[i].too_small);
        cell_tenths(b, bl->n_targets ? bl->sum_tenths : -1, false);
        crlm_buf_puts(b, "  (baseline)\n");
        for (size_t k = 0; k < r->n_timepoints; k++) {
            const crlm_response_timepoint *tp = &r->timepoints[k];
            if (tp->baseline != bi)
                continue;
            crlm_date_format(tp->date, d);
            crlm_buf_printf(b, "  %s ", d);
            for (size_t i = 0; i < cols && i < tp->n_targets; i++)
                cell_tenths(b, tp->targets[i].diameter_tenths, tp->targets[i].too_small);
            cell_tenths(b, tp->sum_tenths, false);
            cell_pct(b, tp->change_from_baseline_pct);
            cell_pct(b, tp->change_from_nadir_pct);
            crlm_buf_printf(b, "  %-7s %-14s %-10s %s%s%s%s\n", nm(crlm_recist_name(tp->target)),
                            nm(crlm_recist_name(tp->non_target)),
                            nm(crlm_new_lesions_name(tp->new_lesions)),
                            nm(crlm_recist_name(tp->overall)),
                            tp->pd_backdated ? " (new lesion confirmed later)" : "",
                            tp->needs_review ? " (review: CR and PD both met)" : "",
                            tp->pr_continued ? " (continuing PR: no progression since the PR)"
                                             : "");
        }
    }
    crlm_buf_puts(b, "  (* too small to measure, counted as the profile's size; - not assessed)\n");
    crlm_buf_printf(b, "  Best overall response: %s\n",
                    crlm_recist_name(r->best_overall) ? crlm_recist_name(r->best_overall)
                                                      : "unknown");
    for (size_t i = 0; i < r->n_lines; i++) {
        const crlm_response_line *l = &r->lines[i];
        const char *on = l->progression_on_chemotherapy == CRLM_TRI_TRUE    ? "yes"
                         : l->progression_on_chemotherapy == CRLM_TRI_FALSE ? "no"
                                                                             : "unknown";
        const char *after = l->progression_after_chemotherapy == CRLM_TRI_TRUE    ? "yes"
                            : l->progression_after_chemotherapy == CRLM_TRI_FALSE ? "no"
                                                                                   : "unknown";
        crlm_buf_printf(b, "  Line %d: %s; progression on chemotherapy %s, after it %s; "
                           "morphologic response %s\n",
                        l->line, nm(crlm_line_status_name(l->status)), on, after,
                        crlm_morph_response_name(l->morphologic_response)
                            ? crlm_morph_response_name(l->morphologic_response)
                            : "unknown");
    }
    const crlm_cea_trend *t = &r->cea;
    if (t->n) {
        crlm_buf_printf(b, "  CEA: %g -> %g ng/mL", t->first_ng_ml, t->last_ng_ml);
        if (isfinite(t->change_pct))
            crlm_buf_printf(b, " (%+.1f %%)", t->change_pct);
        if (isfinite(t->doubling_time_days))
            crlm_buf_printf(b, ", doubling time %.0f days", t->doubling_time_days);
        crlm_buf_printf(b, ", %s\n", t->normalized == CRLM_TRI_TRUE ? "normal" : "above normal");
    } else {
        crlm_buf_puts(b, "  CEA: no values\n");
    }
}
