/* Private: what a profile reader needs to build a profile (src/io/profile_read.c): the
 * parameter table's kinds and ranges, and setters. Computing modules only read profiles
 * (crlm/profile.h). */
#ifndef CRLM_CORE_PROFILE_BUILD_H
#define CRLM_CORE_PROFILE_BUILD_H

#include "crlm/profile.h"

typedef enum crlm__param_kind {
    CRLM__PARAM_NUM,    /* a number in [lo, hi] */
    CRLM__PARAM_FLAG,   /* true/false, stored as 0/1 */
    CRLM__PARAM_CHOICE, /* one of the '|'-separated choices, stored as its index */
} crlm__param_kind;

crlm__param_kind crlm__param_kind_of(crlm_param id);
double crlm__param_lo(crlm_param id);
double crlm__param_hi(crlm_param id);
const char *crlm__param_choices(crlm_param id); /* static; NULL unless a CHOICE */

/* A new profile with every value 0 and no evidence, or NULL; crlm_profile_free frees it. */
crlm_profile *crlm__profile_new(void);
void crlm__profile_set(crlm_profile *p, crlm_param id, double value);
/* Takes ownership of `evidence` (malloc'd, "a, b"), freeing any previous one. */
void crlm__profile_set_evidence(crlm_profile *p, crlm_param id, char *evidence);
/* Sets the name and/or the SHA-256 hex (NULL leaves one as it is); both are truncated to 64
 * characters. */
void crlm__profile_set_identity(crlm_profile *p, const char *name, const char *sha256);

#endif
