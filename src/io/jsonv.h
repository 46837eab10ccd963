/* Strict reading of JSON documents (cases, profiles, HTTP bodies) into typed values.
 *
 * A reader walks the jansson tree keeping the RFC 6901 pointer of where it stands, and every
 * accessor checks the type and range of one member and, on failure, records an error with
 * that pointer, what was expected and what was found; reading then continues so that ALL the
 * errors of a document are reported at once. An absent member or `null` is "unknown" and
 * leaves the output untouched (callers pre-set NaN / -1 / UNKNOWN), unless it is required.
 */
#ifndef CRLM_IO_JSONV_H
#define CRLM_IO_JSONV_H

#include <jansson.h>
#include <stdbool.h>

#include "crlm/case.h"
#include "crlm/date.h"
#include "crlm/error.h"

typedef struct crlm__jv {
    char ptr[512];
    size_t len;
    size_t cut;            /* 0, or 1 + the length ptr had when a key did not fit: ptr no
                              longer names the member until popped back below that */
    /* The document as written (set by crlm__jv_parse; may be NULL): messages quote a number
     * as the input spells it (1.0, 1e300), which the jansson tree has lost. Not owned; must
     * outlive the reading. */
    const char *text;
    size_t text_len;
    crlm_errors *errors;   /* may be NULL: errors are then only counted */
    crlm_status first;     /* the first error's code, CRLM_OK while none */
    size_t count;
    bool nomem;
} crlm__jv;

/* Pointer navigation: push returns the previous length, to be given back to pop. */
size_t crlm__jv_push_key(crlm__jv *jv, const char *key);
size_t crlm__jv_push_index(crlm__jv *jv, size_t index);
void crlm__jv_pop(crlm__jv *jv, size_t len);

/* Records an error at the current pointer (plus `key` when not NULL). */
void crlm__jv_error(crlm__jv *jv, const char *key, crlm_status code, const char *expected,
                    const char *found);
/* Describes a JSON value for a "found" text: `the string "abc"`, `the number 5`, `null`, ...
 * A string is quoted by its length and escaped (crlm_error_escape: a NUL is \u0000), cut
 * after a whole character; a real is written in the fewest digits that read back to it. */
void crlm__jv_describe(const json_t *v, char *buf, size_t size);
/* The same for the member `key` (NULL: the value itself) of the value at the current pointer:
 * a number is quoted as the document spells it when jv->text has it. */
void crlm__jv_describe_at(const crlm__jv *jv, const char *key, const json_t *v, char *buf,
                          size_t size);
/* x in the fewest significant digits that read back to x; integers below 10^15 in full
 * (1000000, not 1e+06). */
void crlm__jv_format_number(double x, char *buf, size_t size);
/* Finds the member at pointer (an RFC 6901 pointer, "" for the root) in the JSON text and
 * gives the extent of its value; false when the text does not hold one. Tolerant of nothing:
 * for text jansson has accepted. */
bool crlm__jv_locate(const char *text, size_t len, const char *pointer, size_t *start,
                     size_t *value_len);

/* Reports every key of obj not in the NULL-terminated `allowed` list as E_UNKNOWN_FIELD. */
void crlm__jv_known_keys(crlm__jv *jv, const json_t *obj, const char *const *allowed);

/* The member `key` of obj when present and not null; NULL otherwise. */
const json_t *crlm__jv_member(const json_t *obj, const char *key);

/* Typed members. Each returns true when a valid value was stored; false when absent/null
 * (and, with required, an E_MISSING error was recorded) or invalid (an error was recorded). */
bool crlm__jv_number(crlm__jv *jv, const json_t *obj, const char *key, double lo, double hi,
                     bool required, double *out);
bool crlm__jv_int(crlm__jv *jv, const json_t *obj, const char *key, long lo, long hi,
                  bool required, int *out);
bool crlm__jv_bool(crlm__jv *jv, const json_t *obj, const char *key, bool required, bool *out);
bool crlm__jv_tri(crlm__jv *jv, const json_t *obj, const char *key, crlm_tri *out);
bool crlm__jv_date(crlm__jv *jv, const json_t *obj, const char *key, bool required,
                   crlm_date *out);
bool crlm__jv_enum(crlm__jv *jv, const json_t *obj, const char *key, crlm_enum_kind kind,
                   bool required, int *out);
/* A string member; *out points into the jansson value (valid while it lives). */
bool crlm__jv_string(crlm__jv *jv, const json_t *obj, const char *key, size_t max_len,
                     bool required, const char **out);
/* Checks that obj[key] is an array (when present) of at most max items; returns it or NULL. */
const json_t *crlm__jv_array(crlm__jv *jv, const json_t *obj, const char *key, size_t max);
/* Checks that v is an object; records E_TYPE otherwise. */
bool crlm__jv_is_object(crlm__jv *jv, const json_t *v, const char *key);

/* Parses text with jansson, refusing oversized or too deeply nested input and duplicate keys; a syntax error is
 * recorded with line and column. Returns a new reference or NULL. */
json_t *crlm__jv_parse(crlm__jv *jv, const char *text, size_t len, size_t max_bytes,
                       int max_depth);

#endif
