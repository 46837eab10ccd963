/* The growable buffer of buf.h. JSON numbers are written in the shortest round-trip form
 * (%.15g, then %.17g when 15 digits lose information) so reports are stable and exact. */
#include "crlm/buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool reserve(crlm_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            b->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *d = realloc(b->data, cap);
    if (!d) {
        b->failed = true;
        return false;
    }
    b->data = d;
    b->cap = cap;
    return true;
}

void crlm_buf_append(crlm_buf *b, const char *s, size_t n)
{
    if (n == 0) /* memcpy from a NULL source is undefined even for 0 bytes */
        return;
    if (!reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void crlm_buf_puts(crlm_buf *b, const char *s) { crlm_buf_append(b, s, strlen(s)); }

void crlm_buf_putc(crlm_buf *b, char c)
{
    if (!reserve(b, 1))
        return;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void crlm_buf_printf(crlm_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        crlm_buf_append(b, small, (size_t)n);
        return;
    }
    if (!reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void crlm_buf_json_string(crlm_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    crlm_buf_putc(b, '"');
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *run = p;
    for (; *p; p++) {
        unsigned char c = *p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        crlm_buf_append(b, (const char *)run, (size_t)(p - run));
        switch (c) {
        case '"': crlm_buf_append(b, "\\\"", 2); break;
        case '\\': crlm_buf_append(b, "\\\\", 2); break;
        case '\n': crlm_buf_append(b, "\\n", 2); break;
        case '\r': crlm_buf_append(b, "\\r", 2); break;
        case '\t': crlm_buf_append(b, "\\t", 2); break;
        default: {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            crlm_buf_append(b, esc, 6);
        }
        }
        run = p + 1;
    }
    crlm_buf_append(b, (const char *)run, (size_t)(p - run));
    crlm_buf_putc(b, '"');
}

void crlm_buf_xml_escape(crlm_buf *b, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        crlm_buf_append(b, run, (size_t)(s - run));
        crlm_buf_puts(b, rep);
        run = s + 1;
    }
    crlm_buf_append(b, run, (size_t)(s - run));
}

void crlm_buf_json_number(crlm_buf *b, double x)
{
    if (!isfinite(x)) {
        crlm_buf_append(b, "null", 4);
        return;
    }
    if (x == 0) {
        crlm_buf_putc(b, '0');
        return;
    }
    /* Integers are common (counts, cut-offs) and print fastest without printf. */
    if (fabs(x) < 1e15 && x == (double)(long long)x) {
        char tmp[24];
        int n = snprintf(tmp, sizeof tmp, "%lld", (long long)x);
        crlm_buf_append(b, tmp, (size_t)n);
        return;
    }
    /* Most report numbers are rounded to one or two decimals (percentages, volumes): when x
     * is exactly the double nearest to k/10 or k/100, print k's digits with a point inserted,
     * which reads back to x (strtod rounds correctly), without printf's float machinery. */
    for (int scale = 10; scale <= 100; scale *= 10) {
        double k = round(x * scale);
        if (fabs(k) < 1e15 && k / scale == x) {
            long long v = (long long)fabs(k);
            char digits[24];
            int nd = 0;
            do {
                digits[nd++] = (char)('0' + v % 10);
                v /= 10;
            } while (v);
            int decimals = scale == 10 ? 1 : 2;
            while (nd <= decimals)
                digits[nd++] = '0';
            char out[32];
            int o = 0;
            if (x < 0)
                out[o++] = '-';
            for (int i = nd - 1; i >= 0; i--) {
                out[o++] = digits[i];
                if (i == decimals)
                    out[o++] = '.';
            }
            /* trailing zeros of the fraction ("22.50" -> "22.5") */
            while (out[o - 1] == '0')
                o--;
            if (out[o - 1] == '.')
                o--;
            crlm_buf_append(b, out, (size_t)o);
            return;
        }
    }
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%.15g", x);
    if (strtod(tmp, NULL) != x)
        n = snprintf(tmp, sizeof tmp, "%.17g", x);
    crlm_buf_append(b, tmp, (size_t)n);
}

void crlm_buf_reset(crlm_buf *b)
{
    b->len = 0;
    b->failed = false;
    if (b->data)
        b->data[0] = '\0';
}

void crlm_buf_free(crlm_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}
