/* Spellings of the enumerations in enums.h. Lookups are linear: the longest list has eleven
 * entries, and a short strcmp scan beats any hashing at that size. */
#include "crlm/enums.h"

#include <stddef.h>
#include <string.h>

#define CRLM__ENUM_STRING(prefix, name, str) str,
#define CRLM__ENUM_JOINED(prefix, name, str) ", " str

#define TABLE(var, LIST) static const char *const var[] = {NULL, LIST(CRLM__ENUM_STRING)};
TABLE(sex, CRLM_SEX_VALUES)
TABLE(liver, CRLM_LIVER_VALUES)
TABLE(site, CRLM_SITE_VALUES)
TABLE(tstage, CRLM_TSTAGE_VALUES)
TABLE(nstage, CRLM_NSTAGE_VALUES)
TABLE(mutation, CRLM_MUTATION_VALUES)
TABLE(msi, CRLM_MSI_VALUES)
TABLE(ehsite, CRLM_EHSITE_VALUES)
TABLE(modality, CRLM_MODALITY_VALUES)
TABLE(organ, CRLM_ORGAN_VALUES)
TABLE(segment, CRLM_SEGMENT_VALUES)
TABLE(morphology, CRLM_MORPHOLOGY_VALUES)
TABLE(role, CRLM_ROLE_VALUES)
TABLE(lstatus, CRLM_LSTATUS_VALUES)
TABLE(intent, CRLM_INTENT_VALUES)
TABLE(agent, CRLM_AGENT_VALUES)
TABLE(procedure, CRLM_PROCEDURE_VALUES)
TABLE(margin, CRLM_MARGIN_VALUES)

/* The leading ", " of the joined list is skipped by starting at offset 2. */
#define ALLOWED(LIST) ("" LIST(CRLM__ENUM_JOINED)) + 2

static const struct {
    const char *const *names;
    size_t count;
    const char *allowed;
} kinds[CRLM_ENUM_KIND_COUNT] = {
#define K(var, LIST) {var, sizeof var / sizeof var[0], ALLOWED(LIST)}
    K(sex, CRLM_SEX_VALUES), K(liver, CRLM_LIVER_VALUES), K(site, CRLM_SITE_VALUES),
    K(tstage, CRLM_TSTAGE_VALUES), K(nstage, CRLM_NSTAGE_VALUES),
    K(mutation, CRLM_MUTATION_VALUES), K(msi, CRLM_MSI_VALUES), K(ehsite, CRLM_EHSITE_VALUES),
    K(modality, CRLM_MODALITY_VALUES), K(organ, CRLM_ORGAN_VALUES),
    K(segment, CRLM_SEGMENT_VALUES), K(morphology, CRLM_MORPHOLOGY_VALUES),
    K(role, CRLM_ROLE_VALUES), K(lstatus, CRLM_LSTATUS_VALUES), K(intent, CRLM_INTENT_VALUES),
    K(agent, CRLM_AGENT_VALUES), K(procedure, CRLM_PROCEDURE_VALUES),
    K(margin, CRLM_MARGIN_VALUES),
#undef K
};

const char *crlm_enum_name(crlm_enum_kind kind, int value)
{
    if ((unsigned)kind >= CRLM_ENUM_KIND_COUNT || value <= 0 ||
        (size_t)value >= kinds[kind].count)
        return NULL;
    return kinds[kind].names[value];
}

int crlm_enum_parse(crlm_enum_kind kind, const char *s)
{
    if ((unsigned)kind >= CRLM_ENUM_KIND_COUNT || !s)
        return 0;
    for (size_t i = 1; i < kinds[kind].count; i++)
        if (strcmp(kinds[kind].names[i], s) == 0)
            return (int)i;
    return 0;
}

const char *crlm_enum_allowed(crlm_enum_kind kind)
{
    if ((unsigned)kind >= CRLM_ENUM_KIND_COUNT)
        return "";
    return kinds[kind].allowed;
}
