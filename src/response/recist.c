/* RECIST 1.1 building blocks: the target response from sums, the time-point table and the best
 * overall response (EVIDENCE: eisenhauer-2009; the EORTC RECIST working group's
 * clarifications, recist.eortc.org). Pure functions over integers, so every cut-off is exact:
 * diameters in tenths of a millimetre, percentages in tenths of a percent. With sums under
 * 10^7 tenths (a kilometre of tumour) the products below stay far inside a 64-bit long.
 *
 * Also here: the number formatting the rest of src/response shares. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "response/response_internal.h"

const char *crlm_recist_name(crlm_recist r)
{
    switch (r) {
    case CRLM_RECIST_CR: return "cr";
    case CRLM_RECIST_PR: return "pr";
    case CRLM_RECIST_SD: return "sd";
    case CRLM_RECIST_NON_CR_NON_PD: return "non_cr_non_pd";
    case CRLM_RECIST_PD: return "pd";
    case CRLM_RECIST_NE: return "ne";
    case CRLM_RECIST_NONE: return "none";
    default: return NULL;
    }
}

const char *crlm_new_lesions_name(crlm_new_lesions n)
{
    switch (n) {
    case CRLM_NEW_NO: return "no";
    case CRLM_NEW_YES: return "yes";
    case CRLM_NEW_EQUIVOCAL: return "equivocal";
    default: return NULL;
    }
}

const char *crlm_line_status_name(crlm_line_status s)
{
    switch (s) {
    case CRLM_LINE_RESPONSE: return "response";
    case CRLM_LINE_STABLE: return "stable";
    case CRLM_LINE_PROGRESSION: return "progression";
    case CRLM_LINE_NOT_EVALUABLE: return "not_evaluable";
    default: return NULL;
    }
}

const char *crlm_morph_response_name(crlm_morph_response m)
{
    switch (m) {
    case CRLM_MORPH_RESPONSE_OPTIMAL: return "optimal";
    case CRLM_MORPH_RESPONSE_INCOMPLETE: return "incomplete";
    case CRLM_MORPH_RESPONSE_NONE: return "none";
    default: return NULL;
    }
}

/* Profile values are doubles; they become integers once, here, rounded to the nearest unit of
 * the integer scale (a profile could say 30.5 %, which is 305 tenths). */
static long tenths_of(double x) { return (long)llround(x * 10.0); }

void crlm_recist_thresholds_from_profile(const crlm_profile *p, crlm_recist_thresholds *t)
{
    t->pr_decrease_pct_tenths = tenths_of(crlm_profile_num(p, CRLM_P_RECIST_PR_DECREASE_PCT));
    t->pd_increase_pct_tenths = tenths_of(crlm_profile_num(p, CRLM_P_RECIST_PD_INCREASE_PCT));
    t->pd_increase_tenths = tenths_of(crlm_profile_num(p, CRLM_P_RECIST_PD_INCREASE_MM));
    t->too_small_tenths = tenths_of(crlm_profile_num(p, CRLM_P_RECIST_TOO_SMALL_MM));
    t->node_normal_under_tenths = tenths_of(crlm_profile_num(p, CRLM_P_RECIST_NODE_NORMAL_UNDER_MM));
    t->node_target_tenths = tenths_of(crlm_profile_num(p, CRLM_P_RECIST_NODE_TARGET_MM));
    t->measurable_tenths = tenths_of(crlm_profile_num(p, CRLM_P_RECIST_MEASURABLE_MM));
    t->max_targets = (int)lround(crlm_profile_num(p, CRLM_P_RECIST_MAX_TARGETS));
    t->max_targets_per_organ = (int)lround(crlm_profile_num(p, CRLM_P_RECIST_MAX_TARGETS_PER_ORGAN));
    t->confirmation = crlm_profile_num(p, CRLM_P_RECIST_CONFIRMATION) != 0.0;
    t->confirmation_min_days = (int)lround(crlm_profile_num(p, CRLM_P_RECIST_CONFIRMATION_MIN_DAYS));
    t->sd_min_days = (int)lround(crlm_profile_num(p, CRLM_P_RECIST_SD_MIN_DAYS));
    t->continuing_pr = crlm_profile_num(p, CRLM_P_RECIST_CONTINUING_PR) != 0.0;
    t->cea_upper_normal_ng_ml = crlm_profile_num(p, CRLM_P_CEA_UPPER_NORMAL_NG_ML);
    t->cea_after_imaging_max_days = (int)crlm_profile_num(p, CRLM_P_CEA_AFTER_IMAGING_MAX_DAYS);
}

/* PD against the nadir: both the relative and the absolute increase, inclusive. A nadir of 0
 * (every target gone) makes the relative test true, so reappearance of 5 mm is PD, as RECIST
 * intends. */
static bool meets_pd(const crlm_recist_thresholds *t, long nadir, long cur)
{
    long rise = cur - nadir;
    return 1000L * rise >= t->pd_increase_pct_tenths * nadir && rise >= t->pd_increase_tenths;
}

crlm_recist crlm_recist_target_response(const crlm_recist_thresholds *t,
                                        const crlm_recist_target_input *in, bool *cr_and_pd)
{
    if (cr_and_pd)
        *cr_and_pd = false;
    if (in->baseline_tenths < 0 || in->nadir_tenths < 0 || in->measured_tenths < 0)
        return CRLM_RECIST_NE;
    bool pd = meets_pd(t, in->nadir_tenths, in->measured_tenths);
    if (!in->all_assessed)
        /* The missing targets can only add to the sum: if the measured part is already PD,
         * so is the whole (clinical-reference 3.6). Anything else could move either way. */
        return pd ? CRLM_RECIST_PD : CRLM_RECIST_NE;
    if (in->all_gone) {
        if (pd && cr_and_pd)
            *cr_and_pd = true;
        return CRLM_RECIST_CR;
    }
    if (pd)
        return CRLM_RECIST_PD;
    if (1000L * (in->baseline_tenths - in->measured_tenths) >=
        t->pr_decrease_pct_tenths * in->baseline_tenths)
        return CRLM_RECIST_PR;
    return CRLM_RECIST_SD;
}

crlm_recist crlm_recist_overall(crlm_recist target, crlm_recist non_target,
                                crlm_new_lesions new_lesions)
{
    if (new_lesions == CRLM_NEW_YES || target == CRLM_RECIST_PD || non_target == CRLM_RECIST_PD)
        return CRLM_RECIST_PD;
    switch (target) {
    case CRLM_RECIST_NONE: /* non-target disease only: table 5 */
        switch (non_target) {
        case CRLM_RECIST_CR: return CRLM_RECIST_CR;
        case CRLM_RECIST_NON_CR_NON_PD: return CRLM_RECIST_NON_CR_NON_PD;
        default: return CRLM_RECIST_NE; /* not evaluated, or no disease at baseline at all */
        }
    case CRLM_RECIST_CR:
        return non_target == CRLM_RECIST_CR || non_target == CRLM_RECIST_NONE ? CRLM_RECIST_CR
                                                                              : CRLM_RECIST_PR;
    case CRLM_RECIST_PR: return CRLM_RECIST_PR;
    case CRLM_RECIST_SD: return CRLM_RECIST_SD;
    default: return CRLM_RECIST_NE;
    }
}

/* Rank for "best": CR > PR > SD > non-CR/non-PD > PD > NE. */
static int rank(crlm_recist r)
{
    switch (r) {
    case CRLM_RECIST_CR: return 6;
    case CRLM_RECIST_PR: return 5;
    case CRLM_RECIST_SD: return 4;
    case CRLM_RECIST_NON_CR_NON_PD: return 3;
    case CRLM_RECIST_PD: return 2;
    case CRLM_RECIST_NE: return 1;
    default: return 0;
    }
}

crlm_recist crlm_recist_best_overall(const crlm_recist_thresholds *t, crlm_date baseline_date,
                                     const crlm_date *dates, const crlm_recist *overall,
                                     size_t n)
{
    if (n == 0) /* a baseline and nothing after it is not evaluable; no baseline, nothing */
        return CRLM_DATE_KNOWN(baseline_date) ? CRLM_RECIST_NE : CRLM_RECIST_UNKNOWN;
    size_t end = n; /* BOR stops at the first PD, which it includes */
    for (size_t i = 0; i < n; i++)
        if (overall[i] == CRLM_RECIST_PD) {
            end = i + 1;
            break;
        }
    crlm_recist best = CRLM_RECIST_NE;
    for (size_t i = 0; i < end; i++) {
        crlm_recist v = overall[i];
        bool sd_long_enough = CRLM_DATE_KNOWN(baseline_date) &&
                              (long)dates[i] - (long)baseline_date >= t->sd_min_days;
        if (t->confirmation && (v == CRLM_RECIST_CR || v == CRLM_RECIST_PR)) {
            bool confirmed = false;
            for (size_t j = i + 1; j < end && !confirmed; j++)
                if ((long)dates[j] - (long)dates[i] >= t->confirmation_min_days)
                    confirmed = overall[j] == CRLM_RECIST_CR ||
                                (v == CRLM_RECIST_PR && overall[j] == CRLM_RECIST_PR);
            if (!confirmed)
                v = CRLM_RECIST_SD;
        }
        if ((v == CRLM_RECIST_SD || v == CRLM_RECIST_NON_CR_NON_PD) && !sd_long_enough)
            v = CRLM_RECIST_NE; /* stable too early to count; PD later still wins over NE */
        if (rank(v) > rank(best))
            best = v;
    }
    return best;
}

/* ---- number formatting -------------------------------------------------------------------- */

static void put_long(crlm_buf *b, long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        tmp[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[--i] = '-';
    crlm_buf_append(b, tmp + i, sizeof tmp - i);
}

/* Writes a count of tenths as "i.d" without printf (hot in the cohort writer). */
static void put_tenths(crlm_buf *b, long tenths)
{
    long a = tenths < 0 ? -tenths : tenths;
    if (tenths < 0)
        crlm_buf_putc(b, '-');
    put_long(b, a / 10);
    crlm_buf_putc(b, '.');
    crlm_buf_putc(b, (char)('0' + a % 10));
}

void crlm__buf_pct(crlm_buf *b, double x)
{
    if (!isfinite(x)) {
        crlm_buf_puts(b, "null");
        return;
    }
    long t = (long)llround(x * 10.0);
    put_tenths(b, t);
}

void crlm__buf_tenths(crlm_buf *b, long tenths)
{
    if (tenths < 0)
        crlm_buf_puts(b, "null");
    else
        put_tenths(b, tenths);
}
