/* Profiles (see profile.h): the parameter table, the lookup every computing module uses, and
 * the few calls a profile reader builds a profile with. Reading a profile from JSON is a
 * reader's job (src/io/profile_read.c): the ground floor knows no JSON.
 */
#include "core/profile_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *key;
    crlm__param_kind kind;
    double lo, hi;
    const char *choices;
} params[CRLM_PARAM_COUNT] = {
#define P(id, key, kind, lo, hi, choices) {key, CRLM__PARAM_##kind, lo, hi, choices},
    CRLM_PARAM_TABLE(P)
#undef P
};

struct crlm_profile {
    double value[CRLM_PARAM_COUNT];
    char *evidence[CRLM_PARAM_COUNT]; /* owned: "a, b" */
    char name[65];
    char sha256[65];
};

const char *crlm_profile_key(crlm_param id)
{
    return (unsigned)id < CRLM_PARAM_COUNT ? params[id].key : "";
}

double crlm_profile_num(const crlm_profile *p, crlm_param id) { return p->value[id]; }
const char *crlm_profile_evidence(const crlm_profile *p, crlm_param id) { return p->evidence[id]; }
const char *crlm_profile_name(const crlm_profile *p) { return p->name; }
const char *crlm_profile_sha256(const crlm_profile *p) { return p->sha256; }

void crlm_profile_free(crlm_profile *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < CRLM_PARAM_COUNT; i++)
        free(p->evidence[i]);
    free(p);
}

crlm__param_kind crlm__param_kind_of(crlm_param id) { return params[id].kind; }
double crlm__param_lo(crlm_param id) { return params[id].lo; }
double crlm__param_hi(crlm_param id) { return params[id].hi; }
const char *crlm__param_choices(crlm_param id) { return params[id].choices; }

crlm_profile *crlm__profile_new(void) { return calloc(1, sizeof(crlm_profile)); }

void crlm__profile_set(crlm_profile *p, crlm_param id, double value) { p->value[id] = value; }

void crlm__profile_set_evidence(crlm_profile *p, crlm_param id, char *evidence)
{
    free(p->evidence[id]);
    p->evidence[id] = evidence;
}

void crlm__profile_set_identity(crlm_profile *p, const char *name, const char *sha256)
{
    if (name)
        snprintf(p->name, sizeof p->name, "%s", name);
    if (sha256)
        snprintf(p->sha256, sizeof p->sha256, "%s", sha256);
}
