/* The one error type of crlm.
 *
 * Every fallible function returns a crlm_status and, when given one, fills a crlm_errors list
 * with what went wrong and where: a JSON pointer (case files, profiles, HTTP bodies) or a line
 * and column (JSON syntax, CSV), what was expected and what was found. The codes come from one
 * X-macro table so the enum, its names and its messages cannot drift; numbers are never reused.
 *
 * Clinical indeterminacy (a score that is a range, a time point that is not evaluable, a Cox
 * model that did not converge) is NOT an error: it is a value in a result.
 */
#ifndef CRLM_ERROR_H
#define CRLM_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* X(name, number, message) */
#define CRLM_STATUS_TABLE(X)                                                   \
    X(OK, 0, "success")                                                        \
    X(E_NOMEM, 1, "out of memory")                                             \
    X(E_IO, 2, "input/output error")                                           \
    X(E_SYNTAX, 3, "syntax error")                                             \
    X(E_LIMIT, 4, "input exceeds a hard limit")                                \
    X(E_UNKNOWN_FIELD, 5, "unknown field")                                     \
    X(E_TYPE, 6, "wrong type")                                                 \
    X(E_RANGE, 7, "value out of range")                                        \
    X(E_ORDER, 8, "impossible order")                                          \
    X(E_DUPLICATE, 9, "duplicate")                                             \
    X(E_MISSING, 10, "required field missing")                                 \
    X(E_FORMAT, 11, "unsupported format")                                      \
    X(E_ENUM, 12, "not one of the allowed values")                             \
    X(E_CONFLICT, 13, "contradictory values")                                  \
    X(E_ARGUMENT, 14, "invalid argument")                                      \
    X(E_INTERNAL, 15, "internal error")                                        \
    X(E_NUMERIC, 16, "numerical failure")

typedef enum crlm_status {
#define CRLM__STATUS_ENUM(name, num, msg) CRLM_##name = num,
    CRLM_STATUS_TABLE(CRLM__STATUS_ENUM)
#undef CRLM__STATUS_ENUM
} crlm_status;

/* "E_TYPE" etc.; "E_UNKNOWN" for a number not in the table. Static strings. */
const char *crlm_status_name(crlm_status s);
/* A short English message. Static string. */
const char *crlm_status_message(crlm_status s);

/* One problem found in an input. Fixed-size fields keep an error free of allocations;
 * longer texts are truncated with "...". Filled by crlm_error_set, the texts are escaped
 * (crlm_error_escape): one line each, valid UTF-8. */
typedef struct crlm_error {
    crlm_status code;
    char pointer[192];  /* RFC 6901 JSON pointer, "" when not applicable */
    long line;          /* 1-based line, 0 when not applicable */
    long column;        /* 1-based column, 0 when not applicable */
    char expected[160]; /* what the contract asks for */
    char found[160];    /* what the input had */
} crlm_error;

/* A list of errors. Zero-initialise it (`crlm_errors e = {0};`) and free it with
 * crlm_errors_free. It keeps at most CRLM_ERRORS_MAX entries and counts the rest in
 * `dropped`, so hostile input cannot grow it without bound. */
#define CRLM_ERRORS_MAX 100
typedef struct crlm_errors {
    crlm_error *items; /* owned by the list */
    size_t count;
    size_t capacity;
    size_t dropped;
} crlm_errors;

/* Writes the len bytes at src into dst (size bytes, always NUL-terminated when size > 0) as
 * one line of printable, valid UTF-8, so that a message quoting an input can neither span
 * lines, nor drive a terminal, nor be invalid in a JSON or CSV output: LF, CR and TAB become
 * \n, \r and \t, every other control character (C0, DEL, C1) \u00XX (a NUL byte is
 * \u0000), and a byte that is not part of a valid UTF-8 sequence \xHH. Everything else,
 * backslashes included, is copied as it is, so escaping escaped text changes nothing. When the
 * result does not fit it is cut after a whole character or escape and ends in "...".
 * Returns dst. */
char *crlm_error_escape(char *dst, size_t size, const char *src, size_t len);

/* Fills *e; the texts go through crlm_error_escape (NULL is ""), so every error holds single
 * lines of valid UTF-8 whoever builds it. */
void crlm_error_set(crlm_error *e, crlm_status code, const char *pointer, long line, long column,
                    const char *expected, const char *found);

/* Appends an error (filled as crlm_error_set does); expected/found are printf formats' results
 * already (plain strings). Returns CRLM_OK or CRLM_E_NOMEM. A NULL list is accepted and
 * ignored. */
crlm_status crlm_errors_add(crlm_errors *list, crlm_status code, const char *pointer,
                            long line, long column, const char *expected, const char *found);
/* Frees the items; the list becomes empty and reusable. NULL is a no-op. */
void crlm_errors_clear(crlm_errors *list);
void crlm_errors_free(crlm_errors *list);

/* Formats one error as "/pointer: expected X, found Y", "line L, column C: ...", "line L: ..."
 * or, with neither, "expected X, found Y" into buf, never cutting a character in half when
 * buf is too small. Returns the number of characters that would have been written, like
 * snprintf. */
int crlm_error_format(const crlm_error *e, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
