/* The report's `response` object (spec/report-format.md): keys in the order of the spec,
 * null for every unknown, percentages rounded to one decimal, sums in millimetres with one
 * decimal (they are held in tenths, so the decimal is exact). Checks are not written here: the
 * report merges r->checks into its own `checks`. */
#include <math.h>
#include <stdint.h>

#include "core/jsonw.h"
#include "response/response_internal.h"

static void line_or_null(crlm_buf *b, int line)
{
    if (line < 0)
        crlm_buf_puts(b, "null");
    else
        crlm_buf_printf(b, "%d", line);
}

/* One time point as a JSON object; `with_line` adds the line number (the report has it; the
 * lesion-table output, one patient's series, does not). Shared by both writers. */
void crlm__response_timepoint_json(crlm_buf *b, const crlm_response_timepoint *tp, bool with_line)
{
    crlm_buf_puts(b, "{\"date\":");
    crlm__json_date(b, tp->date);
    if (with_line) {
        crlm_buf_puts(b, ",\"line\":");
        line_or_null(b, tp->line);
    }
    crlm_buf_puts(b, ",\"baseline_date\":");
    crlm__json_date(b, tp->baseline_date);
    crlm_buf_puts(b, ",\"sum_mm\":");
    crlm__buf_tenths(b, tp->sum_tenths);
    crlm_buf_puts(b, ",\"change_from_baseline_pct\":");
    crlm__buf_pct(b, tp->change_from_baseline_pct);
    crlm_buf_puts(b, ",\"change_from_nadir_pct\":");
    crlm__buf_pct(b, tp->change_from_nadir_pct);
    crlm_buf_puts(b, ",\"target\":");
    crlm__json_name(b, crlm_recist_name(tp->target));
    crlm_buf_puts(b, ",\"non_target\":");
    crlm__json_name(b, crlm_recist_name(tp->non_target));
    crlm_buf_puts(b, ",\"new_lesions\":");
    crlm__json_name(b, crlm_new_lesions_name(tp->new_lesions));
    crlm_buf_puts(b, ",\"overall\":");
    crlm__json_name(b, crlm_recist_name(tp->overall));
    crlm_buf_putc(b, '}');
}

/* `"baseline":{...},"timepoints":[...],"best_overall":...` — the series both the report and
 * the lesion-table output write; `with_line` adds line numbers (one patient's table has none). */
void crlm__response_series_json(crlm_buf *b, const crlm_response *r, bool with_line)
{
    crlm_buf_puts(b, "\"baseline\":");
    if (r->current_baseline == SIZE_MAX) {
        crlm_buf_puts(b, "null");
    } else {
        const crlm_response_baseline *bl = &r->baselines[r->current_baseline];
        crlm_buf_puts(b, "{\"date\":");
        crlm__json_date(b, bl->date);
        if (with_line) {
            crlm_buf_puts(b, ",\"line\":");
            line_or_null(b, bl->line);
        }
        crlm_buf_puts(b, ",\"sum_mm\":");
        crlm__buf_tenths(b, bl->n_targets ? bl->sum_tenths : -1);
        crlm_buf_putc(b, '}');
    }
    crlm_buf_puts(b, ",\"timepoints\":[");
    for (size_t i = 0; i < r->n_timepoints; i++) {
        if (i)
            crlm_buf_putc(b, ',');
        crlm__response_timepoint_json(b, &r->timepoints[i], with_line);
    }
    crlm_buf_puts(b, "],\"best_overall\":");
    crlm__json_name(b, crlm_recist_name(r->best_overall));
}

void crlm_response_write_json(const crlm_response *r, crlm_buf *b)
{
    if (!r) {
        crlm_buf_puts(b, "null");
        return;
    }
    crlm_buf_putc(b, '{');
    crlm__response_series_json(b, r, true);
    crlm_buf_puts(b, ",\"lines\":[");
    for (size_t i = 0; i < r->n_lines; i++) {
        const crlm_response_line *l = &r->lines[i];
        if (i)
            crlm_buf_putc(b, ',');
        crlm_buf_printf(b, "{\"line\":%d,\"baseline_date\":", l->line);
        crlm__json_date(b, l->baseline_date);
        crlm_buf_puts(b, ",\"status\":");
        crlm__json_name(b, crlm_line_status_name(l->status));
        crlm_buf_puts(b, ",\"best_overall\":");
        crlm__json_name(b, crlm_recist_name(l->best_overall));
        crlm_buf_puts(b, ",\"morphologic_response\":");
        crlm__json_name(b, crlm_morph_response_name(l->morphologic_response));
        crlm_buf_puts(b, ",\"progression_on_chemotherapy\":");
        crlm__json_tri(b, l->progression_on_chemotherapy);
        crlm_buf_puts(b, ",\"progression_after_chemotherapy\":");
        crlm__json_tri(b, l->progression_after_chemotherapy);
        crlm_buf_putc(b, '}');
    }
    crlm_buf_puts(b, "],\"progression_on_chemotherapy\":");
    crlm__json_tri(b, r->progression_on_chemotherapy);
    crlm_buf_puts(b, ",\"progression_after_chemotherapy\":");
    crlm__json_tri(b, r->progression_after_chemotherapy);
    crlm_buf_puts(b, ",\"cea_trend\":{\"first_ng_ml\":");
    crlm_buf_json_number(b, r->cea.first_ng_ml);
    crlm_buf_puts(b, ",\"last_ng_ml\":");
    crlm_buf_json_number(b, r->cea.last_ng_ml);
    crlm_buf_puts(b, ",\"change_pct\":");
    crlm__buf_pct(b, r->cea.change_pct);
    crlm_buf_puts(b, ",\"doubling_time_days\":");
    crlm_buf_json_number(b, isfinite(r->cea.doubling_time_days)
                                ? round(r->cea.doubling_time_days * 10.0) / 10.0
                                : NAN);
    crlm_buf_puts(b, ",\"normalized\":");
    crlm__json_tri(b, r->cea.normalized);
    crlm_buf_puts(b, "}}");
}
