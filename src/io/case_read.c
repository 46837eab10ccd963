/* Reads `crlm-case/1` (spec/case-format.md) into an immutable crlm_case.
 *
 * Validation is strict and exhaustive: unknown keys, wrong types, out-of-range values,
 * impossible orders, duplicate ids and conflicting facts are all reported in one pass, each
 * with its JSON pointer, so a coordinator can fix a file in one round. Nothing is defaulted:
 * an absent or null field stays unknown (NaN, -1, UNKNOWN), and the few derived values
 * (sidedness, RAS, node status from the N stage, synchronous from dates, the assessment date)
 * are marked as derived.
 *
 * Sizes: a case is a few kilobytes; the hard limits in case.h bound every list. The whole
 * case lives in one arena owned by the crlm_case.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case/case_alloc.h"
#include "crlm/case_read.h"
#include "crlm/profile.h"
#include "crlm/profile_read.h"
#include "io/jsonv.h"


typedef struct reader {
    crlm__jv jv;
    crlm__arena *arena;
    crlm_case *c;
    crlm_date explicit_assessed; /* CRLM_DATE_UNKNOWN when the case gives none */
    crlm_date latest;            /* latest date seen, plan.planned_on aside */
    double sync_window_days;
} reader;

static const crlm_date DATE_1900 = -25567; /* 1900-01-01 */

/* Reads a date member and applies the global date rules: not before 1900, not after the
 * assessment date (unless `future_ok`, for the planned surgery). */
static bool read_date(reader *r, const json_t *obj, const char *key, bool required,
                      bool future_ok, crlm_date *out)
{
    crlm_date d;
    if (!crlm__jv_date(&r->jv, obj, key, required, &d))
        return false;
    bool early = d < DATE_1900;
    bool late = !future_ok && CRLM_DATE_KNOWN(r->explicit_assessed) && d > r->explicit_assessed;
    if (early || late) {
        char found[11];
        crlm_date_format(d, found);
        if (early) {
            crlm__jv_error(&r->jv, key, CRLM_E_RANGE, "a date from 1900-01-01", found);
        } else {
            char expected[64], at[11];
            crlm_date_format(r->explicit_assessed, at);
            snprintf(expected, sizeof expected, "a date on or before assessed_on (%s)", at);
            crlm__jv_error(&r->jv, key, CRLM_E_RANGE, expected, found);
        }
        return false;
    }
    if (!future_ok && d > r->latest)
        r->latest = d;
    *out = d;
    return true;
}

static void *alloc_array(reader *r, size_t n, size_t size)
{
    if (n == 0)
        return NULL;
    void *p = crlm__arena_alloc(r->arena, n * size);
    if (!p)
        r->jv.nomem = true;
    return p;
}

static const char *dup_string(reader *r, const char *s)
{
    if (!s)
        return NULL;
    char *p = crlm__arena_strndup(r->arena, s, strlen(s));
    if (!p)
        r->jv.nomem = true;
    return p;
}

static void conflict(reader *r, const char *key, const char *expected, const char *found)
{
    crlm__jv_error(&r->jv, key, CRLM_E_CONFLICT, expected, found);
}

/* --- patient ----------------------------------------------------------------------------- */
static void read_patient(reader *r, const json_t *o)
{
    static const char *const keys[] = {"sex", "age_years", "birth_date", "height_cm",
                                       "weight_kg", "ecog", "liver_condition", NULL};
    crlm_patient *p = &r->c->patient;
    crlm__jv_known_keys(&r->jv, o, keys);
    int e;
    if (crlm__jv_enum(&r->jv, o, "sex", CRLM_ENUM_SEX, false, &e))
        p->sex = (crlm_sex)e;
    crlm__jv_int(&r->jv, o, "age_years", 0, 130, false, &p->age_years);
    read_date(r, o, "birth_date", false, false, &p->birth_date);
    crlm__jv_number(&r->jv, o, "height_cm", 50, 250, false, &p->height_cm);
    crlm__jv_number(&r->jv, o, "weight_kg", 10, 500, false, &p->weight_kg);
    crlm__jv_int(&r->jv, o, "ecog", 0, 4, false, &p->ecog);
    if (crlm__jv_enum(&r->jv, o, "liver_condition", CRLM_ENUM_LIVER, false, &e))
        p->liver_condition = (crlm_liver_condition)e;
}

/* --- primary ----------------------------------------------------------------------------- */
static void read_primary(reader *r, const json_t *o)
{
    static const char *const keys[] = {"site", "diagnosed_on", "resected_on", "symptomatic",
                                       "t_stage", "n_stage", "node_positive", NULL};
    crlm_primary *p = &r->c->primary;
    crlm__jv_known_keys(&r->jv, o, keys);
    int e;
    if (crlm__jv_enum(&r->jv, o, "site", CRLM_ENUM_SITE, false, &e))
        p->site = (crlm_site)e;
    p->side = crlm_site_side(p->site);
    read_date(r, o, "diagnosed_on", false, false, &p->diagnosed_on);
    if (read_date(r, o, "resected_on", false, false, &p->resected_on) &&
        CRLM_DATE_KNOWN(p->diagnosed_on) && p->resected_on < p->diagnosed_on)
        crlm__jv_error(&r->jv, "resected_on", CRLM_E_ORDER, "a date on or after diagnosed_on",
                       "a date before diagnosed_on");
    crlm__jv_tri(&r->jv, o, "symptomatic", &p->symptomatic);
    if (crlm__jv_enum(&r->jv, o, "t_stage", CRLM_ENUM_TSTAGE, false, &e))
        p->t_stage = (crlm_t_stage)e;
    if (crlm__jv_enum(&r->jv, o, "n_stage", CRLM_ENUM_NSTAGE, false, &e))
        p->n_stage = (crlm_n_stage)e;
    crlm_tri from_stage = crlm_n_stage_node_positive(p->n_stage);
    if (crlm__jv_tri(&r->jv, o, "node_positive", &p->node_positive)) {
        if (from_stage != CRLM_TRI_UNKNOWN && from_stage != p->node_positive)
            conflict(r, "node_positive", "agreement with n_stage",
                     p->node_positive == CRLM_TRI_TRUE ? "true with a node-negative n_stage"
                                                       : "false with a node-positive n_stage");
    } else {
        p->node_positive = from_stage;
        p->node_positive_derived = from_stage != CRLM_TRI_UNKNOWN;
    }
}

/* --- molecular --------------------------------------------------------------------------- */
static void read_molecular(reader *r, const json_t *o)
{
    static const char *const keys[] = {"kras", "nras", "braf_v600e", "msi", NULL};
    crlm_molecular *m = &r->c->molecular;
    crlm__jv_known_keys(&r->jv, o, keys);
    int e;
    if (crlm__jv_enum(&r->jv, o, "kras", CRLM_ENUM_MUTATION, false, &e))
        m->kras = (crlm_mutation)e;
    if (crlm__jv_enum(&r->jv, o, "nras", CRLM_ENUM_MUTATION, false, &e))
        m->nras = (crlm_mutation)e;
    if (crlm__jv_enum(&r->jv, o, "braf_v600e", CRLM_ENUM_MUTATION, false, &e))
        m->braf_v600e = (crlm_mutation)e;
    if (crlm__jv_enum(&r->jv, o, "msi", CRLM_ENUM_MSI, false, &e))
        m->msi = (crlm_msi)e;
}

/* --- liver metastases -------------------------------------------------------------------- */
static void read_liver(reader *r, const json_t *o)
{
    static const char *const keys[] = {"detected_on", "synchronous", "bilobar", "count",
                                       "largest_mm", NULL};
    crlm_liver_mets *l = &r->c->liver;
    crlm__jv_known_keys(&r->jv, o, keys);
    read_date(r, o, "detected_on", false, false, &l->detected_on);
    crlm__jv_tri(&r->jv, o, "synchronous", &l->synchronous);
    crlm__jv_tri(&r->jv, o, "bilobar", &l->bilobar);
    crlm__jv_int(&r->jv, o, "count", 1, 1000, false, &l->count);
    crlm__jv_number(&r->jv, o, "largest_mm", 0.1, 1000, false, &l->largest_mm);
}

/* Synchronous when found on or before the primary's resection, or within the profile's
 * window after its diagnosis; metachronous when provably later; otherwise unknown. */
static void derive_synchronous(reader *r)
{
    crlm_liver_mets *l = &r->c->liver;
    const crlm_primary *p = &r->c->primary;
    if (l->synchronous != CRLM_TRI_UNKNOWN || !CRLM_DATE_KNOWN(l->detected_on))
        return;
    double w = r->sync_window_days;
    crlm_tri s = CRLM_TRI_UNKNOWN;
    if (CRLM_DATE_KNOWN(p->resected_on) && l->detected_on <= p->resected_on)
        s = CRLM_TRI_TRUE;
    else if (CRLM_DATE_KNOWN(p->diagnosed_on))
        s = l->detected_on - p->diagnosed_on <= w ? CRLM_TRI_TRUE : CRLM_TRI_FALSE;
    else if (CRLM_DATE_KNOWN(p->resected_on) && l->detected_on - p->resected_on > w)
        s = CRLM_TRI_FALSE;
    l->synchronous = s;
    l->synchronous_derived = s != CRLM_TRI_UNKNOWN;
}

/* --- lists ------------------------------------------------------------------------------- */
static void read_extrahepatic(reader *r, const json_t *a)
{
    static const char *const keys[] = {"site", "resectable", NULL};
    size_t n = json_array_size(a);
    crlm_extrahepatic *items = alloc_array(r, n, sizeof *items);
    for (size_t i = 0; i < n && items; i++) {
        const json_t *o = json_array_get(a, i);
        size_t old = crlm__jv_push_index(&r->jv, i);
        if (crlm__jv_is_object(&r->jv, o, NULL)) {
            crlm__jv_known_keys(&r->jv, o, keys);
            int e;
            if (crlm__jv_enum(&r->jv, o, "site", CRLM_ENUM_EHSITE, false, &e))
                items[i].site = (crlm_eh_site)e;
            crlm__jv_tri(&r->jv, o, "resectable", &items[i].resectable);
        }
        crlm__jv_pop(&r->jv, old);
    }
    r->c->extrahepatic = items;
    r->c->n_extrahepatic = items ? n : 0;
    r->c->extrahepatic_known = true;
}

static int cmp_cea(const void *a, const void *b)
{
    const crlm_cea *x = a, *y = b;
    return (x->date > y->date) - (x->date < y->date);
}

static void read_cea(reader *r, const json_t *a)
{
    static const char *const keys[] = {"date", "value_ng_ml", NULL};
    size_t n = json_array_size(a);
    crlm_cea *items = alloc_array(r, n, sizeof *items);
    for (size_t i = 0; i < n && items; i++) {
        const json_t *o = json_array_get(a, i);
        size_t old = crlm__jv_push_index(&r->jv, i);
        items[i].date = CRLM_DATE_UNKNOWN;
        items[i].value_ng_ml = NAN;
        if (crlm__jv_is_object(&r->jv, o, NULL)) {
            crlm__jv_known_keys(&r->jv, o, keys);
            read_date(r, o, "date", true, false, &items[i].date);
            crlm__jv_number(&r->jv, o, "value_ng_ml", 0, 1e6, true, &items[i].value_ng_ml);
        }
        crlm__jv_pop(&r->jv, old);
    }
    if (items)
        qsort(items, n, sizeof *items, cmp_cea);
    r->c->cea = items;
    r->c->n_cea = items ? n : 0;
    r->c->cea_known = true;
}

static bool status_fits_role(crlm_role role, crlm_lesion_status s)
{
    switch (role) {
    case CRLM_ROLE_NON_TARGET:
        return s == CRLM_LS_PRESENT || s == CRLM_LS_ABSENT || s == CRLM_LS_UNEQUIVOCAL_PROGRESSION;
    case CRLM_ROLE_NEW: return s == CRLM_LS_UNEQUIVOCAL || s == CRLM_LS_EQUIVOCAL;
    default: return false;
    }
}

static void read_lesion(reader *r, const json_t *o, crlm_lesion *l)
{
    static const char *const keys[] = {"id", "organ", "segment", "role", "nodal",
                                       "diameter_mm", "too_small", "status", "count", NULL};
    l->diameter_mm = NAN;
    l->count = 1;
    crlm__jv_known_keys(&r->jv, o, keys);
    const char *id = NULL;
    if (crlm__jv_string(&r->jv, o, "id", 64, true, &id))
        l->id = dup_string(r, id);
    int e;
    if (crlm__jv_enum(&r->jv, o, "organ", CRLM_ENUM_ORGAN, true, &e))
        l->organ = (crlm_organ)e;
    if (crlm__jv_enum(&r->jv, o, "segment", CRLM_ENUM_SEGMENT, false, &e))
        l->segment = (crlm_segment)e;
    if (crlm__jv_enum(&r->jv, o, "role", CRLM_ENUM_ROLE, true, &e))
        l->role = (crlm_role)e;
    if (!crlm__jv_tri(&r->jv, o, "nodal", &l->nodal))
        l->nodal = l->organ == CRLM_ORGAN_LYMPH_NODE ? CRLM_TRI_TRUE
                   : l->organ != CRLM_ORGAN_UNKNOWN  ? CRLM_TRI_FALSE
                                                     : CRLM_TRI_UNKNOWN;
    crlm__jv_number(&r->jv, o, "diameter_mm", 0, 1000, false, &l->diameter_mm);
    bool small = false;
    if (crlm__jv_bool(&r->jv, o, "too_small", false, &small) && small) {
        if (CRLM_KNOWN(l->diameter_mm))
            conflict(r, "too_small", "too_small only when diameter_mm is absent",
                     "both too_small and diameter_mm");
        else if (l->role != CRLM_ROLE_TARGET)
            conflict(r, "too_small", "too_small on a target lesion only",
                     "too_small on a lesion that is not a target");
        l->too_small = true;
    }
    if (crlm__jv_enum(&r->jv, o, "status", CRLM_ENUM_LSTATUS, false, &e)) {
        l->status = (crlm_lesion_status)e;
        if (l->role != CRLM_ROLE_UNKNOWN && !status_fits_role(l->role, l->status)) {
            char found[96];
            snprintf(found, sizeof found, "status \"%s\" on a %s lesion",
                     crlm_enum_name(CRLM_ENUM_LSTATUS, e), crlm_enum_name(CRLM_ENUM_ROLE, (int)l->role));
            conflict(r, "status",
                     l->role == CRLM_ROLE_TARGET ? "no status on a target lesion (diameter_mm 0 means gone)"
                     : l->role == CRLM_ROLE_NEW  ? "unequivocal or equivocal for a new lesion"
                                                 : "present, absent or unequivocal_progression",
                     found);
        }
    }
    if (crlm__jv_int(&r->jv, o, "count", 1, 1000, false, &l->count) && l->role == CRLM_ROLE_TARGET)
        conflict(r, "count", "count on non-target or new lesions only (a target is one lesion)",
                 "count on a target lesion");
}

static int cmp_study(const void *a, const void *b)
{
    const crlm_study *x = a, *y = b;
    return (x->date > y->date) - (x->date < y->date);
}

static void read_imaging(reader *r, const json_t *a)
{
    static const char *const keys[] = {"date", "modality", "slice_mm", "baseline",
                                       "morphology", "lesions", NULL};
    size_t n = json_array_size(a);
    crlm_study *items = alloc_array(r, n, sizeof *items);
    for (size_t i = 0; i < n && items; i++) {
        const json_t *o = json_array_get(a, i);
        crlm_study *s = &items[i];
        s->date = CRLM_DATE_UNKNOWN;
        s->slice_mm = NAN;
        size_t old = crlm__jv_push_index(&r->jv, i);
        if (crlm__jv_is_object(&r->jv, o, NULL)) {
            crlm__jv_known_keys(&r->jv, o, keys);
            read_date(r, o, "date", true, false, &s->date);
            int e;
            if (crlm__jv_enum(&r->jv, o, "modality", CRLM_ENUM_MODALITY, false, &e))
                s->modality = (crlm_modality)e;
            crlm__jv_number(&r->jv, o, "slice_mm", 0.1, 20, false, &s->slice_mm);
            crlm__jv_bool(&r->jv, o, "baseline", false, &s->baseline);
            if (crlm__jv_enum(&r->jv, o, "morphology", CRLM_ENUM_MORPHOLOGY, false, &e))
                s->morphology = (crlm_morphology)e;
            const json_t *les = crlm__jv_array(&r->jv, o, "lesions", CRLM_CASE_MAX_LESIONS);
            if (!json_object_get(o, "lesions") || json_is_null(json_object_get(o, "lesions")))
                crlm__jv_error(&r->jv, "lesions", CRLM_E_MISSING,
                               "the list of lesions seen ([] when none)", "nothing");
            size_t m = les ? json_array_size(les) : 0;
            crlm_lesion *ls = alloc_array(r, m, sizeof *ls);
            size_t o2 = crlm__jv_push_key(&r->jv, "lesions");
            for (size_t j = 0; j < m && ls; j++) {
                size_t o3 = crlm__jv_push_index(&r->jv, j);
                const json_t *lo = json_array_get(les, j);
                if (crlm__jv_is_object(&r->jv, lo, NULL)) {
                    read_lesion(r, lo, &ls[j]);
                    for (size_t k = 0; k < j && ls[j].id; k++)
                        if (ls[k].id && strcmp(ls[k].id, ls[j].id) == 0) {
                            char found[160];
                            snprintf(found, sizeof found, "\"%s\" again (first at index %zu)",
                                     ls[j].id, k);
                            crlm__jv_error(&r->jv, "id", CRLM_E_DUPLICATE,
                                           "a lesion id unique within the study", found);
                            break;
                        }
                } else {
                    ls[j].diameter_mm = NAN;
                }
                crlm__jv_pop(&r->jv, o3);
            }
            crlm__jv_pop(&r->jv, o2);
            s->lesions = ls;
            s->n_lesions = ls ? m : 0;
        }
        crlm__jv_pop(&r->jv, old);
    }
    /* A lesion keeps the role it was given at baseline in every study (RECIST follows lesions
     * by identity); a changed role would silently change the sums, so it is refused. */
    for (size_t i = 0; i < n && items; i++)
        for (size_t j = 0; j < items[i].n_lesions; j++) {
            const crlm_lesion *lj = &items[i].lesions[j];
            for (size_t k = 0; k < i && lj->id && lj->role; k++)
                for (size_t m = 0; m < items[k].n_lesions; m++) {
                    const crlm_lesion *lk = &items[k].lesions[m];
                    if (!lk->id || !lk->role || strcmp(lk->id, lj->id) != 0 || lk->role == lj->role)
                        continue;
                    size_t o1 = crlm__jv_push_index(&r->jv, i);
                    size_t o2 = crlm__jv_push_key(&r->jv, "lesions");
                    crlm__jv_push_index(&r->jv, j);
                    char expected[160], found[96];
                    snprintf(expected, sizeof expected, "role \"%s\" as lesion %s had in /imaging/%zu",
                             crlm_enum_name(CRLM_ENUM_ROLE, (int)lk->role), lk->id, k);
                    snprintf(found, sizeof found, "role \"%s\"",
                             crlm_enum_name(CRLM_ENUM_ROLE, (int)lj->role));
                    conflict(r, "role", expected, found);
                    crlm__jv_pop(&r->jv, o2);
                    crlm__jv_pop(&r->jv, o1);
                    k = i;
                    break;
                }
        }
    if (items)
        qsort(items, n, sizeof *items, cmp_study);
    r->c->studies = items;
    r->c->n_studies = items ? n : 0;
    r->c->imaging_known = true;
}

static int cmp_line(const void *a, const void *b)
{
    const crlm_chemo_line *x = a, *y = b;
    if (x->started_on != y->started_on)
        return (x->started_on > y->started_on) - (x->started_on < y->started_on);
    return (x->line > y->line) - (x->line < y->line);
}

static void read_chemo_line(reader *r, const json_t *o, crlm_chemo_line *l)
{
    static const char *const keys[] = {"line", "intent", "regimen", "agents", "started_on",
                                       "ended_on", "cycles", "last_bevacizumab_on", NULL};
    crlm__jv_known_keys(&r->jv, o, keys);
    crlm__jv_int(&r->jv, o, "line", 1, CRLM_CASE_MAX_LINES, true, &l->line);
    int e;
    if (crlm__jv_enum(&r->jv, o, "intent", CRLM_ENUM_INTENT, false, &e))
        l->intent = (crlm_intent)e;
    const char *reg = NULL;
    if (crlm__jv_string(&r->jv, o, "regimen", 64, false, &reg))
        l->regimen = dup_string(r, reg);
    const json_t *ag = crlm__jv_array(&r->jv, o, "agents", 16);
    if (ag) {
        l->agents_known = true;
        size_t old = crlm__jv_push_key(&r->jv, "agents");
        for (size_t i = 0; i < json_array_size(ag); i++) {
            const json_t *v = json_array_get(ag, i);
            int a = json_is_string(v) ? crlm_enum_parse(CRLM_ENUM_AGENT, json_string_value(v)) : 0;
            size_t o2 = crlm__jv_push_index(&r->jv, i);
            if (a == 0) {
                char expected[200], found[96];
                snprintf(expected, sizeof expected, "one of %s", crlm_enum_allowed(CRLM_ENUM_AGENT));
                crlm__jv_describe_at(&r->jv, NULL, v, found, sizeof found);
                crlm__jv_error(&r->jv, NULL, json_is_string(v) ? CRLM_E_ENUM : CRLM_E_TYPE,
                               expected, found);
            } else if (l->agents & (1u << a)) {
                crlm__jv_error(&r->jv, NULL, CRLM_E_DUPLICATE, "each agent once",
                               "an agent listed twice");
            } else {
                l->agents |= 1u << a;
            }
            crlm__jv_pop(&r->jv, o2);
        }
        crlm__jv_pop(&r->jv, old);
    }
    read_date(r, o, "started_on", true, false, &l->started_on);
    if (read_date(r, o, "ended_on", false, false, &l->ended_on) &&
        CRLM_DATE_KNOWN(l->started_on) && l->ended_on < l->started_on)
        crlm__jv_error(&r->jv, "ended_on", CRLM_E_ORDER, "a date on or after started_on",
                       "a date before started_on");
    crlm__jv_int(&r->jv, o, "cycles", 0, 200, false, &l->cycles);
    if (read_date(r, o, "last_bevacizumab_on", false, false, &l->last_bevacizumab_on)) {
        if (CRLM_DATE_KNOWN(l->started_on) && l->last_bevacizumab_on < l->started_on)
            crlm__jv_error(&r->jv, "last_bevacizumab_on", CRLM_E_ORDER,
                           "a date on or after started_on", "a date before started_on");
        else if (CRLM_DATE_KNOWN(l->ended_on) && l->last_bevacizumab_on > l->ended_on)
            crlm__jv_error(&r->jv, "last_bevacizumab_on", CRLM_E_ORDER,
                           "a date on or before ended_on", "a date after ended_on");
        if (l->agents_known && !crlm_line_has(l, CRLM_AGENT_BEVACIZUMAB))
            conflict(r, "last_bevacizumab_on", "bevacizumab among the agents of this line",
                     "a bevacizumab date without bevacizumab in agents");
    }
}

/* Lines of chemotherapy follow one another: a line starts on or after the day the previous one
 * ended, and only the latest may be ongoing (ended_on null). The engine gives each line its
 * own baseline and assigns a restaging to the latest line started before it, and sums the
 * weeks of exposure: overlapping lines would judge a scan against the wrong baseline and count
 * the same weeks twice, so they are refused, at the later line's start (index as written). */
static void check_overlap(reader *r, const crlm_chemo_line *items, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        const crlm_chemo_line *b = &items[j];
        if (!CRLM_DATE_KNOWN(b->started_on))
            continue;
        for (size_t i = 0; i < n; i++) {
            const crlm_chemo_line *a = &items[i];
            if (i == j || !CRLM_DATE_KNOWN(a->started_on))
                continue;
            /* a is the earlier line (same start: the lower line number, then index) */
            bool earlier = a->started_on < b->started_on ||
                           (a->started_on == b->started_on &&
                            (a->line < b->line || (a->line == b->line && i < j)));
            if (!earlier)
                continue;
            bool ongoing = !CRLM_DATE_KNOWN(a->ended_on);
            if (!ongoing && a->ended_on <= b->started_on)
                continue;
            char start[11], a_start[11], a_end[11], expected[160], found[160];
            crlm_date_format(b->started_on, start);
            crlm_date_format(a->started_on, a_start);
            if (ongoing) {
                snprintf(expected, sizeof expected,
                         "a line starting after line %d (index %zu) ended; it has no ended_on, "
                         "so it is still ongoing",
                         a->line, i);
                snprintf(found, sizeof found, "%s, while line %d (from %s) is ongoing", start,
                         a->line, a_start);
            } else {
                crlm_date_format(a->ended_on, a_end);
                snprintf(expected, sizeof expected,
                         "a start on or after %s, when line %d (index %zu) ended", a_end,
                         a->line, i);
                snprintf(found, sizeof found, "%s, while line %d ran (%s to %s)", start,
                         a->line, a_start, a_end);
            }
            size_t old = crlm__jv_push_index(&r->jv, j);
            crlm__jv_error(&r->jv, "started_on", CRLM_E_CONFLICT, expected, found);
            crlm__jv_pop(&r->jv, old);
            break;
        }
    }
}

static void read_chemotherapy(reader *r, const json_t *a)
{
    size_t n = json_array_size(a);
    crlm_chemo_line *items = alloc_array(r, n, sizeof *items);
    for (size_t i = 0; i < n && items; i++) {
        crlm_chemo_line *l = &items[i];
        l->line = -1;
        l->cycles = -1;
        l->started_on = l->ended_on = l->last_bevacizumab_on = CRLM_DATE_UNKNOWN;
        size_t old = crlm__jv_push_index(&r->jv, i);
        const json_t *o = json_array_get(a, i);
        if (crlm__jv_is_object(&r->jv, o, NULL)) {
            read_chemo_line(r, o, l);
            for (size_t k = 0; k < i && l->line > 0; k++)
                if (items[k].line == l->line) {
                    char found[64];
                    snprintf(found, sizeof found, "line %d again (first at index %zu)", l->line, k);
                    crlm__jv_error(&r->jv, "line", CRLM_E_DUPLICATE, "each line number once",
                                   found);
                    break;
                }
        }
        crlm__jv_pop(&r->jv, old);
    }
    if (items)
        check_overlap(r, items, n);
    if (items)
        qsort(items, n, sizeof *items, cmp_line);
    r->c->lines = items;
    r->c->n_lines = items ? n : 0;
    r->c->chemotherapy_known = true;
}

static int cmp_vol(const void *a, const void *b)
{
    const crlm_volumetry *x = a, *y = b;
    return (x->date > y->date) - (x->date < y->date);
}

static void read_volumetry(reader *r, const json_t *a)
{
    static const char *const keys[] = {"date", "total_liver_ml", "tumor_ml", "flr_ml",
                                       "after_pve", NULL};
    size_t n = json_array_size(a);
    crlm_volumetry *items = alloc_array(r, n, sizeof *items);
    for (size_t i = 0; i < n && items; i++) {
        crlm_volumetry *v = &items[i];
        v->date = CRLM_DATE_UNKNOWN;
        v->total_liver_ml = v->tumor_ml = v->flr_ml = NAN;
        size_t old = crlm__jv_push_index(&r->jv, i);
        const json_t *o = json_array_get(a, i);
        if (crlm__jv_is_object(&r->jv, o, NULL)) {
            crlm__jv_known_keys(&r->jv, o, keys);
            read_date(r, o, "date", true, false, &v->date);
            crlm__jv_number(&r->jv, o, "total_liver_ml", 100, 10000, false, &v->total_liver_ml);
            crlm__jv_number(&r->jv, o, "tumor_ml", 0, 10000, false, &v->tumor_ml);
            crlm__jv_number(&r->jv, o, "flr_ml", 1, 10000, false, &v->flr_ml);
            crlm__jv_tri(&r->jv, o, "after_pve", &v->after_pve);
            if (CRLM_KNOWN(v->flr_ml) && CRLM_KNOWN(v->total_liver_ml) &&
                v->flr_ml > v->total_liver_ml)
                conflict(r, "flr_ml", "a remnant no larger than total_liver_ml",
                         "flr_ml above total_liver_ml");
            if (CRLM_KNOWN(v->tumor_ml) && CRLM_KNOWN(v->total_liver_ml) &&
                v->tumor_ml >= v->total_liver_ml)
                conflict(r, "tumor_ml", "a tumour volume below total_liver_ml",
                         "tumor_ml at or above total_liver_ml");
        }
        crlm__jv_pop(&r->jv, old);
    }
    if (items)
        qsort(items, n, sizeof *items, cmp_vol);
    r->c->volumetry = items;
    r->c->n_volumetry = items ? n : 0;
    r->c->volumetry_known = true;
}

static void read_plan(reader *r, const json_t *o)
{
    static const char *const keys[] = {"procedure", "planned_on", "expected_margin",
                                       "remnant_contiguous_segments", "inflow_outflow_preserved",
                                       "biliary_drainage_preserved", "pve_on", NULL};
    crlm_plan *p = &r->c->plan;
    crlm__jv_known_keys(&r->jv, o, keys);
    int e;
    if (crlm__jv_enum(&r->jv, o, "procedure", CRLM_ENUM_PROCEDURE, false, &e))
        p->procedure = (crlm_procedure)e;
    read_date(r, o, "planned_on", false, true, &p->planned_on);
    if (crlm__jv_enum(&r->jv, o, "expected_margin", CRLM_ENUM_MARGIN, false, &e))
        p->expected_margin = (crlm_margin)e;
    crlm__jv_int(&r->jv, o, "remnant_contiguous_segments", 0, 8, false,
                 &p->remnant_contiguous_segments);
    crlm__jv_tri(&r->jv, o, "inflow_outflow_preserved", &p->inflow_outflow_preserved);
    crlm__jv_tri(&r->jv, o, "biliary_drainage_preserved", &p->biliary_drainage_preserved);
    read_date(r, o, "pve_on", false, false, &p->pve_on);
}

/* --- top level --------------------------------------------------------------------------- */
static bool id_ok(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '.' || *s == '_' || *s == '-'))
            return false;
    return true;
}

/* --- contradictions across sections ------------------------------------------------------ */

/* Has someone born on `birth` turned `years` by `on`? Both conventions for a 29 February
 * birthday in a common year (28 February or 1 March) count, so only an impossible age is a
 * conflict. */
static bool age_possible(crlm_date birth, crlm_date on, int years)
{
    int by, bm, bd, ty, tm, td;
    crlm_date_to_ymd(birth, &by, &bm, &bd);
    crlm_date_to_ymd(on, &ty, &tm, &td);
    int march_first = ty - by - ((tm < bm || (tm == bm && td < bd)) ? 1 : 0);
    int feb_28 = crlm_date_months_between(birth, on) / 12;
    return years == march_first || years == feb_28;
}

/* The case describes the patient on assessed_on: an age_years that the birth_date makes
 * impossible on that day is a contradiction (age is whole years, so exactly one age, or two
 * for a 29 February birthday, is possible). */
static void check_age(reader *r)
{
    const crlm_case *c = r->c;
    const crlm_patient *p = &c->patient;
    if (p->age_years < 0 || !CRLM_DATE_KNOWN(p->birth_date) || !CRLM_DATE_KNOWN(c->assessed_on) ||
        p->birth_date > c->assessed_on)
        return;
    if (age_possible(p->birth_date, c->assessed_on, p->age_years))
        return;
    char birth[11], on[11], expected[160], found[64];
    crlm_date_format(p->birth_date, birth);
    crlm_date_format(c->assessed_on, on);
    snprintf(expected, sizeof expected, "the age birth_date (%s) gives on assessed_on (%s%s): %d",
             birth, on, c->assessed_on_derived ? ", derived" : "",
             crlm_date_months_between(p->birth_date, c->assessed_on) / 12);
    snprintf(found, sizeof found, "%d", p->age_years);
    size_t old = crlm__jv_push_key(&r->jv, "patient");
    conflict(r, "age_years", expected, found);
    crlm__jv_pop(&r->jv, old);
}

/* The latest date of the data a planned surgery is planned on: imaging, chemotherapy (start,
 * end, last bevacizumab), portal vein embolization, CEA and volumetry. */
static crlm_date plan_basis(const crlm_case *c, const char **what)
{
    crlm_date latest = CRLM_DATE_UNKNOWN;
    *what = NULL;
#define SEEN(d, name)                                                                          \
    do {                                                                                       \
        if (CRLM_DATE_KNOWN(d) && (!CRLM_DATE_KNOWN(latest) || (d) > latest)) {                \
            latest = (d);                                                                      \
            *what = (name);                                                                    \
        }                                                                                      \
    } while (0)
    for (size_t i = 0; i < c->n_studies; i++)
        SEEN(c->studies[i].date, "imaging");
    for (size_t i = 0; i < c->n_lines; i++) {
        SEEN(c->lines[i].started_on, "chemotherapy start");
        SEEN(c->lines[i].ended_on, "chemotherapy end");
        SEEN(c->lines[i].last_bevacizumab_on, "last bevacizumab dose");
    }
    SEEN(c->plan.pve_on, "portal vein embolization");
    for (size_t i = 0; i < c->n_cea; i++)
        SEEN(c->cea[i].date, "CEA");
    for (size_t i = 0; i < c->n_volumetry; i++)
        SEEN(c->volumetry[i].date, "volumetry");
#undef SEEN
    return latest;
}

/* A surgery is planned on the data before it: planned_on before the latest of them (a date of
 * 1900 made a bevacizumab interval of -45,444 days) is a contradiction. The same day is
 * allowed. */
static void check_planned_on(reader *r)
{
    const crlm_case *c = r->c;
    if (!CRLM_DATE_KNOWN(c->plan.planned_on))
        return;
    const char *what;
    crlm_date basis = plan_basis(c, &what);
    if (!CRLM_DATE_KNOWN(basis) || c->plan.planned_on >= basis)
        return;
    char b[11], found[11], expected[160];
    crlm_date_format(basis, b);
    crlm_date_format(c->plan.planned_on, found);
    snprintf(expected, sizeof expected,
             "a date on or after %s, the latest data the surgery is planned on (%s)", b, what);
    size_t old = crlm__jv_push_key(&r->jv, "plan");
    crlm__jv_error(&r->jv, "planned_on", CRLM_E_ORDER, expected, found);
    crlm__jv_pop(&r->jv, old);
}

typedef void (*object_reader)(reader *, const json_t *);
typedef void (*array_reader)(reader *, const json_t *);

static void read_root(reader *r, const json_t *root)
{
    static const char *const keys[] = {"format", "id", "assessed_on", "patient", "primary",
                                       "molecular", "liver_metastases", "extrahepatic", "cea",
                                       "imaging", "chemotherapy", "volumetry", "plan", NULL};
    crlm_case *c = r->c;
    crlm__jv_known_keys(&r->jv, root, keys);
    const char *format = NULL;
    if (crlm__jv_string(&r->jv, root, "format", 64, true, &format) &&
        strcmp(format, "crlm-case/1") != 0) {
        char found[96];
        crlm__jv_describe(json_object_get(root, "format"), found, sizeof found);
        crlm__jv_error(&r->jv, "format", CRLM_E_FORMAT, "\"crlm-case/1\"", found);
    }
    const char *id = NULL;
    if (crlm__jv_string(&r->jv, root, "id", 64, true, &id)) {
        if (!id_ok(id))
            crlm__jv_error(&r->jv, "id", CRLM_E_RANGE,
                           "1-64 characters of A-Z a-z 0-9 . _ - (a pseudonymous id)",
                           "other characters");
        else
            c->id = dup_string(r, id);
    }
    if (read_date(r, root, "assessed_on", false, false, &c->assessed_on))
        r->explicit_assessed = c->assessed_on;

    static const struct {
        const char *key;
        object_reader fn;
    } objects[] = {{"patient", read_patient},
                   {"primary", read_primary},
                   {"molecular", read_molecular},
                   {"liver_metastases", read_liver},
                   {"plan", read_plan}};
    for (size_t i = 0; i < sizeof objects / sizeof objects[0]; i++) {
        const json_t *o = crlm__jv_member(root, objects[i].key);
        if (!o || !crlm__jv_is_object(&r->jv, o, objects[i].key))
            continue;
        size_t old = crlm__jv_push_key(&r->jv, objects[i].key);
        objects[i].fn(r, o);
        crlm__jv_pop(&r->jv, old);
    }
    static const struct {
        const char *key;
        size_t max;
        array_reader fn;
    } arrays[] = {{"extrahepatic", CRLM_CASE_MAX_EXTRAHEPATIC, read_extrahepatic},
                  {"cea", CRLM_CASE_MAX_CEA, read_cea},
                  {"imaging", CRLM_CASE_MAX_STUDIES, read_imaging},
                  {"chemotherapy", CRLM_CASE_MAX_LINES, read_chemotherapy},
                  {"volumetry", CRLM_CASE_MAX_VOLUMETRY, read_volumetry}};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++) {
        const json_t *a = crlm__jv_array(&r->jv, root, arrays[i].key, arrays[i].max);
        if (!a)
            continue;
        size_t old = crlm__jv_push_key(&r->jv, arrays[i].key);
        arrays[i].fn(r, a);
        crlm__jv_pop(&r->jv, old);
    }

    if (!CRLM_DATE_KNOWN(c->assessed_on) && r->latest != INT32_MIN) {
        c->assessed_on = r->latest;
        c->assessed_on_derived = true;
    }
    check_age(r);
    check_planned_on(r);
    c->molecular.ras = crlm_ras_of(c->molecular.kras, c->molecular.nras);
    derive_synchronous(r);
    crlm_patient *p = &c->patient;
    if (p->age_years < 0 && CRLM_DATE_KNOWN(p->birth_date) && CRLM_DATE_KNOWN(c->assessed_on))
        p->age_years = crlm_date_months_between(p->birth_date, c->assessed_on) / 12;
}

/* Reads the case from the tree; text (may be NULL) is the document it was parsed from, which
 * messages quote numbers from. */
static crlm_status from_tree(const void *json_value, const char *text, size_t len,
                             const crlm_profile *profile, crlm_case **out, crlm_errors *errors)
{
    *out = NULL;
    const json_t *root = json_value;
    crlm_case *c = crlm__case_new();
    if (!c)
        return CRLM_E_NOMEM;
    crlm_profile *own_profile = NULL;
    if (!profile) {
        own_profile = crlm_profile_default_new();
        if (!own_profile) {
            crlm_case_free(c);
            return CRLM_E_NOMEM;
        }
        profile = own_profile;
    }
    reader r = {.jv = {.errors = errors, .text = text, .text_len = len},
                .arena = crlm__case_arena(c),
                .c = c,
                .explicit_assessed = CRLM_DATE_UNKNOWN,
                .latest = INT32_MIN,
                .sync_window_days = crlm_profile_num(profile, CRLM_P_SYNCHRONOUS_WINDOW_DAYS)};
    if (crlm__jv_is_object(&r.jv, root, NULL))
        read_root(&r, root);
    crlm_profile_free(own_profile);
    if (r.jv.count > 0 || r.jv.nomem) {
        crlm_case_free(c);
        return r.jv.count > 0 ? r.jv.first : CRLM_E_NOMEM;
    }
    *out = c;
    return CRLM_OK;
}

crlm_status crlm_case_from_json(const void *json_value, const crlm_profile *profile,
                                crlm_case **out, crlm_errors *errors)
{
    return from_tree(json_value, NULL, 0, profile, out, errors);
}

crlm_status crlm_case_read(const char *json, size_t len, const crlm_profile *profile,
                           crlm_case **out, crlm_errors *errors)
{
    *out = NULL;
    crlm__jv jv = {.errors = errors};
    json_t *root = crlm__jv_parse(&jv, json, len, CRLM_CASE_MAX_BYTES, CRLM_CASE_MAX_DEPTH);
    if (!root)
        return jv.first;
    crlm_status st = from_tree(root, json, len, profile, out, errors);
    json_decref(root);
    return st;
}
