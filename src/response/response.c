/* The response of one case: RECIST 1.1 time points over the imaging series, per line of
 * chemotherapy, with the line's status, progression on and after it (Vigano 2018, seed:33),
 * Chun's morphologic response and the CEA trend.
 *
 * Inputs are small (at most 200 studies of 100 lesions, 30 lines), so lesions are matched by id
 * with plain loops. The engine allocates only from the result's memory (crlm__rmem) and never
 * fails except for memory.
 *
 * Choices (argued with sources in docs/response.md):
 *   - A line's baseline is the latest study marked baseline in (previous line's start, this
 *     line's start], else the last study on or before its start. A study belongs to the latest
 *     line that started strictly before it, so a study on a line's first day is that line's
 *     baseline and the previous line's last time point. Studies before the first line are not
 *     time points (pre-treatment natural history is not a response).
 *   - Without chemotherapy (or with an unknown list), the latest marked study before a study
 *     is its baseline, else the earliest study; studies before the first marked one are not
 *     time points.
 *   - The nadir is per baseline: the smallest complete sum from the baseline up to, not
 *     including, the current time point (report-format.md).
 *   - Lesions that were "new" in an earlier line and are present at a new line's baseline are
 *     that baseline's disease: they are judged as non-targets from then on, never as new again.
 *   - An equivocal new lesion confirmed (same id, unequivocal) at any later study makes PD at
 *     the study that first showed it (EVIDENCE: eisenhauer-2009, section 4.3.2).
 *   - A new lesion without a status is treated as equivocal (it needs confirmation), and said so
 *     in the check.
 *   - The marker part of the non-target response exists when the last CEA on or before the
 *     baseline was above the upper normal limit; it is met by the last CEA after the baseline
 *     and at most the profile's cea_after_imaging_max_days (14) after the time point (labs
 *     are drawn around restaging) being under that limit. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "response/response_internal.h"

#define EV_RECIST "eisenhauer-2009"
#define EV_RECIST_WG "recist.eortc.org, eisenhauer-2009"

typedef struct engine {
    const crlm_case *c;
    const crlm_recist_thresholds *t;
    crlm__rmem *m;
    crlm_response *r;
    bool with_checks;
    /* usable lines (known start), in start order */
    size_t n_lines;
    const crlm_chemo_line **lines;
} engine;

static long to_tenths(double mm) { return (long)llround(mm * 10.0); }

static bool is_nodal(const crlm_lesion *l)
{
    return l->nodal == CRLM_TRI_TRUE || (l->nodal == CRLM_TRI_UNKNOWN && l->organ == CRLM_ORGAN_LYMPH_NODE);
}

static const crlm_lesion *find_lesion(const crlm_study *s, const char *id)
{
    for (size_t i = 0; i < s->n_lesions; i++)
        if (s->lesions[i].id && strcmp(s->lesions[i].id, id) == 0)
            return &s->lesions[i];
    return NULL;
}

static long target_tenths(const engine *e, const crlm_lesion *l)
{
    if (!l)
        return -1;
    if (l->too_small)
        return e->t->too_small_tenths;
    if (!CRLM_KNOWN(l->diameter_mm))
        return -1;
    return to_tenths(l->diameter_mm);
}

/* Percentage change a -> b rounded half away from zero to 0.1, computed from the integers so
 * that the printed value is exact: round(1000 (b - a) / a) tenths of a percent. */
static double change_pct(long from, long to)
{
    if (from <= 0 || to < 0)
        return NAN;
    long num = 1000L * (to - from);
    long q = (num >= 0 ? num + from / 2 : num - from / 2) / from;
    return (double)q / 10.0;
}

/* ---- baselines ------------------------------------------------------------------------------ */

typedef struct base_extra {
    size_t study;             /* index into c->studies */
    size_t n_nt;
    const char **nt_ids;      /* non-target items (and earlier new lesions) at baseline */
    double cea_ng_ml;         /* the last CEA on or before the baseline, NaN unknown */
} base_extra;

static const char *dup_id(engine *e, const char *s)
{
    size_t n = strlen(s);
    char *p = crlm__rmem_alloc(e->m, n + 1);
    if (p)
        memcpy(p, s, n + 1);
    return p;
}

static void selection_check(engine *e, const crlm_study *s, const crlm_response_baseline *b)
{
    if (!e->with_checks)
        return;
    const crlm_recist_thresholds *t = e->t;
    char msg[300];
    size_t len = 0;
#define ADD(...)                                                                               \
    do {                                                                                       \
        if (len < sizeof msg) {                                                                \
            int k_ = snprintf(msg + len, sizeof msg - len, __VA_ARGS__);                       \
            if (k_ > 0)                                                                        \
                len += (size_t)k_;                                                             \
        }                                                                                      \
    } while (0)
    if (b->n_targets > (size_t)t->max_targets)
        ADD("; %zu target lesions (at most %d)", b->n_targets, t->max_targets);
    /* per organ, all lymph nodes being one organ */
    for (size_t i = 0; i < b->n_targets; i++) {
        const crlm_response_lesion *li = &b->targets[i];
        crlm_organ oi = li->nodal ? CRLM_ORGAN_LYMPH_NODE : li->organ;
        bool seen = false;
        int count = 0;
        for (size_t j = 0; j < b->n_targets; j++) {
            const crlm_response_lesion *lj = &b->targets[j];
            crlm_organ oj = lj->nodal ? CRLM_ORGAN_LYMPH_NODE : lj->organ;
            if (oj == oi) {
                if (j < i)
                    seen = true;
                count++;
            }
        }
        if (!seen && count > t->max_targets_per_organ) {
            const char *on = crlm_enum_name(CRLM_ENUM_ORGAN, (int)oi);
            ADD("; %d targets in %s (at most %d per organ)", count,
                oi == CRLM_ORGAN_LYMPH_NODE ? "lymph nodes" : on ? on : "an unknown organ",
                t->max_targets_per_organ);
        }
    }
    long min_non_nodal = t->measurable_tenths;
    if (CRLM_KNOWN(s->slice_mm) && s->slice_mm > 5.0 && to_tenths(2.0 * s->slice_mm) > min_non_nodal)
        min_non_nodal = to_tenths(2.0 * s->slice_mm);
    for (size_t i = 0; i < b->n_targets; i++) {
        const crlm_response_lesion *l = &b->targets[i];
        long need = l->nodal ? t->node_target_tenths : min_non_nodal;
        if (l->too_small)
            ADD("; %s too small to measure", l->id);
        else if (l->diameter_tenths < 0)
            ADD("; %s not measured", l->id);
        else if (l->diameter_tenths < need)
            ADD("; %s %ld.%ld mm under the measurable %ld.%ld mm%s", l->id, l->diameter_tenths / 10,
                l->diameter_tenths % 10, need / 10, need % 10, l->nodal ? " short axis" : "");
    }
#undef ADD
    if (len > 0) {
        char date[11];
        crlm_date_format(s->date, date);
        crlm_checks_add(&e->r->checks, "recist_selection", CRLM_SEV_WARNING, EV_RECIST,
                        "target lesions at the baseline of %s outside RECIST 1.1 limits%s; the "
                        "response is still computed",
                        date, msg);
    }
}

static double cea_on_or_before(const crlm_case *c, crlm_date d, crlm_date after)
{
    double v = NAN;
    if (!c->cea_known)
        return v;
    for (size_t i = 0; i < c->n_cea && c->cea[i].date <= d; i++)
        if (c->cea[i].date > after && CRLM_KNOWN(c->cea[i].value_ng_ml))
            v = c->cea[i].value_ng_ml;
    return v;
}

static bool make_baseline(engine *e, size_t study, int line, crlm_response_baseline *b,
                          base_extra *x, bool check)
{
    const crlm_study *s = &e->c->studies[study];
    b->date = s->date;
    b->line = line;
    b->morphology = s->morphology;
    x->study = study;
    size_t nt = 0, nn = 0;
    for (size_t i = 0; i < s->n_lesions; i++) {
        const crlm_lesion *l = &s->lesions[i];
        if (!l->id)
            continue;
        if (l->role == CRLM_ROLE_TARGET)
            nt++;
        else if ((l->role == CRLM_ROLE_NON_TARGET && l->status != CRLM_LS_ABSENT) ||
                 (l->role == CRLM_ROLE_NEW && l->status == CRLM_LS_UNEQUIVOCAL))
            nn++;
    }
    crlm_response_lesion *tg = nt ? crlm__rmem_alloc(e->m, nt * sizeof *tg) : NULL;
    const char **ids = nn ? crlm__rmem_alloc(e->m, nn * sizeof *ids) : NULL;
    if ((nt && !tg) || (nn && !ids))
        return false;
    long sum = 0;
    size_t k = 0, kn = 0;
    for (size_t i = 0; i < s->n_lesions; i++) {
        const crlm_lesion *l = &s->lesions[i];
        if (!l->id)
            continue;
        if (l->role == CRLM_ROLE_TARGET) {
            crlm_response_lesion *o = &tg[k++];
            if (!(o->id = dup_id(e, l->id)))
                return false;
            o->organ = l->organ;
            o->nodal = is_nodal(l);
            o->too_small = l->too_small;
            o->diameter_tenths = target_tenths(e, l);
            if (o->diameter_tenths < 0 || sum < 0)
                sum = -1;
            else
                sum += o->diameter_tenths;
        } else if ((l->role == CRLM_ROLE_NON_TARGET && l->status != CRLM_LS_ABSENT) ||
                   (l->role == CRLM_ROLE_NEW && l->status == CRLM_LS_UNEQUIVOCAL)) {
            ids[kn++] = l->id; /* borrowed from the case only while building */
        }
    }
    b->n_targets = nt;
    b->targets = tg;
    b->n_non_targets = nn;
    b->sum_tenths = nt ? sum : 0;
    b->sum_mm = b->sum_tenths >= 0 ? (double)b->sum_tenths / 10.0 : NAN;
    x->n_nt = nn;
    x->nt_ids = ids;
    x->cea_ng_ml = cea_on_or_before(e->c, s->date, CRLM_DATE_UNKNOWN);
    if (check)
        selection_check(e, s, b);
    return true;
}

/* ---- one time point ------------------------------------------------------------------------ */

static crlm_recist non_target_response(const engine *e, const crlm_study *s,
                                       const crlm_response_baseline *b, const base_extra *x)
{
    for (size_t i = 0; i < s->n_lesions; i++)
        if (s->lesions[i].role == CRLM_ROLE_NON_TARGET &&
            s->lesions[i].status == CRLM_LS_UNEQUIVOCAL_PROGRESSION)
            return CRLM_RECIST_PD;
    double uln = e->t->cea_upper_normal_ng_ml;
    bool marker = CRLM_KNOWN(x->cea_ng_ml) && x->cea_ng_ml > uln;
    if (x->n_nt == 0 && !marker)
        return CRLM_RECIST_NONE;
    bool present = false, unevaluated = false;
    for (size_t i = 0; i < x->n_nt; i++) {
        const crlm_lesion *l = find_lesion(s, x->nt_ids[i]);
        if (!l) {
            unevaluated = true;
            continue;
        }
        switch (l->status) {
        case CRLM_LS_ABSENT: break;
        case CRLM_LS_PRESENT:
        case CRLM_LS_UNEQUIVOCAL:
            /* a node back under 10 mm short axis is normal (EVIDENCE: eisenhauer-2009) */
            if (is_nodal(l) && CRLM_KNOWN(l->diameter_mm) &&
                to_tenths(l->diameter_mm) < e->t->node_normal_under_tenths)
                break;
            present = true;
            break;
        case CRLM_LS_EQUIVOCAL:
        default: unevaluated = true; break;
        }
    }
    bool marker_met = true, marker_unknown = false;
    if (marker) {
        /* labs are drawn around restaging, not on the day: accept a value up to
         * the profile's window after the study (never one from before the baseline) */
        double now = cea_on_or_before(e->c, s->date + e->t->cea_after_imaging_max_days, b->date);
        if (!CRLM_KNOWN(now))
            marker_unknown = true;
        else
            marker_met = now < uln;
    }
    if (present || !marker_met)
        return CRLM_RECIST_NON_CR_NON_PD;
    if (unevaluated || marker_unknown)
        return CRLM_RECIST_NE;
    return CRLM_RECIST_CR;
}

/* Is the lesion `id`, equivocal at study `from`, unequivocal at a later study? */
static bool confirmed_later(const crlm_case *c, size_t from, const char *id)
{
    for (size_t k = from + 1; k < c->n_studies; k++) {
        const crlm_lesion *l = find_lesion(&c->studies[k], id);
        if (l && l->role == CRLM_ROLE_NEW && l->status == CRLM_LS_UNEQUIVOCAL)
            return true;
    }
    return false;
}

static bool in_list(const char **ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return true;
    return false;
}

/* Was lesion `id` already reported as an equivocal new lesion before study `k`? */
static bool equivocal_before(const crlm_case *c, size_t k, const char *id)
{
    for (size_t j = 0; j < k; j++) {
        const crlm_lesion *l = find_lesion(&c->studies[j], id);
        if (l && l->role == CRLM_ROLE_NEW && l->status != CRLM_LS_UNEQUIVOCAL)
            return true;
    }
    return false;
}

static crlm_new_lesions new_lesions(engine *e, size_t k, const base_extra *x, bool *backdated)
{
    const crlm_study *s = &e->c->studies[k];
    bool yes = false, equivocal = false, confirmed = false;
    for (size_t i = 0; i < s->n_lesions; i++) {
        const crlm_lesion *l = &s->lesions[i];
        if (l->role != CRLM_ROLE_NEW || !l->id || (x && in_list(x->nt_ids, x->n_nt, l->id)))
            continue;
        if (l->status == CRLM_LS_UNEQUIVOCAL) {
            yes = true;
            continue;
        }
        bool conf = confirmed_later(e->c, k, l->id);
        if (conf)
            confirmed = true;
        else
            equivocal = true;
        if (e->with_checks && !equivocal_before(e->c, k, l->id)) {
            char date[11];
            crlm_date_format(s->date, date);
            if (conf)
                crlm_checks_add(&e->r->checks, "equivocal_new_lesion", CRLM_SEV_INFO, EV_RECIST,
                                "new lesion %s, equivocal on %s, was confirmed later: "
                                "progression is dated %s",
                                l->id, date, date);
            else
                crlm_checks_add(&e->r->checks, "equivocal_new_lesion", CRLM_SEV_WARNING, EV_RECIST,
                                "new lesion %s on %s is %s: not counted as progression until a "
                                "later study confirms it; re-image",
                                l->id, date, l->status == CRLM_LS_EQUIVOCAL ? "equivocal"
                                                                            : "of unknown status");
        }
    }
    *backdated = !yes && confirmed;
    if (yes || confirmed)
        return CRLM_NEW_YES;
    return equivocal ? CRLM_NEW_EQUIVOCAL : CRLM_NEW_NO;
}

/* What a baseline's series carries from one time point to the next. */
typedef struct series {
    long nadir;          /* tenths of a mm; -1 unknown */
    crlm_date first_pr;  /* the first overall PR since the baseline or the last PD */
    crlm_date first_cr;  /* the first overall CR since then */
    crlm_date held_from; /* the PR or CR from which the response is held; unknown: none */
} series;

static void series_start(series *sr, long nadir)
{
    sr->nadir = nadir;
    sr->first_pr = sr->first_cr = sr->held_from = CRLM_DATE_UNKNOWN;
}

/* The continuing-PR state after a time point (EVIDENCE: recist.eortc.org, the working
 * group's FAQ "Managing PR when TP measurements change slightly over time": once a PR has
 * been assigned, and confirmed if required, the response stays PR while the PD criteria are
 * not met). PD ends a response. Without confirmation a PR or CR holds at once; with it, a
 * response holds from the time point that confirms it exactly as crlm_recist_best_overall
 * confirms (a PR by a PR or CR, a CR by a CR, at least confirmation_min_days later), so the
 * rule never continues a response the best overall response would not count. NE and SD in
 * between change nothing: an unreadable or a drifting scan does not end a response. */
static void track_response(const crlm_recist_thresholds *t, series *sr,
                           const crlm_response_timepoint *tp)
{
    crlm_recist v = tp->overall;
    if (v == CRLM_RECIST_PD) {
        series_start(sr, sr->nadir);
        return;
    }
    if (v != CRLM_RECIST_PR && v != CRLM_RECIST_CR)
        return;
    long d = (long)tp->date, need = (long)t->confirmation_min_days;
    if (!CRLM_DATE_KNOWN(sr->held_from)) {
        if (!t->confirmation)
            sr->held_from = tp->date;
        else if (CRLM_DATE_KNOWN(sr->first_pr) && d - (long)sr->first_pr >= need)
            sr->held_from = sr->first_pr;
        else if (v == CRLM_RECIST_CR && CRLM_DATE_KNOWN(sr->first_cr) &&
                 d - (long)sr->first_cr >= need)
            sr->held_from = sr->first_cr;
    }
    if (v == CRLM_RECIST_PR && !CRLM_DATE_KNOWN(sr->first_pr))
        sr->first_pr = tp->date;
    if (v == CRLM_RECIST_CR && !CRLM_DATE_KNOWN(sr->first_cr))
        sr->first_cr = tp->date;
}

/* Continuing PR (profile continuing_pr_rule): a target SD by arithmetic while a response is
 * held is a PR. Only SD moves: PD still ends the response, NE stays not evaluable (a missing
 * target could hide progression) and non-target-only disease has no PR to continue. */
static void continue_pr(engine *e, const series *sr, crlm_response_timepoint *tp)
{
    if (!e->t->continuing_pr || !CRLM_DATE_KNOWN(sr->held_from) || tp->target != CRLM_RECIST_SD)
        return;
    tp->target = CRLM_RECIST_PR;
    tp->pr_continued = true;
    if (!e->with_checks)
        return;
    char date[11], since[11];
    crlm_date_format(tp->date, date);
    crlm_date_format(sr->held_from, since);
    char change[32] = "";
    if (isfinite(tp->change_from_baseline_pct))
        snprintf(change, sizeof change, " (%+.1f %% from the baseline)",
                 tp->change_from_baseline_pct);
    crlm_checks_add(&e->r->checks, "recist_continuing_pr", CRLM_SEV_INFO, EV_RECIST_WG,
                    "on %s the target sum is stable by arithmetic%s but has not progressed "
                    "since the response of %s: the partial response continues, as the RECIST "
                    "working group reads RECIST 1.1 (profile continuing_pr_rule)",
                    date, change, since);
}

static bool make_timepoint(engine *e, size_t k, size_t bi, const base_extra *x, series *sr,
                           crlm_response_timepoint *tp)
{
    long *nadir = &sr->nadir;
    const crlm_study *s = &e->c->studies[k];
    const crlm_response_baseline *b = bi == SIZE_MAX ? NULL : &e->r->baselines[bi];
    tp->date = s->date;
    tp->baseline = bi;
    tp->baseline_date = b ? b->date : CRLM_DATE_UNKNOWN;
    tp->morphology = s->morphology;
    tp->sum_tenths = tp->measured_tenths = tp->nadir_tenths = -1;
    tp->sum_mm = tp->change_from_baseline_pct = tp->change_from_nadir_pct = NAN;
    tp->pr_continued = false;
    if (!b) { /* no study before the line: nothing to compare with, but new lesions still count */
        bool bd = false;
        tp->target = tp->non_target = CRLM_RECIST_NE;
        tp->new_lesions = new_lesions(e, k, NULL, &bd);
        tp->pd_backdated = bd;
        tp->overall = crlm_recist_overall(tp->target, tp->non_target, tp->new_lesions);
        return true;
    }
    crlm_response_lesion *tg = NULL;
    if (b->n_targets) {
        tg = crlm__rmem_alloc(e->m, b->n_targets * sizeof *tg);
        if (!tg)
            return false;
    }
    long measured = 0;
    bool all = true, gone = true;
    for (size_t i = 0; i < b->n_targets; i++) {
        const crlm_lesion *l = find_lesion(s, b->targets[i].id);
        tg[i] = b->targets[i];
        tg[i].too_small = l && l->too_small;
        tg[i].diameter_tenths = target_tenths(e, l);
        long d = tg[i].diameter_tenths;
        if (d < 0) {
            all = false;
            continue;
        }
        measured += d;
        if (tg[i].nodal ? d >= e->t->node_normal_under_tenths : d != 0)
            gone = false;
    }
    tp->n_targets = b->n_targets;
    tp->targets = tg;
    tp->measured_tenths = measured;
    tp->nadir_tenths = *nadir;
    if (b->n_targets == 0) {
        tp->target = CRLM_RECIST_NONE;
    } else {
        crlm_recist_target_input in = {b->sum_tenths, *nadir, measured, all, gone};
        bool review = false;
        tp->target = crlm_recist_target_response(e->t, &in, &review);
        tp->needs_review = review;
        if (all && b->sum_tenths >= 0) {
            tp->sum_tenths = measured;
            tp->sum_mm = (double)measured / 10.0;
            tp->change_from_baseline_pct = change_pct(b->sum_tenths, measured);
            tp->change_from_nadir_pct = change_pct(*nadir, measured);
            if (measured < *nadir)
                *nadir = measured;
        }
    }
    continue_pr(e, sr, tp);
    tp->non_target = non_target_response(e, s, b, x);
    bool bd = false;
    tp->new_lesions = new_lesions(e, k, x, &bd);
    tp->overall = crlm_recist_overall(tp->target, tp->non_target, tp->new_lesions);
    tp->pd_backdated = bd && tp->overall == CRLM_RECIST_PD;
    track_response(e->t, sr, tp);
    if (tp->needs_review && e->with_checks) {
        char date[11];
        crlm_date_format(s->date, date);
        crlm_checks_add(&e->r->checks, "recist_review", CRLM_SEV_INFO, EV_RECIST,
                        "on %s the target nodes are all under %ld mm (complete response) yet the "
                        "sum rose by the progression margin over the nadir; complete response "
                        "was kept, a reader should confirm",
                        date, e->t->node_normal_under_tenths / 10);
    }
    return true;
}

/* ---- lines ----------------------------------------------------------------------------------- */

/* The tri-state of "PD at one of these time points", where the answer is unknown when the
 * latest of them could not be evaluated (or there is none). */
static crlm_tri pd_among(const crlm_response_timepoint *const *tps, size_t n)
{
    if (n == 0)
        return CRLM_TRI_UNKNOWN;
    for (size_t i = 0; i < n; i++)
        if (tps[i]->overall == CRLM_RECIST_PD)
            return CRLM_TRI_TRUE;
    return tps[n - 1]->overall == CRLM_RECIST_NE ? CRLM_TRI_UNKNOWN : CRLM_TRI_FALSE;
}

static crlm_morph_response morph(crlm_morphology from, crlm_morphology to)
{
    if (from == CRLM_MORPH_UNKNOWN || to == CRLM_MORPH_UNKNOWN)
        return CRLM_MORPH_RESPONSE_UNKNOWN;
    if (to == CRLM_MORPH_GROUP_1 && (from == CRLM_MORPH_GROUP_3 || from == CRLM_MORPH_GROUP_2))
        return CRLM_MORPH_RESPONSE_OPTIMAL;
    if (from == CRLM_MORPH_GROUP_3 && to == CRLM_MORPH_GROUP_2)
        return CRLM_MORPH_RESPONSE_INCOMPLETE;
    return CRLM_MORPH_RESPONSE_NONE;
}

static crlm_recist bor_of(engine *e, size_t bi, const crlm_response_timepoint *const *tps,
                          size_t n, crlm_date *dates, crlm_recist *cats)
{
    for (size_t i = 0; i < n; i++) {
        dates[i] = tps[i]->date;
        cats[i] = tps[i]->overall;
    }
    crlm_date bd = bi == SIZE_MAX ? CRLM_DATE_UNKNOWN : e->r->baselines[bi].date;
    return crlm_recist_best_overall(e->t, bd, dates, cats, n);
}

static bool judge_lines(engine *e, crlm_response_line *lines, const size_t *line_base,
                        const int *tp_line)
{
    crlm_response *r = e->r;
    size_t n = r->n_timepoints ? r->n_timepoints : 1;
    const crlm_response_timepoint **sel = crlm__rmem_alloc(e->m, n * sizeof *sel);
    const crlm_response_timepoint **sel2 = crlm__rmem_alloc(e->m, n * sizeof *sel2);
    crlm_date *dates = crlm__rmem_alloc(e->m, n * sizeof *dates);
    crlm_recist *cats = crlm__rmem_alloc(e->m, n * sizeof *cats);
    if (!sel || !sel2 || !dates || !cats)
        return false;
    crlm_date surgery = e->c->plan.planned_on;
    for (size_t li = 0; li < e->n_lines; li++) {
        const crlm_chemo_line *cl = e->lines[li];
        crlm_response_line *L = &lines[li];
        L->line = cl->line;
        L->started_on = cl->started_on;
        L->ended_on = cl->ended_on;
        L->baseline_date = line_base[li] == SIZE_MAX ? CRLM_DATE_UNKNOWN
                                                     : r->baselines[line_base[li]].date;
        size_t ns = 0, non = 0, naft = 0;
        bool any_pd = false, any_resp = false, any_stable = false;
        crlm_morphology last_morph = CRLM_MORPH_UNKNOWN;
        for (size_t i = 0; i < r->n_timepoints; i++) {
            if (tp_line[i] != (int)li)
                continue;
            const crlm_response_timepoint *tp = &r->timepoints[i];
            sel[ns++] = tp;
            any_pd |= tp->overall == CRLM_RECIST_PD;
            any_resp |= tp->overall == CRLM_RECIST_CR || tp->overall == CRLM_RECIST_PR;
            any_stable |= tp->overall == CRLM_RECIST_SD || tp->overall == CRLM_RECIST_NON_CR_NON_PD;
            if (tp->morphology != CRLM_MORPH_UNKNOWN)
                last_morph = tp->morphology;
        }
        L->status = any_pd       ? CRLM_LINE_PROGRESSION
                    : any_resp   ? CRLM_LINE_RESPONSE
                    : any_stable ? CRLM_LINE_STABLE
                                 : CRLM_LINE_NOT_EVALUABLE;
        L->best_overall = bor_of(e, line_base[li], sel, ns, dates, cats);
        L->morphologic_response = morph(line_base[li] == SIZE_MAX
                                            ? CRLM_MORPH_UNKNOWN
                                            : r->baselines[line_base[li]].morphology,
                                        last_morph);
        for (size_t i = 0; i < ns; i++)
            if (sel[i]->on_chemotherapy)
                sel2[non++] = sel[i];
        L->progression_on_chemotherapy = pd_among(sel2, non);
        if (!CRLM_DATE_KNOWN(cl->ended_on)) {
            L->progression_after_chemotherapy = CRLM_TRI_UNKNOWN; /* still ongoing */
        } else {
            for (size_t i = 0; i < ns; i++)
                if (sel[i]->date > cl->ended_on &&
                    (!CRLM_DATE_KNOWN(surgery) || sel[i]->date < surgery))
                    sel2[naft++] = sel[i];
            L->progression_after_chemotherapy = pd_among(sel2, naft);
        }
    }
    return true;
}

crlm_status crlm__response_build(const crlm_case *c, const crlm_recist_thresholds *t,
                                 crlm__rmem *m, crlm_response *r, bool with_checks)
{
    engine e = {c, t, m, r, with_checks, 0, NULL};
    r->current_baseline = SIZE_MAX;
    r->best_overall = CRLM_RECIST_UNKNOWN;
    r->best_change_pct = NAN;
    r->progression_on_chemotherapy = r->progression_after_chemotherapy = CRLM_TRI_UNKNOWN;
    crlm__cea_trend(c->cea_known ? c->cea : NULL, c->cea_known ? c->n_cea : 0, c->assessed_on,
                    t->cea_upper_normal_ng_ml, &r->cea);

    size_t ns = c->imaging_known ? c->n_studies : 0;
    /* usable lines */
    if (c->chemotherapy_known && c->n_lines) {
        e.lines = crlm__rmem_alloc(m, c->n_lines * sizeof *e.lines);
        if (!e.lines)
            return CRLM_E_NOMEM;
        for (size_t i = 0; i < c->n_lines; i++)
            if (CRLM_DATE_KNOWN(c->lines[i].started_on))
                e.lines[e.n_lines++] = &c->lines[i];
    }
    size_t cap = ns + e.n_lines + 1;
    crlm_response_baseline *bases = crlm__rmem_alloc(m, cap * sizeof *bases);
    base_extra *extra = crlm__rmem_alloc(m, cap * sizeof *extra);
    crlm_response_timepoint *tps = crlm__rmem_alloc(m, (ns ? ns : 1) * sizeof *tps);
    int *tp_line = crlm__rmem_alloc(m, (ns ? ns : 1) * sizeof *tp_line);
    series *ser = crlm__rmem_alloc(m, cap * sizeof *ser); /* per baseline */
    size_t *line_base = crlm__rmem_alloc(m, (e.n_lines + 1) * sizeof *line_base);
    crlm_response_line *lines = crlm__rmem_alloc(m, (e.n_lines + 1) * sizeof *lines);
    if (!bases || !extra || !tps || !tp_line || !ser || !line_base || !lines)
        return CRLM_E_NOMEM;
    r->baselines = bases;
    r->timepoints = tps;
    r->lines = lines;
    r->n_lines = e.n_lines;

    /* Baseline (index into bases) of every study that is a time point, SIZE_MAX when it has
     * none, and which line it belongs to. */
    size_t nb = 0, ntp = 0;
    if (e.n_lines == 0) {
        size_t cur = SIZE_MAX;
        bool any_marked = false;
        for (size_t k = 0; k < ns; k++)
            any_marked |= c->studies[k].baseline;
        for (size_t k = 0; k < ns; k++) {
            const crlm_study *s = &c->studies[k];
            if (s->baseline || (!any_marked && k == 0)) {
                if (!make_baseline(&e, k, -1, &bases[nb], &extra[nb], true))
                    return CRLM_E_NOMEM;
                series_start(&ser[nb], bases[nb].sum_tenths);
                cur = nb++;
                continue;
            }
            if (cur == SIZE_MAX)
                continue;
            crlm_response_timepoint *tp = &tps[ntp];
            tp->line = -1;
            tp_line[ntp] = -1;
            r->n_baselines = nb;
            if (!make_timepoint(&e, k, cur, &extra[cur], &ser[cur], tp))
                return CRLM_E_NOMEM;
            ntp++;
        }
    } else {
        for (size_t li = 0; li < e.n_lines; li++) {
            crlm_date start = e.lines[li]->started_on;
            crlm_date prev = li ? e.lines[li - 1]->started_on : CRLM_DATE_UNKNOWN;
            size_t pick = SIZE_MAX, marked = SIZE_MAX;
            for (size_t k = 0; k < ns && c->studies[k].date <= start; k++) {
                pick = k;
                if (c->studies[k].baseline && (!CRLM_DATE_KNOWN(prev) || c->studies[k].date > prev))
                    marked = k;
            }
            if (marked != SIZE_MAX)
                pick = marked;
            line_base[li] = SIZE_MAX;
            if (pick != SIZE_MAX) {
                bool seen = false; /* the same study as an earlier line's: check it once */
                for (size_t j = 0; j < nb; j++)
                    seen |= extra[j].study == pick;
                if (!make_baseline(&e, pick, e.lines[li]->line, &bases[nb], &extra[nb], !seen))
                    return CRLM_E_NOMEM;
                series_start(&ser[nb], bases[nb].sum_tenths);
                line_base[li] = nb++;
            }
        }
        r->n_baselines = nb;
        for (size_t k = 0; k < ns; k++) {
            const crlm_study *s = &c->studies[k];
            size_t li = SIZE_MAX;
            for (size_t j = 0; j < e.n_lines; j++)
                if (e.lines[j]->started_on < s->date)
                    li = j;
            if (li == SIZE_MAX)
                continue;
            crlm_response_timepoint *tp = &tps[ntp];
            const crlm_chemo_line *cl = e.lines[li];
            tp->line = cl->line;
            tp_line[ntp] = (int)li;
            tp->on_chemotherapy = !CRLM_DATE_KNOWN(cl->ended_on) || s->date <= cl->ended_on;
            size_t bi = line_base[li];
            series none;
            series_start(&none, -1);
            if (!make_timepoint(&e, k, bi, bi == SIZE_MAX ? NULL : &extra[bi],
                                bi == SIZE_MAX ? &none : &ser[bi], tp))
                return CRLM_E_NOMEM;
            ntp++;
        }
    }
    r->n_baselines = nb;
    r->n_timepoints = ntp;
    if (ntp)
        r->current_baseline = tps[ntp - 1].baseline;
    else if (e.n_lines)
        r->current_baseline = line_base[e.n_lines - 1];
    else if (nb)
        r->current_baseline = nb - 1;

    if (!judge_lines(&e, lines, line_base, tp_line))
        return CRLM_E_NOMEM;

    /* best response and best change over the latest line (the current baseline's series);
     * with no time point crlm_recist_best_overall says NE after a baseline, unknown without */
    if (ntp == 0 && r->current_baseline != SIZE_MAX)
        r->best_overall = crlm_recist_best_overall(t, bases[r->current_baseline].date, NULL,
                                                   NULL, 0);
    if (ntp) {
        size_t first = ntp;
        while (first > 0 && tps[first - 1].baseline == r->current_baseline &&
               tp_line[first - 1] == tp_line[ntp - 1])
            first--;
        crlm_date *dates = crlm__rmem_alloc(m, ntp * sizeof *dates);
        crlm_recist *cats = crlm__rmem_alloc(m, ntp * sizeof *cats);
        if (!dates || !cats)
            return CRLM_E_NOMEM;
        for (size_t i = first; i < ntp; i++) {
            dates[i - first] = tps[i].date;
            cats[i - first] = tps[i].overall;
            double ch = tps[i].change_from_baseline_pct;
            if (isfinite(ch) && (!isfinite(r->best_change_pct) || ch < r->best_change_pct))
                r->best_change_pct = ch;
        }
        crlm_date bd = r->current_baseline == SIZE_MAX ? CRLM_DATE_UNKNOWN
                                                       : bases[r->current_baseline].date;
        r->best_overall = crlm_recist_best_overall(t, bd, dates, cats, ntp - first);
    }

    /* case-level progression flags */
    if (!c->chemotherapy_known) {
        r->progression_on_chemotherapy = r->progression_after_chemotherapy = CRLM_TRI_UNKNOWN;
    } else if (e.n_lines == 0) {
        r->progression_on_chemotherapy = r->progression_after_chemotherapy =
            c->n_lines == 0 ? CRLM_TRI_FALSE : CRLM_TRI_UNKNOWN;
    } else {
        bool any_true = false, any_unknown = false, after_true = false;
        for (size_t li = 0; li < e.n_lines; li++) {
            any_true |= lines[li].progression_on_chemotherapy == CRLM_TRI_TRUE;
            any_unknown |= lines[li].progression_on_chemotherapy == CRLM_TRI_UNKNOWN;
            after_true |= lines[li].progression_after_chemotherapy == CRLM_TRI_TRUE;
        }
        r->progression_on_chemotherapy = any_true      ? CRLM_TRI_TRUE
                                         : any_unknown ? CRLM_TRI_UNKNOWN
                                                       : CRLM_TRI_FALSE;
        r->progression_after_chemotherapy =
            after_true ? CRLM_TRI_TRUE : lines[e.n_lines - 1].progression_after_chemotherapy;
    }
    /* the ids borrowed from the case must not outlive this call */
    for (size_t i = 0; i < nb; i++)
        extra[i].nt_ids = NULL;
    return CRLM_OK;
}

/* The result and the arena that holds everything it points to, in one malloc'd block: the
 * public pointer is the first member, so crlm_response_free finds the arena again. */
typedef struct holder {
    crlm_response r;
    crlm__arena arena;
} holder;

crlm_status crlm_response_compute(const crlm_case *c, const crlm_profile *p, crlm_response **out)
{
    *out = NULL;
    holder *h = calloc(1, sizeof *h);
    if (!h)
        return CRLM_E_NOMEM;
    crlm_recist_thresholds t;
    crlm_recist_thresholds_from_profile(p, &t);
    crlm__rmem m = {&h->arena, NULL};
    crlm_status st = crlm__response_build(c, &t, &m, &h->r, true);
    if (st != CRLM_OK) {
        crlm_response_free(&h->r);
        return st;
    }
    *out = &h->r;
    return CRLM_OK;
}

void crlm_response_free(crlm_response *r)
{
    if (!r)
        return;
    holder *h = (holder *)(void *)r;
    crlm__arena_free(&h->arena);
    free(h);
}
