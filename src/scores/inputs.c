/* Which tumour count, largest size and CEA a score reads, at diagnosis or now.
 *
 * Spec (case-format.md): at diagnosis, the earliest imaging and the CEA nearest before the
 * first chemotherapy (else the earliest CEA); currently, the latest imaging and the latest
 * CEA on or before the assessment date. A count or largest size given in liver_metastases
 * (from a report) replaces the imaging figure at diagnosis. Lesions whose presence is
 * uncertain (a target not assessed, a non-target without status, an equivocal new lesion)
 * widen the ranges instead of being guessed.
 */
#include <limits.h>
#include <math.h>

#include "crlm/scores.h"

static void add_count(crlm_score_inputs *io, int n, bool certain)
{
    if (certain && io->tumors_min <= INT_MAX - n)
        io->tumors_min += n;
    if (io->tumors_max <= INT_MAX - n)
        io->tumors_max += n;
}

void crlm_study_liver_burden(const crlm_study *s, double too_small_mm, crlm_score_inputs *io)
{
    io->study_date = s->date;
    io->tumors_min = io->tumors_max = 0;
    io->largest_mm_min = io->largest_mm_max = 0;
    bool size_known = false, size_unknown = false;
    for (size_t i = 0; i < s->n_lesions; i++) {
        const crlm_lesion *l = &s->lesions[i];
        if (l->organ != CRLM_ORGAN_LIVER)
            continue;
        crlm_tri present = CRLM_TRI_UNKNOWN;
        double size = l->diameter_mm;
        switch (l->role) {
        case CRLM_ROLE_TARGET:
            if (l->too_small) {
                present = CRLM_TRI_TRUE;
                size = too_small_mm;
            } else if (CRLM_KNOWN(l->diameter_mm)) {
                present = l->diameter_mm > 0 ? CRLM_TRI_TRUE : CRLM_TRI_FALSE;
            }
            break;
        case CRLM_ROLE_NON_TARGET:
            if (l->status == CRLM_LS_ABSENT)
                present = CRLM_TRI_FALSE;
            else if (l->status != CRLM_LS_UNKNOWN)
                present = CRLM_TRI_TRUE;
            break;
        case CRLM_ROLE_NEW:
            if (l->status == CRLM_LS_UNEQUIVOCAL)
                present = CRLM_TRI_TRUE;
            break;
        default: break;
        }
        if (present == CRLM_TRI_FALSE)
            continue;
        add_count(io, l->count, present == CRLM_TRI_TRUE);
        if (present == CRLM_TRI_TRUE) {
            size_known |= CRLM_KNOWN(size);
            size_unknown |= !CRLM_KNOWN(size);
        }
        if (present == CRLM_TRI_TRUE && CRLM_KNOWN(size)) {
            if (size > io->largest_mm_min)
                io->largest_mm_min = size;
            if (size > io->largest_mm_max)
                io->largest_mm_max = size;
        } else if (present == CRLM_TRI_UNKNOWN) {
            /* An uncertain lesion may or may not be there; if there, its size may be anything
             * when unmeasured. A measured non-target with unknown status keeps its size. */
            if (CRLM_KNOWN(size)) {
                if (size > io->largest_mm_max)
                    io->largest_mm_max = size;
            } else if (l->role == CRLM_ROLE_TARGET) {
                io->largest_mm_max = INFINITY;
            }
        }
    }
    /* The spec takes the largest KNOWN diameter (RECIST targets are the largest lesions);
     * when no present lesion was measured at all, the largest size is simply unknown. */
    if (size_unknown && !size_known)
        io->largest_mm_max = INFINITY;
}

static const crlm_study *latest_study(const crlm_case *c)
{
    for (size_t i = c->n_studies; i-- > 0;)
        if (!CRLM_DATE_KNOWN(c->assessed_on) || c->studies[i].date <= c->assessed_on)
            return &c->studies[i];
    return NULL;
}

static crlm_date first_chemo_start(const crlm_case *c)
{
    crlm_date first = CRLM_DATE_UNKNOWN;
    for (size_t i = 0; i < c->n_lines; i++)
        if (CRLM_DATE_KNOWN(c->lines[i].started_on) &&
            (!CRLM_DATE_KNOWN(first) || c->lines[i].started_on < first))
            first = c->lines[i].started_on;
    return first;
}

static void pick_cea(const crlm_case *c, crlm_when when, crlm_score_inputs *io)
{
    io->cea_ng_ml = NAN;
    io->cea_date = CRLM_DATE_UNKNOWN;
    if (c->n_cea == 0)
        return;
    const crlm_cea *pick = NULL;
    if (when == CRLM_CURRENT) {
        for (size_t i = 0; i < c->n_cea; i++)
            if (!CRLM_DATE_KNOWN(c->assessed_on) || c->cea[i].date <= c->assessed_on)
                pick = &c->cea[i];
    } else {
        crlm_date start = first_chemo_start(c);
        if (CRLM_DATE_KNOWN(start))
            for (size_t i = 0; i < c->n_cea; i++)
                if (c->cea[i].date <= start)
                    pick = &c->cea[i];
        if (!pick)
            pick = &c->cea[0];
    }
    if (pick) {
        io->cea_ng_ml = pick->value_ng_ml;
        io->cea_date = pick->date;
    }
}

void crlm__score_inputs(const crlm_case *c, crlm_when when, double too_small_mm,
                        crlm_score_inputs *io)
{
    *io = (crlm_score_inputs){.study_date = CRLM_DATE_UNKNOWN,
                              .tumors_min = 0,
                              .tumors_max = INT_MAX,
                              .largest_mm_min = 0,
                              .largest_mm_max = INFINITY};
    const crlm_study *s = NULL;
    if (c->n_studies > 0)
        s = when == CRLM_AT_DIAGNOSIS ? &c->studies[0] : latest_study(c);
    if (s)
        crlm_study_liver_burden(s, too_small_mm, io);
    /* The report's figures describe the disease at detection: they replace imaging at
     * diagnosis, and stand in for imaging now only when there is no imaging at all. */
    bool use_report = when == CRLM_AT_DIAGNOSIS || !s;
    if (use_report && c->liver.count >= 0) {
        io->tumors_min = io->tumors_max = c->liver.count;
        io->count_from_report = true;
    }
    if (use_report && CRLM_KNOWN(c->liver.largest_mm)) {
        io->largest_mm_min = io->largest_mm_max = c->liver.largest_mm;
        io->largest_from_report = true;
    }
    pick_cea(c, when, io);
}

crlm_tri crlm_dfi_under_months(const crlm_case *c, int months)
{
    /* Synchronous disease has an interval of zero (Fong 1999 counted it under 12 months). */
    if (c->liver.synchronous == CRLM_TRI_TRUE)
        return CRLM_TRI_TRUE;
    crlm_date start = CRLM_DATE_KNOWN(c->primary.resected_on) ? c->primary.resected_on
                                                              : c->primary.diagnosed_on;
    if (!CRLM_DATE_KNOWN(start) || !CRLM_DATE_KNOWN(c->liver.detected_on))
        return CRLM_TRI_UNKNOWN;
    return c->liver.detected_on < crlm_date_add_months(start, months) ? CRLM_TRI_TRUE
                                                                       : CRLM_TRI_FALSE;
}
