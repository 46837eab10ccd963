/* Facts the rules and the checks both read, derived once from the case and the module
 * results: what chemotherapy was given, whether the disease is progressing and on which line,
 * extrahepatic disease, bevacizumab timing. Each is tri-state: unknown stays unknown. */
#ifndef CRLM_PATHWAY_FACTS_H
#define CRLM_PATHWAY_FACTS_H

#include "crlm/pathway.h"

typedef struct crlm__facts {
    crlm_tri chemo_given;          /* a line started on or before the assessment */
    const crlm_chemo_line *latest_line;
    const crlm_response_line *latest_response; /* the response of latest_line, NULL unknown */
    crlm_tri progressing;          /* PD during or after the latest line (before surgery) */
    crlm_tri responding_or_stable; /* the latest line's status is response or stable */
    crlm_tri progression_second_line; /* PD during a line numbered 2 or later */
    crlm_tri ehd_present, ehd_unresectable;
    crlm_tri primary_in_place;
    int cycles_total;              /* lines started before surgery (or the assessment) */
    bool cycles_unknown;
    int oxaliplatin_cycles;
    bool oxaliplatin_given, oxaliplatin_cycles_unknown;
    bool irinotecan_given;
    bool bevacizumab_given;
    crlm_date last_bevacizumab;    /* unknown when not given or not recorded */
    crlm_date last_imaging;
    crlm_date last_chemo_end;      /* the latest end of a finished line */
    crlm_tri ras_mutant_or_right;  /* anti-EGFR gives no benefit */
    crlm_tri ras_wt_left;
} crlm__facts;

void crlm__facts_derive(const crlm_pathway_input *in, crlm__facts *f);

#endif
