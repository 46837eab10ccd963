/* The report as `crlm-report/1` JSON (spec/report-format.md), written straight into a buffer:
 * the batch command writes a million of these, and building a jansson tree first would cost
 * more than the assessment itself. Unknown values are written as null, never as 0. */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "crlm/version.h"
#include "core/jsonw.h"
#include "report/report_internal.h"

/* "a, b" -> ["a","b"] */
void crlm__write_evidence_list(crlm_buf *b, const char *list)
{
    crlm_buf_putc(b, '[');
    const char *s = list;
    bool first = true;
    while (s && *s) {
        const char *end = strstr(s, ", ");
        size_t n = end ? (size_t)(end - s) : strlen(s);
        if (!first)
            crlm_buf_putc(b, ',');
        first = false;
        crlm_buf_putc(b, '"');
        crlm_buf_append(b, s, n);
        crlm_buf_putc(b, '"');
        s = end ? end + 2 : NULL;
    }
    crlm_buf_putc(b, ']');
}

static void missing_list(crlm_buf *b, unsigned missing)
{
    crlm_buf_putc(b, '[');
    bool first = true;
    for (int i = 0; i < CRLM_INPUT_COUNT; i++)
        if (missing & (1u << i)) {
            if (!first)
                crlm_buf_putc(b, ',');
            first = false;
            crlm_buf_json_string(b, crlm_input_name((crlm_input)i));
        }
    crlm_buf_putc(b, ']');
}

static void score(crlm_buf *b, const crlm_score *s)
{
    bool first = true;
    crlm_buf_putc(b, '{');
    crlm__json_key(b, "value", &first);
    if (crlm_score_known(s))
        crlm_buf_printf(b, "%d", s->min);
    else
        crlm_buf_puts(b, "null");
    crlm__json_key(b, "min", &first);
    crlm_buf_printf(b, "%d", s->min);
    crlm__json_key(b, "max", &first);
    crlm_buf_printf(b, "%d", s->max);
    crlm__json_key(b, "missing", &first);
    missing_list(b, s->missing);
    crlm__json_key(b, "risk", &first);
    crlm__json_name(b, crlm_risk_name(s->risk));
    crlm__json_key(b, "factors", &first);
    crlm_buf_putc(b, '{');
    for (size_t i = 0; i < s->n_factors; i++) {
        const crlm_factor *f = &s->factors[i];
        if (i)
            crlm_buf_putc(b, ',');
        crlm_buf_json_string(b, f->name);
        crlm_buf_putc(b, ':');
        if (f->graded) {
            if (f->points_min == f->points_max)
                crlm_buf_printf(b, "%d", f->points_min);
            else
                crlm_buf_puts(b, "null");
        } else {
            crlm__json_tri(b, f->present);
        }
    }
    crlm_buf_putc(b, '}');
    crlm__json_key(b, "evidence", &first);
    crlm__write_evidence_list(b, s->evidence);
    crlm_buf_putc(b, '}');
}

static const char *zone_name(int zone)
{
    return zone == 1 ? "low" : zone == 2 ? "medium" : zone == 3 ? "high" : NULL;
}

static double round2(double x) { return isfinite(x) ? round(x * 100.0) / 100.0 : x; }

static void scores(crlm_buf *b, const crlm_scores *s)
{
    bool first = true;
    crlm_buf_putc(b, '{');
    crlm__json_key(b, "fong_crs", &first);
    score(b, &s->fong);
    crlm__json_key(b, "tumor_burden_score", &first);
    {
        bool f2 = true;
        crlm_buf_putc(b, '{');
        crlm__json_key(b, "value", &f2);
        crlm_buf_json_number(b, round2(s->tbs.value));
        crlm__json_key(b, "min", &f2);
        crlm_buf_json_number(b, round2(s->tbs.min));
        crlm__json_key(b, "max", &f2);
        crlm_buf_json_number(b, round2(s->tbs.max));
        crlm__json_key(b, "zone", &f2);
        crlm__json_name(b, zone_name(s->tbs.zone));
        crlm__json_key(b, "missing", &f2);
        missing_list(b, s->tbs.missing);
        crlm__json_key(b, "evidence", &f2);
        crlm__write_evidence_list(b, "sasaki-2018");
        crlm_buf_putc(b, '}');
    }
    crlm__json_key(b, "konopke", &first);
    score(b, &s->konopke);
    crlm__json_key(b, "game", &first);
    score(b, &s->game);
    crlm__json_key(b, "mcrs", &first);
    score(b, &s->mcrs);
    crlm__json_key(b, "inputs", &first);
    {
        const crlm_score_inputs *io = &s->inputs;
        bool f2 = true;
        crlm_buf_putc(b, '{');
        crlm__json_key(b, "imaging_date", &f2);
        crlm__json_date(b, io->study_date);
        crlm__json_key(b, "liver_tumor_count_min", &f2);
        crlm_buf_printf(b, "%d", io->tumors_min);
        crlm__json_key(b, "liver_tumor_count_max", &f2);
        if (io->tumors_max == INT_MAX)
            crlm_buf_puts(b, "null");
        else
            crlm_buf_printf(b, "%d", io->tumors_max);
        crlm__json_key(b, "largest_mm_min", &f2);
        crlm_buf_json_number(b, io->largest_mm_min);
        crlm__json_key(b, "largest_mm_max", &f2);
        crlm_buf_json_number(b, io->largest_mm_max);
        crlm__json_key(b, "from_report", &f2);
        crlm_buf_puts(b, io->count_from_report || io->largest_from_report ? "true" : "false");
        crlm__json_key(b, "cea_ng_ml", &f2);
        crlm_buf_json_number(b, io->cea_ng_ml);
        crlm__json_key(b, "cea_date", &f2);
        crlm__json_date(b, io->cea_date);
        crlm_buf_putc(b, '}');
    }
    crlm_buf_putc(b, '}');
}

static double round_to(double x, double scale)
{
    return isfinite(x) ? round(x * scale) / scale : x;
}

/* "a, b" -> ["a","b"] for any comma-separated list of names. */
static void name_list(crlm_buf *b, const char *list) { crlm__write_evidence_list(b, list); }

static void liver(crlm_buf *b, const crlm_liver *l)
{
    bool first = true;
    crlm_buf_putc(b, '{');
    crlm__json_key(b, "bsa_m2", &first);
    crlm_buf_json_number(b, round_to(l->bsa_m2, 100));
    crlm__json_key(b, "bsa_formula", &first);
    crlm_buf_json_string(b, l->bsa_formula);
    crlm__json_key(b, "tlv_estimated_ml", &first);
    crlm_buf_json_number(b, round_to(l->tlv_estimated_ml, 10));
    crlm__json_key(b, "volumetry_date", &first);
    crlm__json_date(b, l->volumetry_date);
    crlm__json_key(b, "flr_ml", &first);
    crlm_buf_json_number(b, l->flr_ml);
    crlm__json_key(b, "flr_measured_pct", &first);
    crlm_buf_json_number(b, round_to(l->flr_measured_pct, 10));
    crlm__json_key(b, "sflr_pct", &first);
    crlm_buf_json_number(b, round_to(l->sflr_pct, 10));
    crlm__json_key(b, "threshold_pct", &first);
    crlm_buf_json_number(b, l->threshold_min_pct == l->threshold_max_pct ? l->threshold_min_pct : NAN);
    crlm__json_key(b, "threshold_min_pct", &first);
    crlm_buf_json_number(b, l->threshold_min_pct);
    crlm__json_key(b, "threshold_max_pct", &first);
    crlm_buf_json_number(b, l->threshold_max_pct);
    crlm__json_key(b, "threshold_reason", &first);
    crlm__json_name(b, l->threshold_reason);
    crlm__json_key(b, "chemotherapy_exposed", &first);
    crlm__json_tri(b, l->chemo_exposed);
    crlm__json_key(b, "adequate", &first);
    crlm__json_tri(b, l->adequate);
    crlm__json_key(b, "degree_of_hypertrophy_pct", &first);
    crlm_buf_json_number(b, round_to(l->degree_of_hypertrophy_pct, 10));
    crlm__json_key(b, "kgr_pct_per_week", &first);
    crlm_buf_json_number(b, round_to(l->kgr_pct_per_week, 100));
    crlm__json_key(b, "weeks_after_pve", &first);
    crlm_buf_json_number(b, round_to(l->weeks_after_pve, 10));
    crlm__json_key(b, "kgr_adequate", &first);
    crlm__json_tri(b, l->kgr_adequate);
    crlm__json_key(b, "resectable", &first);
    crlm__json_tri(b, l->resectable);
    crlm__json_key(b, "missing", &first);
    crlm_buf_putc(b, '[');
    bool f2 = true;
    for (int i = 0; i < CRLM_LIVER_INPUT_COUNT; i++)
        if (l->missing & (1u << i)) {
            if (!f2)
                crlm_buf_putc(b, ',');
            f2 = false;
            crlm_buf_json_string(b, crlm_liver_input_name((crlm_liver_input)i));
        }
    crlm_buf_putc(b, ']');
    crlm__json_key(b, "evidence", &first);
    crlm__write_evidence_list(b, "seed:8, vauthey-2002, shindoh-2013");
    crlm_buf_putc(b, '}');
}

static void checks(crlm_buf *b, const crlm_checks *ch)
{
    crlm_buf_putc(b, '[');
    for (size_t i = 0; i < ch->count; i++) {
        const crlm_check *c = &ch->items[i];
        if (i)
            crlm_buf_putc(b, ',');
        crlm_buf_puts(b, "{\"code\":");
        crlm_buf_json_string(b, c->code);
        crlm_buf_puts(b, ",\"severity\":");
        crlm_buf_json_string(b, crlm_severity_name(c->severity));
        crlm_buf_puts(b, ",\"message\":");
        crlm_buf_json_string(b, c->message);
        crlm_buf_puts(b, ",\"evidence\":");
        crlm__write_evidence_list(b, c->evidence);
        crlm_buf_putc(b, '}');
    }
    crlm_buf_putc(b, ']');
}

static void pathway(crlm_buf *b, const crlm_pathway *pw)
{
    bool first = true;
    crlm_buf_putc(b, '{');
    crlm__json_key(b, "recommendation", &first);
    crlm__json_name(b, crlm_pathway_name(pw->recommendation));
    crlm__json_key(b, "options", &first);
    crlm_buf_putc(b, '[');
    bool f2 = true;
    for (int i = 1; i < CRLM_PATH_COUNT; i++)
        if ((pw->options & (1u << i)) && i != (int)pw->recommendation) {
            if (!f2)
                crlm_buf_putc(b, ',');
            f2 = false;
            crlm_buf_json_string(b, crlm_pathway_name((crlm_pathway_code)i));
        }
    crlm_buf_puts(b, "]");
    crlm__json_key(b, "regimen", &first);
    crlm_buf_puts(b, "{\"suggested\":[");
    f2 = true;
    for (int i = 0; i < CRLM_REGIMEN_COUNT; i++)
        if (pw->suggested & (1u << i)) {
            if (!f2)
                crlm_buf_putc(b, ',');
            f2 = false;
            crlm_buf_json_string(b, crlm_regimen_name((crlm_regimen)i));
        }
    crlm_buf_puts(b, "],\"avoid\":[");
    f2 = true;
    for (int i = 0; i < CRLM_AVOID_COUNT; i++)
        if (pw->avoid & (1u << i)) {
            if (!f2)
                crlm_buf_putc(b, ',');
            f2 = false;
            crlm_buf_json_string(b, crlm_avoid_name((crlm_avoid)i));
        }
    crlm_buf_puts(b, "]}");
    crlm__json_key(b, "missing", &first);
    name_list(b, pw->missing);
    crlm__json_key(b, "rationale", &first);
    crlm_buf_putc(b, '[');
    for (size_t i = 0; i < pw->n_rationale; i++) {
        const crlm_rationale *ra = &pw->rationale[i];
        if (i)
            crlm_buf_putc(b, ',');
        crlm_buf_puts(b, "{\"rule\":");
        crlm_buf_json_string(b, ra->rule);
        crlm_buf_puts(b, ",\"text\":");
        crlm_buf_json_string(b, ra->text);
        crlm_buf_puts(b, ",\"evidence\":");
        crlm__write_evidence_list(b, ra->evidence);
        crlm_buf_putc(b, '}');
    }
    crlm_buf_puts(b, "]}");
}

static void prognosis(crlm_buf *b, const crlm_prognosis *pr)
{
    bool first = true;
    crlm_buf_putc(b, '{');
    crlm__json_key(b, "response_group", &first);
    crlm__json_name(b, pr->response_group);
    crlm__json_key(b, "literature", &first);
    if (!pr->response_group) {
        crlm_buf_puts(b, "null");
    } else {
        crlm_buf_putc(b, '{');
        for (int o = 0; o < CRLM_OUTCOME_COUNT; o++) {
            const crlm_pooled *x = &pr->literature[o];
            if (o)
                crlm_buf_putc(b, ',');
            crlm_buf_json_string(b, crlm_outcome_name((crlm_outcome)o));
            crlm_buf_putc(b, ':');
            if (x->studies == 0) {
                crlm_buf_puts(b, "null");
                continue;
            }
            crlm_buf_puts(b, "{\"estimate\":");
            crlm_buf_json_number(b, round_to(x->estimate_pct, 10));
            crlm_buf_puts(b, ",\"low\":");
            crlm_buf_json_number(b, round_to(x->low_pct, 10));
            crlm_buf_puts(b, ",\"high\":");
            crlm_buf_json_number(b, round_to(x->high_pct, 10));
            crlm_buf_printf(b, ",\"studies\":%d,\"patients\":", x->studies);
            crlm_buf_json_number(b, x->patients);
            crlm_buf_puts(b, ",\"i2_pct\":");
            crlm_buf_json_number(b, round_to(x->i2_pct, 10));
            crlm_buf_putc(b, '}');
        }
        crlm_buf_putc(b, '}');
    }
    crlm__json_key(b, "fong_1999", &first);
    if (pr->fong_score < 0) {
        crlm_buf_puts(b, "null");
    } else {
        crlm_buf_printf(b, "{\"score\":%d,\"os_5y_pct\":", pr->fong_score);
        crlm_buf_json_number(b, pr->fong_os_5y_pct);
        crlm_buf_puts(b, ",\"median_os_months\":");
        crlm_buf_json_number(b, pr->fong_median_os_months);
        crlm_buf_putc(b, '}');
    }
    crlm__json_key(b, "method", &first);
    crlm_buf_puts(b, "\"Review Table 1 (seed), DerSimonian-Laird random effects on the logit "
                     "scale over rows whose counts and values pass the consistency checks; "
                     "cohort figures after resection, not a prediction for this patient\"");
    crlm__json_key(b, "evidence", &first);
    crlm__write_evidence_list(b, "seed:2, seed:29, seed:30, fong-1999");
    crlm_buf_putc(b, '}');
}

static void code_list(crlm_buf *b, unsigned bits)
{
    crlm_buf_putc(b, '[');
    bool first = true;
    for (int i = 1; i < CRLM_PATH_COUNT; i++)
        if (bits & (1u << i)) {
            if (!first)
                crlm_buf_putc(b, ',');
            first = false;
            crlm_buf_json_string(b, crlm_pathway_name((crlm_pathway_code)i));
        }
    crlm_buf_putc(b, ']');
}

/* Checks present in a but not in b. */
static void check_diff(crlm_buf *out, const crlm_report *a, const crlm_report *b)
{
    crlm_buf_putc(out, '[');
    bool first = true;
    for (size_t i = 0; i < a->checks.count; i++) {
        const char *code = a->checks.items[i].code;
        bool seen = false;
        for (size_t j = 0; j < i; j++)
            seen |= strcmp(a->checks.items[j].code, code) == 0;
        if (seen || crlm__report_has_check(b, code))
            continue;
        if (!first)
            crlm_buf_putc(out, ',');
        first = false;
        crlm_buf_json_string(out, code);
    }
    crlm_buf_putc(out, ']');
}

static void what_if(crlm_buf *b, const crlm_report *r)
{
    const crlm_what_if *w = r->what_if;
    crlm_buf_puts(b, "{\"changes\":[");
    for (size_t i = 0; i < w->n; i++) {
        if (i)
            crlm_buf_putc(b, ',');
        crlm_buf_puts(b, "{\"pointer\":");
        crlm_buf_json_string(b, w->changes[i].pointer);
        crlm_buf_puts(b, ",\"before\":");
        crlm_buf_json_string(b, w->changes[i].before);
        crlm_buf_puts(b, ",\"after\":");
        crlm_buf_json_string(b, w->changes[i].after);
        crlm_buf_putc(b, '}');
    }
    crlm_buf_puts(b, "],\"recommendation_before\":");
    crlm__json_name(b, crlm_pathway_name(r->before->pathway.recommendation));
    crlm_buf_puts(b, ",\"recommendation_after\":");
    crlm__json_name(b, crlm_pathway_name(r->pathway.recommendation));
    crlm_buf_printf(b, ",\"recommendation_changed\":%s",
                    r->before->pathway.recommendation != r->pathway.recommendation ? "true" : "false");
    crlm_buf_puts(b, ",\"options_before\":");
    code_list(b, r->before->pathway.options & ~(1u << r->before->pathway.recommendation));
    crlm_buf_puts(b, ",\"checks_added\":");
    check_diff(b, r, r->before);
    crlm_buf_puts(b, ",\"checks_removed\":");
    check_diff(b, r->before, r);
    crlm_buf_putc(b, '}');
}

void crlm_report_write_json(const crlm_report *r, crlm_buf *b)
{
    bool first = true;
    crlm_buf_putc(b, '{');
    crlm__json_key(b, "format", &first);
    crlm_buf_puts(b, "\"crlm-report/1\"");
    crlm__json_key(b, "engine", &first);
    crlm_buf_puts(b, "{\"version\":\"" CRLM_VERSION "\",\"profile\":");
    crlm_buf_json_string(b, crlm_profile_name(r->p));
    crlm_buf_puts(b, ",\"profile_sha256\":\"");
    crlm_buf_puts(b, crlm_profile_sha256(r->p));
    crlm_buf_puts(b, "\"}");
    crlm__json_key(b, "case_id", &first);
    crlm_buf_json_string(b, r->c->id ? r->c->id : "");
    crlm__json_key(b, "assessed_on", &first);
    crlm__json_date(b, r->c->assessed_on);
    crlm__json_key(b, "assessed_on_derived", &first);
    crlm_buf_puts(b, r->c->assessed_on_derived ? "true" : "false");
    crlm__json_key(b, "scores", &first);
    scores(b, &r->scores[CRLM_CURRENT]);
    crlm__json_key(b, "scores_at_diagnosis", &first);
    scores(b, &r->scores[CRLM_AT_DIAGNOSIS]);
    crlm__json_key(b, "response", &first);
    crlm_response_write_json(r->response, b);
    crlm__json_key(b, "liver", &first);
    liver(b, &r->liver);
    crlm__json_key(b, "checks", &first);
    checks(b, &r->checks);
    crlm__json_key(b, "pathway", &first);
    pathway(b, &r->pathway);
    crlm__json_key(b, "prognosis", &first);
    prognosis(b, &r->prognosis);
    if (r->what_if) {
        crlm__json_key(b, "what_if", &first);
        what_if(b, r);
    }
    crlm__json_key(b, "disclaimer", &first);
    crlm_buf_puts(b, "\"Decision support for the tumour board, not a decision and not a "
                     "certified medical device.\"");
    crlm_buf_putc(b, '}');
}

void crlm_errors_write_json(const crlm_errors *e, const char *source, long input_line,
                            crlm_buf *b)
{
    crlm_buf_puts(b, "{\"format\":\"crlm-error/1\",\"source\":");
    crlm_buf_json_string(b, source ? source : "-");
    crlm_buf_puts(b, ",\"line\":");
    crlm_buf_printf(b, "%ld", input_line);
    crlm_buf_puts(b, ",\"errors\":[");
    for (size_t i = 0; i < e->count; i++) {
        const crlm_error *x = &e->items[i];
        if (i)
            crlm_buf_putc(b, ',');
        crlm_buf_puts(b, "{\"code\":");
        crlm_buf_json_string(b, crlm_status_name(x->code));
        crlm_buf_puts(b, ",\"pointer\":");
        crlm_buf_json_string(b, x->pointer);
        if (x->line > 0)
            crlm_buf_printf(b, ",\"line\":%ld,\"column\":%ld", x->line, x->column);
        crlm_buf_puts(b, ",\"expected\":");
        crlm_buf_json_string(b, x->expected);
        crlm_buf_puts(b, ",\"found\":");
        crlm_buf_json_string(b, x->found);
        crlm_buf_putc(b, '}');
    }
    crlm_buf_printf(b, "],\"dropped\":%zu}", e->dropped);
}
