/* Small JSON-writing helpers shared by every renderer (report, response, lesion tables,
 * evidence): the spellings of unknown (null) live in one place. */
#ifndef CRLM_CORE_JSONW_H
#define CRLM_CORE_JSONW_H

#include <stdbool.h>

#include "crlm/buf.h"
#include "crlm/date.h"
#include "crlm/tri.h"

/* `"key":`, preceded by a comma unless *first (which it then clears). */
void crlm__json_key(crlm_buf *b, const char *key, bool *first);
/* "YYYY-MM-DD", or null when unknown. */
void crlm__json_date(crlm_buf *b, crlm_date d);
/* true, false, or null when unknown. */
void crlm__json_tri(crlm_buf *b, crlm_tri t);
/* A static name (an enum's spelling, escaped as a JSON string), or null when NULL. */
void crlm__json_name(crlm_buf *b, const char *name);

#endif
