/* The model layer's functions: a case's lifetime and the values the case format derives from
 * others (docs/case-format.md). They sit here, below every reader and every computing module,
 * so the JSON reader and the FHIR mapping derive sidedness or RAS by the same definition and
 * no computing module ever reaches up into a reader. */
#include <stdlib.h>
#include <stddef.h>

#include "case/case_alloc.h"

/* The arena travels with the case, just before it in memory, so the public struct needs no
 * private field. */
typedef struct owned_case {
    crlm__arena arena;
    crlm_case c;
} owned_case;

static owned_case *owner_of(crlm_case *c)
{
    return (owned_case *)(void *)((char *)c - offsetof(owned_case, c));
}

crlm_case *crlm__case_new(void)
{
    owned_case *oc = calloc(1, sizeof *oc);
    if (!oc)
        return NULL;
    crlm_case *c = &oc->c;
    c->assessed_on = CRLM_DATE_UNKNOWN;
    c->patient.age_years = -1;
    c->patient.birth_date = CRLM_DATE_UNKNOWN;
    c->patient.height_cm = c->patient.weight_kg = NAN;
    c->patient.ecog = -1;
    c->primary.diagnosed_on = c->primary.resected_on = CRLM_DATE_UNKNOWN;
    c->liver.detected_on = CRLM_DATE_UNKNOWN;
    c->liver.count = -1;
    c->liver.largest_mm = NAN;
    c->plan.planned_on = c->plan.pve_on = CRLM_DATE_UNKNOWN;
    c->plan.remnant_contiguous_segments = -1;
    return c;
}

crlm__arena *crlm__case_arena(crlm_case *c) { return &owner_of(c)->arena; }

void crlm_case_free(crlm_case *c)
{
    if (!c)
        return;
    owned_case *oc = owner_of(c);
    crlm__arena_free(&oc->arena);
    free(oc);
}

double crlm_patient_bmi(const crlm_patient *p)
{
    if (!CRLM_KNOWN(p->height_cm) || !CRLM_KNOWN(p->weight_kg))
        return NAN;
    double m = p->height_cm / 100.0;
    return p->weight_kg / (m * m);
}

crlm_side crlm_site_side(crlm_site s)
{
    switch (s) {
    case CRLM_SITE_CECUM:
    case CRLM_SITE_ASCENDING:
    case CRLM_SITE_HEPATIC_FLEXURE:
    case CRLM_SITE_TRANSVERSE: return CRLM_SIDE_RIGHT;
    case CRLM_SITE_SPLENIC_FLEXURE:
    case CRLM_SITE_DESCENDING:
    case CRLM_SITE_SIGMOID:
    case CRLM_SITE_RECTOSIGMOID:
    case CRLM_SITE_RECTUM: return CRLM_SIDE_LEFT;
    default: return CRLM_SIDE_UNKNOWN;
    }
}

crlm_tri crlm_n_stage_node_positive(crlm_n_stage n)
{
    switch (n) {
    case CRLM_N_0: return CRLM_TRI_FALSE;
    case CRLM_N_UNKNOWN:
    case CRLM_N_NX:
    case CRLM_N_COUNT__: return CRLM_TRI_UNKNOWN;
    default: return CRLM_TRI_TRUE;
    }
}

crlm_mutation crlm_ras_of(crlm_mutation kras, crlm_mutation nras)
{
    if (kras == CRLM_MUT_MUTANT || nras == CRLM_MUT_MUTANT)
        return CRLM_MUT_MUTANT;
    if (kras == CRLM_MUT_WILD_TYPE && nras == CRLM_MUT_WILD_TYPE)
        return CRLM_MUT_WILD_TYPE;
    return CRLM_MUT_UNKNOWN;
}
