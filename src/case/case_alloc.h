/* Private to the layers that build a case (the readers): a new, all-unknown case and the arena
 * that will own everything it points to. Consumers never see the arena; crlm_case_free frees
 * it with the case. */
#ifndef CRLM_CASE_ALLOC_H
#define CRLM_CASE_ALLOC_H

#include "core/arena.h"
#include "crlm/case.h"

/* A new case in which every field is unknown (NaN, -1, UNKNOWN, CRLM_DATE_UNKNOWN, lists not
 * known), or NULL when out of memory. Owned by the caller: crlm_case_free. */
crlm_case *crlm__case_new(void);
/* The arena of a case made by crlm__case_new: strings and arrays the case points to are
 * allocated here. */
crlm__arena *crlm__case_arena(crlm_case *c);

#endif
