/* A growable byte buffer: what the report writers fill, so a report is built whole in memory
 * and written out in one piece (never half a report on stdout). */
#ifndef CRLM_BUF_H
#define CRLM_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct crlm_buf {
    char *data;   /* owned by the buffer; NUL-terminated when len > 0 */
    size_t len;
    size_t cap;
    bool failed;  /* sticky: an allocation failed, the content is incomplete */
} crlm_buf;

/* Appending never fails loudly: on allocation failure `failed` is set and later appends are
 * ignored; check it once at the end. */
void crlm_buf_append(crlm_buf *b, const char *s, size_t n);
void crlm_buf_puts(crlm_buf *b, const char *s);
void crlm_buf_putc(crlm_buf *b, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void crlm_buf_printf(crlm_buf *b, const char *fmt, ...);
/* Appends s as a JSON string literal, quotes included. */
void crlm_buf_json_string(crlm_buf *b, const char *s);
/* Appends s with &, <, >, " and ' escaped for HTML and SVG text and attributes. */
void crlm_buf_xml_escape(crlm_buf *b, const char *s);
/* Appends a finite number in the shortest form that reads back to the same double, or
 * `null` when x is not finite (unknown). */
void crlm_buf_json_number(crlm_buf *b, double x);
void crlm_buf_reset(crlm_buf *b);
void crlm_buf_free(crlm_buf *b);

#ifdef __cplusplus
}
#endif
#endif
