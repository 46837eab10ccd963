/* The line reader of crlm/lines.h.
 *
 * One buffer of max_line + 2 bytes: a line of the limit, the CR of a CRLF line end, and the
 * NUL that follows every line. Bytes are taken one at a time with getc_unlocked (stdio's own
 * buffer makes that a pointer increment), which is what lets a read stop at a line end instead
 * of waiting to fill a block; on a batch the cost is noise next to parsing and assessing the
 * case. */
#define _POSIX_C_SOURCE 200809L /* getc_unlocked */
#include "crlm/lines.h"

#include <stdint.h>
#include <stdlib.h>

struct crlm_lines {
    FILE *fp;
    const char *mem;
    size_t mem_len, pos;
    char *buf; /* max + 2 bytes */
    size_t max;
    long number;
    bool at_end;
    crlm_status status;
};

static crlm_status open_common(crlm_lines **out, size_t max_line)
{
    *out = NULL;
    if (max_line == 0 || max_line > SIZE_MAX - 2)
        return CRLM_E_ARGUMENT;
    crlm_lines *r = calloc(1, sizeof *r);
    if (!r)
        return CRLM_E_NOMEM;
    r->buf = malloc(max_line + 2);
    if (!r->buf) {
        free(r);
        return CRLM_E_NOMEM;
    }
    r->max = max_line;
    *out = r;
    return CRLM_OK;
}

crlm_status crlm_lines_open_file(crlm_lines **out, FILE *fp, size_t max_line)
{
    if (!out)
        return CRLM_E_ARGUMENT;
    if (!fp) {
        *out = NULL;
        return CRLM_E_ARGUMENT;
    }
    crlm_status st = open_common(out, max_line);
    if (st == CRLM_OK)
        (*out)->fp = fp;
    return st;
}

crlm_status crlm_lines_open_memory(crlm_lines **out, const char *data, size_t len,
                                   size_t max_line)
{
    if (!out)
        return CRLM_E_ARGUMENT;
    if (!data && len > 0) {
        *out = NULL;
        return CRLM_E_ARGUMENT;
    }
    crlm_status st = open_common(out, max_line);
    if (st == CRLM_OK) {
        (*out)->mem = data;
        (*out)->mem_len = len;
    }
    return st;
}

static int next_byte(crlm_lines *r)
{
    if (r->fp)
        return getc_unlocked(r->fp);
    return r->pos < r->mem_len ? (unsigned char)r->mem[r->pos++] : EOF;
}

bool crlm_lines_next(crlm_lines *r, crlm_line *line)
{
    line->text = NULL;
    line->len = 0;
    line->number = 0;
    line->too_long = false;
    if (r->at_end || r->status != CRLM_OK)
        return false;
    /* The buffer keeps max + 1 bytes: a line of the limit plus the CR of its line end. */
    size_t n = 0, total = 0;
    bool any = false, cr_last = false;
    for (;;) {
        int c = next_byte(r);
        if (c == EOF) {
            r->at_end = true;
            if (r->fp && ferror(r->fp)) {
                r->status = CRLM_E_IO;
                return false;
            }
            break;
        }
        any = true;
        if (c == '\n')
            break;
        if (n <= r->max)
            r->buf[n++] = (char)c;
        if (total < SIZE_MAX)
            total++;
        cr_last = c == '\r';
    }
    if (!any)
        return false;
    line->number = ++r->number;
    if (cr_last) { /* part of the line end, whether or not the buffer kept it */
        if (n == total)
            n--;
        total--;
    }
    if (total > r->max) {
        line->too_long = true;
        line->len = total;
        return true;
    }
    r->buf[n] = '\0';
    line->text = r->buf;
    line->len = n;
    return true;
}

crlm_status crlm_lines_status(const crlm_lines *r)
{
    return r->status;
}

size_t crlm_lines_max(const crlm_lines *r)
{
    return r->max;
}

bool crlm_line_blank(const crlm_line *line)
{
    if (line->too_long)
        return false;
    for (size_t i = 0; i < line->len; i++) {
        char c = line->text[i];
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return true;
}

void crlm_lines_close(crlm_lines *r)
{
    if (!r)
        return;
    free(r->buf);
    free(r);
}
