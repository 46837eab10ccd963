/* What-if: the same case with some inputs changed ("what if the remnant were 520 mL?"), and
 * what that changes in the assessment. Changes are RFC 6901 JSON pointers into the case file
 * with a JSON value (`/volumetry/0/flr_ml=520`, `/primary/symptomatic=true`,
 * `/cea/0/value_ng_ml=null` to make a value unknown); a value that is not JSON is taken as a
 * string (`/primary/site=rectum`). The changed case is validated like any case. A reader:
 * it sits with the case JSON reader, above the model. */
#ifndef CRLM_WHATIF_H
#define CRLM_WHATIF_H

#include "crlm/case.h"
#include "crlm/change.h"
#include "crlm/error.h"
#include "crlm/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads a case as given (*original) and with the assignments applied (*changed); both owned
 * by the caller (crlm_case_free). On failure both are NULL and `errors` says why: an
 * assignment that is malformed or points nowhere (E_ARGUMENT, with its pointer), or a case
 * that is invalid before or after the change. */
crlm_status crlm_case_read_what_if(const char *json, size_t len, const char *const *assignments,
                                   size_t n_assignments, const crlm_profile *p,
                                   crlm_case **original, crlm_case **changed,
                                   crlm_what_if *what_if, crlm_errors *errors);

#ifdef __cplusplus
}
#endif
#endif
