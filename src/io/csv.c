/* The streaming RFC 4180 record reader declared in crlm/csv.h.
 *
 * One buffer holds the current record and whatever of the input was read after it. A record
 * is scanned from its first byte; when the scan reaches the end of the buffered data before
 * the record ends, the record is moved to the front, more input is read, and the scan starts
 * again from the record's first byte (this happens about once per 64 KiB chunk, so the cost
 * is negligible). Field boundaries are kept as offsets from the record start and doubled
 * quotes are collapsed in place only once the whole record is in the buffer, so a restarted
 * scan always sees the original bytes. The buffer grows only while a single record is longer
 * than a chunk, and never past max_record_bytes: memory is bounded by one record.
 *
 * Expected sizes: cohorts of 10^2..10^7 rows, lesion tables of tens of rows; throughput is
 * dominated by the unquoted-field scan, a table lookup per byte.
 */
#include "crlm/csv.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_BYTES ((size_t)64 * 1024)
#define DEFAULT_MAX_RECORD ((size_t)1024 * 1024)
#define DEFAULT_MAX_FIELDS ((size_t)4096)

typedef struct field_meta {
    size_t off; /* from the record start, first content byte */
    size_t len; /* raw content length (quotes excluded, doubled quotes not yet collapsed) */
    bool escaped;
} field_meta;

struct crlm_csv_reader {
    FILE *fp;
    const char *mem;
    size_t mem_len, mem_pos;
    char *buf;
    size_t cap;   /* allocated bytes of buf */
    size_t start; /* first byte of the next record */
    size_t end;   /* end of the buffered input */
    bool eof;     /* nothing more to read after buf[end] */
    bool started; /* the byte order mark check was done */
    long line;    /* line number of buf[start] */
    crlm_status failed;
    size_t max_record, max_fields;
    field_meta *meta;
    crlm_csv_field *fields;
    size_t fields_cap;
};

/* Bytes that end an unquoted field or make it invalid. */
static const unsigned char stop_byte[256] = {
    ['\n'] = 1, ['\r'] = 1, [','] = 1, ['"'] = 1,
};

static crlm_status open_common(crlm_csv_reader **out, const crlm_csv_options *opt,
                               crlm_errors *errors)
{
    *out = NULL;
    crlm_csv_reader *r = calloc(1, sizeof *r);
    if (!r) {
        crlm_errors_add(errors, CRLM_E_NOMEM, "", 0, 0, "memory for a CSV reader", "none");
        return CRLM_E_NOMEM;
    }
    r->max_record = opt && opt->max_record_bytes ? opt->max_record_bytes : DEFAULT_MAX_RECORD;
    r->max_fields = opt && opt->max_fields ? opt->max_fields : DEFAULT_MAX_FIELDS;
    r->cap = CHUNK_BYTES;
    r->buf = malloc(r->cap);
    r->fields_cap = 16;
    r->meta = malloc(r->fields_cap * sizeof *r->meta);
    r->fields = malloc(r->fields_cap * sizeof *r->fields);
    if (!r->buf || !r->meta || !r->fields) {
        crlm_csv_close(r);
        crlm_errors_add(errors, CRLM_E_NOMEM, "", 0, 0, "memory for a CSV reader", "none");
        return CRLM_E_NOMEM;
    }
    r->line = 1;
    *out = r;
    return CRLM_OK;
}

crlm_status crlm_csv_open_file(crlm_csv_reader **out, FILE *fp, const crlm_csv_options *opt,
                               crlm_errors *errors)
{
    if (!out || !fp) {
        crlm_errors_add(errors, CRLM_E_ARGUMENT, "", 0, 0, "an open file", "none");
        return CRLM_E_ARGUMENT;
    }
    crlm_status st = open_common(out, opt, errors);
    if (st == CRLM_OK)
        (*out)->fp = fp;
    return st;
}

crlm_status crlm_csv_open_memory(crlm_csv_reader **out, const char *data, size_t len,
                                 const crlm_csv_options *opt, crlm_errors *errors)
{
    if (!out || (!data && len > 0)) {
        crlm_errors_add(errors, CRLM_E_ARGUMENT, "", 0, 0, "a memory block", "none");
        return CRLM_E_ARGUMENT;
    }
    crlm_status st = open_common(out, opt, errors);
    if (st == CRLM_OK) {
        (*out)->mem = data ? data : "";
        (*out)->mem_len = len;
    }
    return st;
}

void crlm_csv_close(crlm_csv_reader *r)
{
    if (!r)
        return;
    free(r->buf);
    free(r->meta);
    free(r->fields);
    free(r);
}

static crlm_status fail(crlm_csv_reader *r, crlm_errors *errors, crlm_status code, long line,
                        long column, const char *expected, const char *found)
{
    crlm_errors_add(errors, code, "", line, column, expected, found);
    r->failed = code;
    return code;
}

/* Moves the unfinished record to the front and reads more input after it. Grows the buffer
 * when the record already fills it. */
static crlm_status refill(crlm_csv_reader *r, crlm_errors *errors)
{
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->end == r->cap) {
        if (r->end > r->max_record) {
            char found[64];
            snprintf(found, sizeof found, "more than %zu bytes", r->max_record);
            return fail(r, errors, CRLM_E_LIMIT, r->line, 1, "a record within the size limit",
                        found);
        }
        size_t cap = r->cap * 2;
        if (cap > r->max_record + CHUNK_BYTES)
            cap = r->max_record + CHUNK_BYTES;
        if (cap <= r->cap)
            cap = r->cap + CHUNK_BYTES;
        char *nb = realloc(r->buf, cap);
        if (!nb)
            return fail(r, errors, CRLM_E_NOMEM, r->line, 0, "memory for a CSV record", "none");
        r->buf = nb;
        r->cap = cap;
    }
    size_t want = r->cap - r->end, got;
    if (r->fp) {
        got = fread(r->buf + r->end, 1, want, r->fp);
        if (got < want) {
            if (ferror(r->fp))
                return fail(r, errors, CRLM_E_IO, r->line, 0, "a readable file", strerror(errno));
            r->eof = true;
        }
    } else {
        size_t left = r->mem_len - r->mem_pos;
        got = left < want ? left : want;
        memcpy(r->buf + r->end, r->mem + r->mem_pos, got);
        r->mem_pos += got;
        if (r->mem_pos == r->mem_len)
            r->eof = true;
    }
    r->end += got;
    return CRLM_OK;
}

static bool grow_fields(crlm_csv_reader *r)
{
    size_t cap = r->fields_cap * 2;
    field_meta *m = realloc(r->meta, cap * sizeof *m);
    if (!m)
        return false;
    r->meta = m;
    crlm_csv_field *f = realloc(r->fields, cap * sizeof *f);
    if (!f)
        return false;
    r->fields = f;
    r->fields_cap = cap;
    return true;
}

enum scan_result { SCAN_DONE, SCAN_MORE, SCAN_ERROR };

/* Scans one record starting at r->start. On SCAN_DONE, *nfields and r->meta describe it,
 * *rec_end is the offset after its line end and *newlines the lines it spans. */
static enum scan_result scan_record(crlm_csv_reader *r, crlm_errors *errors, size_t *nfields,
                                    size_t *rec_end, long *newlines)
{
    const char *buf = r->buf;
    size_t pos = r->start, end = r->end;
    size_t n = 0;
    long nl = 0;
    for (;;) {
        if (n == r->fields_cap && !grow_fields(r)) {
            fail(r, errors, CRLM_E_NOMEM, r->line, 0, "memory for CSV fields", "none");
            return SCAN_ERROR;
        }
        if (n >= r->max_fields) {
            char found[64];
            snprintf(found, sizeof found, "more than %zu fields", r->max_fields);
            fail(r, errors, CRLM_E_LIMIT, r->line + nl, (long)n + 1,
                 "a record within the field limit", found);
            return SCAN_ERROR;
        }
        field_meta *m = &r->meta[n];
        m->escaped = false;
        if (pos < end && buf[pos] == '"') {
            long field_line = r->line + nl;
            size_t q = pos + 1;
            m->off = q - r->start;
            for (;;) {
                const char *hit = memchr(buf + q, '"', end - q);
                if (!hit) {
                    if (!r->eof)
                        return SCAN_MORE;
                    fail(r, errors, CRLM_E_SYNTAX, field_line, (long)n + 1,
                         "a closing quote", "the end of the input");
                    return SCAN_ERROR;
                }
                size_t h = (size_t)(hit - buf);
                if (h + 1 == end && !r->eof)
                    return SCAN_MORE;
                if (h + 1 < end && buf[h + 1] == '"') {
                    m->escaped = true;
                    q = h + 2;
                    continue;
                }
                m->len = h - (pos + 1);
                for (size_t i = pos + 1; i < h; i++)
                    if (buf[i] == '\n' || (buf[i] == '\r' && (i + 1 == h || buf[i + 1] != '\n')))
                        nl++;
                pos = h + 1;
                break;
            }
            if (pos < end && buf[pos] != ',' && buf[pos] != '\n' && buf[pos] != '\r') {
                char found[8] = {'\'', buf[pos], '\'', 0};
                if ((unsigned char)buf[pos] < 32 || (unsigned char)buf[pos] > 126)
                    found[1] = '?';
                fail(r, errors, CRLM_E_SYNTAX, r->line + nl, (long)n + 1,
                     "',' or a line end after a closing quote", found);
                return SCAN_ERROR;
            }
        } else {
            size_t p = pos;
            while (p < end && !stop_byte[(unsigned char)buf[p]])
                p++;
            if (p < end && buf[p] == '"') {
                fail(r, errors, CRLM_E_SYNTAX, r->line + nl, (long)n + 1,
                     "a quote only at the start of a field", "'\"' inside an unquoted field");
                return SCAN_ERROR;
            }
            if (p == end && !r->eof)
                return SCAN_MORE;
            m->off = pos - r->start;
            m->len = p - pos;
            pos = p;
        }
        n++;
        if (pos == end) { /* end of input ends the record */
            *nfields = n;
            *rec_end = pos;
            *newlines = nl;
            return SCAN_DONE;
        }
        char c = buf[pos];
        if (c == ',') {
            pos++;
            continue;
        }
        if (c == '\r') {
            if (pos + 1 == end && !r->eof)
                return SCAN_MORE;
            pos += (pos + 1 < end && buf[pos + 1] == '\n') ? 2 : 1;
        } else {
            pos++;
        }
        *nfields = n;
        *rec_end = pos;
        *newlines = nl + 1;
        return SCAN_DONE;
    }
}

crlm_status crlm_csv_next(crlm_csv_reader *r, crlm_csv_record *rec, crlm_errors *errors)
{
    if (!r || !rec)
        return CRLM_E_ARGUMENT;
    rec->fields = r->fields;
    rec->count = 0;
    rec->line = r->line;
    if (r->failed != CRLM_OK)
        return r->failed;
    if (!r->started) {
        while (r->end - r->start < 3 && !r->eof) {
            crlm_status st = refill(r, errors);
            if (st != CRLM_OK)
                return st;
        }
        if (r->end - r->start >= 3 && memcmp(r->buf + r->start, "\xEF\xBB\xBF", 3) == 0)
            r->start += 3;
        r->started = true;
    }
    for (;;) {
        if (r->start == r->end) {
            if (r->eof)
                return CRLM_OK;
            crlm_status st = refill(r, errors);
            if (st != CRLM_OK)
                return st;
            continue;
        }
        size_t n = 0, rec_end = 0;
        long nl = 0;
        enum scan_result sr = scan_record(r, errors, &n, &rec_end, &nl);
        if (sr == SCAN_ERROR)
            return r->failed;
        if (sr == SCAN_MORE) {
            if (r->end - r->start > r->max_record) {
                char found[64];
                snprintf(found, sizeof found, "more than %zu bytes", r->max_record);
                return fail(r, errors, CRLM_E_LIMIT, r->line, 1,
                            "a record within the size limit", found);
            }
            crlm_status st = refill(r, errors);
            if (st != CRLM_OK)
                return st;
            continue;
        }
        if (rec_end - r->start > r->max_record) {
            char found[64];
            snprintf(found, sizeof found, "more than %zu bytes", r->max_record);
            return fail(r, errors, CRLM_E_LIMIT, r->line, 1, "a record within the size limit",
                        found);
        }
        long line = r->line;
        size_t base = r->start;
        r->line += nl;
        r->start = rec_end;
        /* A blank line is one empty unquoted field directly followed by the line end. */
        if (n == 1 && r->meta[0].len == 0 && r->meta[0].off == 0)
            continue;
        for (size_t i = 0; i < n; i++) {
            char *p = r->buf + base + r->meta[i].off;
            size_t len = r->meta[i].len;
            if (r->meta[i].escaped) {
                size_t w = 0;
                for (size_t k = 0; k < len; k++) {
                    p[w++] = p[k];
                    if (p[k] == '"')
                        k++; /* skip the second quote of the pair */
                }
                len = w;
            }
            r->fields[i].ptr = p;
            r->fields[i].len = len;
        }
        rec->fields = r->fields;
        rec->count = n;
        rec->line = line;
        return CRLM_OK;
    }
}

bool crlm_csv_is_missing(const crlm_csv_field *f)
{
    return f->len == 0 || (f->len == 2 && f->ptr[0] == 'N' && f->ptr[1] == 'A');
}

/* Exact powers of ten up to 1e22 are exact doubles, which makes m / 10^k (m < 2^53) a single
 * correctly rounded operation (Clinger's fast path). */
static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

bool crlm_csv_parse_double(const char *s, size_t len, double *out)
{
    size_t i = 0, e = len;
    while (i < e && (s[i] == ' ' || s[i] == '\t'))
        i++;
    while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    if (i == e)
        return false;
    size_t b = i;
    bool neg = false;
    if (s[i] == '+' || s[i] == '-') {
        neg = s[i] == '-';
        i++;
    }
    uint64_t mant = 0;
    int digits = 0, frac = 0;
    bool any = false;
    while (i < e && s[i] >= '0' && s[i] <= '9') {
        if (mant != 0 || s[i] != '0')
            digits++;
        if (digits <= 19)
            mant = mant * 10 + (uint64_t)(s[i] - '0');
        any = true;
        i++;
    }
    if (i < e && s[i] == '.') {
        i++;
        while (i < e && s[i] >= '0' && s[i] <= '9') {
            if (mant != 0 || s[i] != '0')
                digits++;
            if (digits <= 19)
                mant = mant * 10 + (uint64_t)(s[i] - '0');
            frac++;
            any = true;
            i++;
        }
    }
    if (!any)
        return false;
    bool has_exp = false;
    if (i < e && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < e && (s[j] == '+' || s[j] == '-'))
            j++;
        if (j == e || s[j] < '0' || s[j] > '9')
            return false;
        while (j < e && s[j] >= '0' && s[j] <= '9')
            j++;
        has_exp = true;
        i = j;
    }
    if (i != e)
        return false;
    if (!has_exp && digits <= 15 && frac <= 22) {
        double v = (double)mant;
        if (frac)
            v /= pow10_exact[frac];
        *out = neg ? -v : v;
        return true;
    }
    /* Slow path: long mantissas and exponents go through strtod on a bounded copy. */
    char tmp[128];
    size_t n = e - b;
    if (n >= sizeof tmp)
        return false;
    memcpy(tmp, s + b, n);
    tmp[n] = '\0';
    char *endp = NULL;
    errno = 0;
    double v = strtod(tmp, &endp);
    if (endp != tmp + n || !isfinite(v))
        return false;
    *out = v;
    return true;
}

const char *crlm_csv_field_show(const crlm_csv_field *f, char *buf, size_t size)
{
    if (size < 8) {
        if (size)
            buf[0] = '\0';
        return buf;
    }
    /* Quoted, escaped by the error rules (a NUL byte or a line end in a field is shown, not
     * obeyed), at most 60 bytes of it. */
    size_t room = size - 2 < 64 ? size - 2 : 64;
    buf[0] = '"';
    crlm_error_escape(buf + 1, room, f->ptr, f->len);
    size_t n = strlen(buf);
    buf[n] = '"';
    buf[n + 1] = '\0';
    return buf;
}
