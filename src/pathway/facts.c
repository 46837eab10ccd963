/* Derives the shared facts of facts.h. Lines are the case's (sorted by start); the response
 * of a line comes from the response module by line number. */
#include "pathway/facts.h"

static crlm_tri tri_of(bool known, bool value)
{
    return !known ? CRLM_TRI_UNKNOWN : value ? CRLM_TRI_TRUE : CRLM_TRI_FALSE;
}

static const crlm_response_line *response_of(const crlm_response *r, int line)
{
    if (!r)
        return NULL;
    for (size_t i = 0; i < r->n_lines; i++)
        if (r->lines[i].line == line)
            return &r->lines[i];
    return NULL;
}

void crlm__facts_derive(const crlm_pathway_input *in, crlm__facts *f)
{
    const crlm_case *c = in->c;
    *f = (crlm__facts){.last_bevacizumab = CRLM_DATE_UNKNOWN,
                       .last_imaging = CRLM_DATE_UNKNOWN,
                       .last_chemo_end = CRLM_DATE_UNKNOWN};
    crlm_date horizon = CRLM_DATE_KNOWN(c->plan.planned_on) ? c->plan.planned_on : c->assessed_on;
    bool any = false;
    for (size_t i = 0; i < c->n_lines; i++) {
        const crlm_chemo_line *l = &c->lines[i];
        if (CRLM_DATE_KNOWN(c->assessed_on) && l->started_on > c->assessed_on)
            continue;
        any = true;
        f->latest_line = l;
        if (CRLM_DATE_KNOWN(l->ended_on) &&
            (!CRLM_DATE_KNOWN(f->last_chemo_end) || l->ended_on > f->last_chemo_end))
            f->last_chemo_end = l->ended_on;
        if (!CRLM_DATE_KNOWN(horizon) || l->started_on <= horizon) {
            if (l->cycles < 0)
                f->cycles_unknown = true;
            else
                f->cycles_total += l->cycles;
        }
        if (crlm_line_has(l, CRLM_AGENT_OXALIPLATIN)) {
            f->oxaliplatin_given = true;
            if (l->cycles < 0)
                f->oxaliplatin_cycles_unknown = true;
            else
                f->oxaliplatin_cycles += l->cycles;
        }
        if (crlm_line_has(l, CRLM_AGENT_IRINOTECAN))
            f->irinotecan_given = true;
        if (crlm_line_has(l, CRLM_AGENT_BEVACIZUMAB) || CRLM_DATE_KNOWN(l->last_bevacizumab_on)) {
            f->bevacizumab_given = true;
            if (CRLM_DATE_KNOWN(l->last_bevacizumab_on) &&
                (!CRLM_DATE_KNOWN(f->last_bevacizumab) || l->last_bevacizumab_on > f->last_bevacizumab))
                f->last_bevacizumab = l->last_bevacizumab_on;
        }
    }
    f->chemo_given = tri_of(c->chemotherapy_known, any);
    if (c->n_studies > 0)
        f->last_imaging = c->studies[c->n_studies - 1].date;

    const crlm_response *r = in->response;
    if (f->latest_line)
        f->latest_response = response_of(r, f->latest_line->line);
    if (f->chemo_given == CRLM_TRI_FALSE) {
        f->progressing = f->responding_or_stable = CRLM_TRI_FALSE;
    } else if (f->latest_response) {
        crlm_line_status st = f->latest_response->status;
        bool known = st == CRLM_LINE_RESPONSE || st == CRLM_LINE_STABLE || st == CRLM_LINE_PROGRESSION;
        f->progressing = tri_of(known, st == CRLM_LINE_PROGRESSION);
        if (f->latest_response->progression_after_chemotherapy == CRLM_TRI_TRUE)
            f->progressing = CRLM_TRI_TRUE;
        f->responding_or_stable = f->progressing == CRLM_TRI_TRUE ? CRLM_TRI_FALSE
                                  : known                          ? CRLM_TRI_TRUE
                                                                   : CRLM_TRI_UNKNOWN;
    }
    /* Progression on a second or later line (Adam 2017, seed:9). */
    f->progression_second_line = r ? CRLM_TRI_FALSE : CRLM_TRI_UNKNOWN;
    if (r)
        for (size_t i = 0; i < r->n_lines; i++) {
            if (r->lines[i].line < 2)
                continue;
            if (r->lines[i].progression_on_chemotherapy == CRLM_TRI_TRUE)
                f->progression_second_line = CRLM_TRI_TRUE;
            else if (r->lines[i].progression_on_chemotherapy == CRLM_TRI_UNKNOWN &&
                     f->progression_second_line == CRLM_TRI_FALSE)
                f->progression_second_line = CRLM_TRI_UNKNOWN;
        }

    f->ehd_present = tri_of(c->extrahepatic_known, c->n_extrahepatic > 0);
    f->ehd_unresectable = c->extrahepatic_known ? CRLM_TRI_FALSE : CRLM_TRI_UNKNOWN;
    for (size_t i = 0; i < c->n_extrahepatic; i++) {
        if (c->extrahepatic[i].resectable == CRLM_TRI_FALSE)
            f->ehd_unresectable = CRLM_TRI_TRUE;
        else if (c->extrahepatic[i].resectable == CRLM_TRI_UNKNOWN &&
                 f->ehd_unresectable == CRLM_TRI_FALSE)
            f->ehd_unresectable = CRLM_TRI_UNKNOWN;
    }
    /* The case format: resected_on absent while the primary is in place. */
    f->primary_in_place = tri_of(true, !CRLM_DATE_KNOWN(c->primary.resected_on));

    crlm_mutation ras = c->molecular.ras;
    crlm_side side = c->primary.side;
    if (ras == CRLM_MUT_MUTANT || side == CRLM_SIDE_RIGHT)
        f->ras_mutant_or_right = CRLM_TRI_TRUE;
    else if (ras == CRLM_MUT_WILD_TYPE && side == CRLM_SIDE_LEFT)
        f->ras_mutant_or_right = CRLM_TRI_FALSE;
    f->ras_wt_left = f->ras_mutant_or_right == CRLM_TRI_TRUE    ? CRLM_TRI_FALSE
                     : f->ras_mutant_or_right == CRLM_TRI_FALSE ? CRLM_TRI_TRUE
                                                                : CRLM_TRI_UNKNOWN;
}
