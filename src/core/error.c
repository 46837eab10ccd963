/* The status table's names and messages, and the bounded error list. */
#include "crlm/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *crlm_status_name(crlm_status s)
{
    switch (s) {
#define CRLM__NAME(name, num, msg) case CRLM_##name: return #name;
        CRLM_STATUS_TABLE(CRLM__NAME)
#undef CRLM__NAME
    }
    return "E_UNKNOWN";
}

const char *crlm_status_message(crlm_status s)
{
    switch (s) {
#define CRLM__MSG(name, num, msg) case CRLM_##name: return msg;
        CRLM_STATUS_TABLE(CRLM__MSG)
#undef CRLM__MSG
    }
    return "unknown status";
}

/* The length of the valid UTF-8 sequence at p (at most n bytes left), or 0 when the byte at p
 * does not begin one: overlong forms, surrogates and code points past U+10FFFF are invalid
 * (RFC 3629). *cp receives the code point. */
static size_t utf8_seq(const unsigned char *p, size_t n, unsigned long *cp)
{
    unsigned char c = p[0];
    size_t len;
    unsigned long v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, v = c & 0x1Fu, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, v = c & 0x0Fu, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, v = c & 0x07u, min = 0x10000;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

/* The text one unit of input (a character or an invalid byte) is shown as; *in is how many
 * input bytes it takes. Returns the length written to out (at most 6 bytes). */
static size_t escape_unit(const unsigned char *p, size_t n, char out[8], size_t *in)
{
    static const char hex[] = "0123456789abcdef";
    unsigned long cp = 0;
    size_t len = utf8_seq(p, n, &cp);
    if (len == 0) {
        *in = 1;
        out[0] = '\\', out[1] = 'x', out[2] = hex[p[0] >> 4], out[3] = hex[p[0] & 15];
        return 4;
    }
    *in = len;
    if (cp == '\n' || cp == '\r' || cp == '\t') {
        out[0] = '\\';
        out[1] = cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't';
        return 2;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
        out[0] = '\\', out[1] = 'u', out[2] = '0', out[3] = '0';
        out[4] = hex[(cp >> 4) & 15], out[5] = hex[cp & 15];
        return 6;
    }
    memcpy(out, p, len);
    return len;
}

char *crlm_error_escape(char *dst, size_t size, const char *src, size_t len)
{
    if (size == 0)
        return dst;
    const unsigned char *p = (const unsigned char *)(src ? src : "");
    if (!src)
        len = 0;
    /* A dry run first: only a text that does not fit gives up room for the "...". */
    size_t total = 0;
    char unit[8];
    for (size_t i = 0, in; i < len; i += in)
        total += escape_unit(p + i, len - i, unit, &in);
    size_t room = total < size ? total : (size > 4 ? size - 4 : 0);
    size_t w = 0;
    for (size_t i = 0, in; i < len; i += in) {
        size_t u = escape_unit(p + i, len - i, unit, &in);
        if (w + u > room)
            break;
        memcpy(dst + w, unit, u);
        w += u;
    }
    if (total >= size && size > 4) {
        memcpy(dst + w, "...", 3);
        w += 3;
    }
    dst[w] = '\0';
    return dst;
}

static void copy_field(char *dst, size_t size, const char *src)
{
    crlm_error_escape(dst, size, src, src ? strlen(src) : 0);
}

void crlm_error_set(crlm_error *e, crlm_status code, const char *pointer, long line, long column,
                    const char *expected, const char *found)
{
    e->code = code;
    copy_field(e->pointer, sizeof e->pointer, pointer);
    e->line = line;
    e->column = column;
    copy_field(e->expected, sizeof e->expected, expected);
    copy_field(e->found, sizeof e->found, found);
}

crlm_status crlm_errors_add(crlm_errors *list, crlm_status code, const char *pointer,
                            long line, long column, const char *expected, const char *found)
{
    if (!list)
        return CRLM_OK;
    if (list->count >= CRLM_ERRORS_MAX) {
        list->dropped++;
        return CRLM_OK;
    }
    if (list->count == list->capacity) {
        size_t cap = list->capacity ? list->capacity * 2 : 8;
        crlm_error *items = realloc(list->items, cap * sizeof *items);
        if (!items)
            return CRLM_E_NOMEM;
        list->items = items;
        list->capacity = cap;
    }
    crlm_error_set(&list->items[list->count++], code, pointer, line, column, expected, found);
    return CRLM_OK;
}

void crlm_errors_clear(crlm_errors *list)
{
    if (list) {
        list->count = 0;
        list->dropped = 0;
    }
}

void crlm_errors_free(crlm_errors *list)
{
    if (!list)
        return;
    free(list->items);
    list->items = NULL;
    list->count = list->capacity = list->dropped = 0;
}

/* Cuts a NUL-terminated text of n bytes back to its last whole UTF-8 character. */
static void cut_at_character(char *s, size_t n)
{
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && n - i < 3)
        i--;
    if (i == 0)
        return;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < need)
        s[i - 1] = '\0';
}

int crlm_error_format(const crlm_error *e, char *buf, size_t size)
{
    int n;
    if (e->line > 0 && e->column > 0)
        n = snprintf(buf, size, "line %ld, column %ld: expected %s, found %s", e->line,
                     e->column, e->expected, e->found);
    else if (e->line > 0)
        n = snprintf(buf, size, "line %ld: expected %s, found %s", e->line, e->expected,
                     e->found);
    else if (e->pointer[0])
        n = snprintf(buf, size, "%s: expected %s, found %s", e->pointer, e->expected, e->found);
    else
        n = snprintf(buf, size, "expected %s, found %s", e->expected, e->found);
    if (n >= 0 && size > 0 && (size_t)n >= size)
        cut_at_character(buf, size - 1);
    return n;
}
