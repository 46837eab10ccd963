/* The strict JSON accessors of jsonv.h. Every check names the pointer, the expectation and
 * what was found, because a tumour-board coordinator fixing a case file by hand needs to
 * know exactly which field to change. */
#include "io/jsonv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t append(crlm__jv *jv, const char *s, size_t n)
{
    size_t old = jv->len;
    if (jv->len + n + 1 >= sizeof jv->ptr) {
        n = sizeof jv->ptr - jv->len - 1;
        if (!jv->cut)
            jv->cut = old + 1;
    }
    memcpy(jv->ptr + jv->len, s, n);
    jv->len += n;
    jv->ptr[jv->len] = '\0';
    return old;
}

size_t crlm__jv_push_key(crlm__jv *jv, const char *key)
{
    size_t old = append(jv, "/", 1);
    /* RFC 6901: '~' is written "~0" and '/' is written "~1". */
    for (const char *p = key; *p; p++) {
        if (*p == '~')
            append(jv, "~0", 2);
        else if (*p == '/')
            append(jv, "~1", 2);
        else
            append(jv, p, 1);
    }
    return old;
}

size_t crlm__jv_push_index(crlm__jv *jv, size_t index)
{
    /* Called for every array item of every case: digits by hand, not snprintf. */
    char tmp[24];
    size_t n = sizeof tmp;
    do {
        tmp[--n] = (char)('0' + index % 10);
        index /= 10;
    } while (index);
    tmp[--n] = '/';
    return append(jv, tmp + n, sizeof tmp - n);
}

void crlm__jv_pop(crlm__jv *jv, size_t len)
{
    jv->len = len;
    jv->ptr[len] = '\0';
    if (jv->cut && len < jv->cut)
        jv->cut = 0; /* back above the key that did not fit: the pointer is exact again */
}

void crlm__jv_error(crlm__jv *jv, const char *key, crlm_status code, const char *expected,
                    const char *found)
{
    size_t old = jv->len;
    if (key)
        crlm__jv_push_key(jv, key);
    if (jv->first == CRLM_OK)
        jv->first = code;
    jv->count++;
    if (crlm_errors_add(jv->errors, code, jv->ptr[0] ? jv->ptr : "", 0, 0, expected, found) !=
        CRLM_OK)
        jv->nomem = true;
    crlm__jv_pop(jv, old);
}

void crlm__jv_format_number(double x, char *buf, size_t size)
{
    if (!isfinite(x)) {
        snprintf(buf, size, "%g", x);
        return;
    }
    if (x == floor(x) && fabs(x) < 1e15) {
        snprintf(buf, size, "%.0f", x);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

void crlm__jv_describe(const json_t *v, char *buf, size_t size)
{
    if (!v) {
        snprintf(buf, size, "nothing");
        return;
    }
    switch (json_typeof(v)) {
    case JSON_OBJECT: snprintf(buf, size, "an object"); break;
    case JSON_ARRAY: snprintf(buf, size, "an array of %zu items", json_array_size(v)); break;
    case JSON_STRING: {
        /* By its length: a NUL inside is shown as \u0000, not taken for the end. */
        char shown[64];
        crlm_error_escape(shown, sizeof shown, json_string_value(v), json_string_length(v));
        snprintf(buf, size, "the string \"%s\"", shown);
        break;
    }
    case JSON_INTEGER:
        snprintf(buf, size, "the number %lld", (long long)json_integer_value(v));
        break;
    case JSON_REAL: {
        char num[32];
        crlm__jv_format_number(json_real_value(v), num, sizeof num);
        snprintf(buf, size, "the number %s", num);
        break;
    }
    case JSON_TRUE: snprintf(buf, size, "true"); break;
    case JSON_FALSE: snprintf(buf, size, "false"); break;
    case JSON_NULL: snprintf(buf, size, "null"); break;
    }
}

/* ---- the document as written ------------------------------------------------------------ */

static size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* s[i] is '"': the index after the closing quote (n when there is none). */
static size_t skip_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return n;
}

/* The index after the value that starts at s[i]. Nesting is counted, not recursed into. */
static size_t skip_value(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return n;
    if (s[i] == '"')
        return skip_string(s, n, i);
    if (s[i] == '{' || s[i] == '[') {
        size_t depth = 0;
        while (i < n) {
            char c = s[i];
            if (c == '"') {
                i = skip_string(s, n, i);
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if ((c == '}' || c == ']') && --depth == 0)
                return i + 1;
            i++;
        }
        return n;
    }
    while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\t' &&
           s[i] != '\n' && s[i] != '\r')
        i++;
    return i;
}

static bool hex4(const char *s, size_t n, size_t i, unsigned long *out)
{
    unsigned long v = 0;
    if (i + 4 > n)
        return false;
    for (size_t k = 0; k < 4; k++) {
        char c = s[i + k];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return false;
        v = v * 16 + (unsigned long)d;
    }
    *out = v;
    return true;
}

static size_t utf8_encode(unsigned long cp, unsigned char out[4])
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Compares the JSON string at s[i] (a key, escapes decoded) with seg. 1 equal, 0 not, -1 when
 * the text is not a string; *end is the index after it. */
static int key_is(const char *s, size_t n, size_t i, const char *seg, size_t seg_len,
                  size_t *end)
{
    size_t k = 0;
    bool eq = true;
    for (i++; i < n && s[i] != '"';) {
        unsigned char out[4];
        size_t m = 1;
        if (s[i] != '\\') {
            out[0] = (unsigned char)s[i++];
        } else {
            if (i + 1 >= n)
                return -1;
            char e = s[i + 1];
            i += 2;
            switch (e) {
            case 'n': out[0] = '\n'; break;
            case 'r': out[0] = '\r'; break;
            case 't': out[0] = '\t'; break;
            case 'b': out[0] = '\b'; break;
            case 'f': out[0] = '\f'; break;
            case '/': case '\\': case '"': out[0] = (unsigned char)e; break;
            case 'u': {
                unsigned long cp, lo;
                if (!hex4(s, n, i, &cp))
                    return -1;
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= n && s[i] == '\\' &&
                    s[i + 1] == 'u' && hex4(s, n, i + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
                m = utf8_encode(cp, out);
                break;
            }
            default: return -1;
            }
        }
        if (eq && (k + m > seg_len || memcmp(seg + k, out, m) != 0))
            eq = false;
        k += m;
    }
    if (i >= n)
        return -1;
    *end = i + 1;
    return eq && k == seg_len;
}

bool crlm__jv_locate(const char *text, size_t len, const char *pointer, size_t *start,
                     size_t *value_len)
{
    size_t i = skip_ws(text, len, 0);
    for (const char *p = pointer; *p;) {
        if (*p++ != '/')
            return false;
        char seg[512];
        size_t sl = 0;
        while (*p && *p != '/') {
            char c = *p++;
            if (c == '~') {
                if (*p != '0' && *p != '1')
                    return false;
                c = *p++ == '0' ? '~' : '/';
            }
            if (sl == sizeof seg)
                return false;
            seg[sl++] = c;
        }
        if (i >= len)
            return false;
        if (text[i] == '{') {
            i = skip_ws(text, len, i + 1);
            for (;;) {
                size_t end;
                int is = i < len && text[i] == '"' ? key_is(text, len, i, seg, sl, &end) : -1;
                if (is < 0)
                    return false;
                i = skip_ws(text, len, end);
                if (i >= len || text[i] != ':')
                    return false;
                i = skip_ws(text, len, i + 1);
                if (is)
                    break;
                i = skip_ws(text, len, skip_value(text, len, i));
                if (i >= len || text[i] != ',')
                    return false;
                i = skip_ws(text, len, i + 1);
            }
        } else if (text[i] == '[') {
            size_t idx = 0;
            if (sl == 0 || sl > 9)
                return false;
            for (size_t k = 0; k < sl; k++) {
                if (seg[k] < '0' || seg[k] > '9')
                    return false;
                idx = idx * 10 + (size_t)(seg[k] - '0');
            }
            i = skip_ws(text, len, i + 1);
            for (size_t k = 0; k < idx; k++) {
                i = skip_ws(text, len, skip_value(text, len, i));
                if (i >= len || text[i] != ',')
                    return false;
                i = skip_ws(text, len, i + 1);
            }
            if (i >= len || text[i] == ']')
                return false;
        } else {
            return false;
        }
    }
    size_t e = skip_value(text, len, i);
    if (e <= i)
        return false;
    *start = i;
    *value_len = e - i;
    return true;
}

/* Does the token read back to v's value? It guards against a tree that no longer matches
 * the text (a what-if change) and against a wrong match. */
static bool token_is(const char *tok, size_t n, const json_t *v)
{
    char t[400];
    if (n == 0 || n >= sizeof t)
        return false;
    for (size_t k = 0; k < n; k++)
        if (!strchr("+-.0123456789eE", tok[k]))
            return false;
    memcpy(t, tok, n);
    t[n] = '\0';
    char *end;
    if (json_is_integer(v)) {
        long long x = strtoll(t, &end, 10);
        return *end == '\0' && x == (long long)json_integer_value(v);
    }
    double x = strtod(t, &end);
    return *end == '\0' && x == json_real_value(v);
}

void crlm__jv_describe_at(const crlm__jv *jv, const char *key, const json_t *v, char *buf,
                          size_t size)
{
    if (jv && jv->text && !jv->cut && v && json_is_number(v)) {
        crlm__jv at = {.len = jv->len};
        memcpy(at.ptr, jv->ptr, jv->len + 1);
        if (key)
            crlm__jv_push_key(&at, key);
        size_t start, n;
        /* A token too long to quote whole is given in the fewest digits that read back to
         * the same value (below), never cut. */
        if (!at.cut && crlm__jv_locate(jv->text, jv->text_len, at.ptr, &start, &n) && n < 48 &&
            token_is(jv->text + start, n, v)) {
            char tok[48];
            crlm_error_escape(tok, sizeof tok, jv->text + start, n);
            snprintf(buf, size, "the number %s", tok);
            return;
        }
    }
    crlm__jv_describe(v, buf, size);
}

static void type_error(crlm__jv *jv, const char *key, const char *expected, const json_t *v)
{
    char found[96];
    crlm__jv_describe_at(jv, key, v, found, sizeof found);
    crlm__jv_error(jv, key, CRLM_E_TYPE, expected, found);
}

void crlm__jv_known_keys(crlm__jv *jv, const json_t *obj, const char *const *allowed)
{
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        bool ok = false;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, key) == 0) {
                ok = true;
                break;
            }
        if (!ok) {
            char found[96], shown[64];
            crlm_error_escape(shown, sizeof shown, key, strlen(key));
            snprintf(found, sizeof found, "the unknown field \"%s\"", shown);
            crlm__jv_error(jv, key, CRLM_E_UNKNOWN_FIELD, "only the fields of the specification",
                           found);
        }
    }
}

const json_t *crlm__jv_member(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    return v && !json_is_null(v) ? v : NULL;
}

static bool missing(crlm__jv *jv, const char *key, bool required, const char *expected)
{
    if (required)
        crlm__jv_error(jv, key, CRLM_E_MISSING, expected, "nothing");
    return false;
}

/* The "expected" texts are formatted only when an error is recorded: formatting them for every
 * valid member cost a fifth of `crlm batch`'s time. */
bool crlm__jv_number(crlm__jv *jv, const json_t *obj, const char *key, double lo, double hi,
                     bool required, double *out)
{
    char expected[96];
    const json_t *v = crlm__jv_member(obj, key);
    if (v && json_is_number(v)) {
        double x = json_number_value(v);
        if (isfinite(x) && x >= lo && x <= hi) {
            *out = x;
            return true;
        }
    }
    if (!v && !required)
        return false;
    char los[32], his[32];
    crlm__jv_format_number(lo, los, sizeof los);
    crlm__jv_format_number(hi, his, sizeof his);
    snprintf(expected, sizeof expected, "a number from %s to %s", los, his);
    if (!v)
        return missing(jv, key, required, expected);
    if (!json_is_number(v)) {
        type_error(jv, key, expected, v);
        return false;
    }
    {
        char found[96];
        crlm__jv_describe_at(jv, key, v, found, sizeof found);
        crlm__jv_error(jv, key, CRLM_E_RANGE, expected, found);
        return false;
    }
}

bool crlm__jv_int(crlm__jv *jv, const json_t *obj, const char *key, long lo, long hi,
                  bool required, int *out)
{
    char expected[96];
    const json_t *v = crlm__jv_member(obj, key);
    if (v && json_is_integer(v) && json_integer_value(v) >= lo && json_integer_value(v) <= hi) {
        *out = (int)json_integer_value(v);
        return true;
    }
    if (!v && !required)
        return false;
    snprintf(expected, sizeof expected, "an integer from %ld to %ld", lo, hi);
    if (!v)
        return missing(jv, key, required, expected);
    if (!json_is_integer(v)) {
        type_error(jv, key, expected, v);
        return false;
    }
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi) {
        char found[96];
        crlm__jv_describe_at(jv, key, v, found, sizeof found);
        crlm__jv_error(jv, key, CRLM_E_RANGE, expected, found);
        return false;
    }
    *out = (int)x;
    return true;
}

bool crlm__jv_bool(crlm__jv *jv, const json_t *obj, const char *key, bool required, bool *out)
{
    const json_t *v = crlm__jv_member(obj, key);
    if (!v)
        return missing(jv, key, required, "true or false");
    if (!json_is_boolean(v)) {
        type_error(jv, key, "true or false", v);
        return false;
    }
    *out = json_is_true(v);
    return true;
}

bool crlm__jv_tri(crlm__jv *jv, const json_t *obj, const char *key, crlm_tri *out)
{
    bool b;
    if (!crlm__jv_bool(jv, obj, key, false, &b))
        return false;
    *out = b ? CRLM_TRI_TRUE : CRLM_TRI_FALSE;
    return true;
}

bool crlm__jv_date(crlm__jv *jv, const json_t *obj, const char *key, bool required,
                   crlm_date *out)
{
    static const char expected[] = "a date YYYY-MM-DD";
    const json_t *v = crlm__jv_member(obj, key);
    if (!v)
        return missing(jv, key, required, expected);
    if (!json_is_string(v)) {
        type_error(jv, key, expected, v);
        return false;
    }
    crlm_date d;
    if (!crlm_date_parse(json_string_value(v), &d)) {
        char found[96];
        crlm__jv_describe_at(jv, key, v, found, sizeof found);
        crlm__jv_error(jv, key, CRLM_E_TYPE, "a real calendar date YYYY-MM-DD", found);
        return false;
    }
    *out = d;
    return true;
}

bool crlm__jv_enum(crlm__jv *jv, const json_t *obj, const char *key, crlm_enum_kind kind,
                   bool required, int *out)
{
    char expected[160];
    const json_t *v = crlm__jv_member(obj, key);
    int e = v && json_is_string(v) ? crlm_enum_parse(kind, json_string_value(v)) : 0;
    if (e != 0) {
        *out = e;
        return true;
    }
    if (!v && !required)
        return false;
    snprintf(expected, sizeof expected, "one of %s", crlm_enum_allowed(kind));
    if (!v)
        return missing(jv, key, required, expected);
    if (!json_is_string(v)) {
        type_error(jv, key, expected, v);
        return false;
    }
    {
        char found[96];
        crlm__jv_describe_at(jv, key, v, found, sizeof found);
        crlm__jv_error(jv, key, CRLM_E_ENUM, expected, found);
        return false;
    }
    *out = e;
    return true;
}

bool crlm__jv_string(crlm__jv *jv, const json_t *obj, const char *key, size_t max_len,
                     bool required, const char **out)
{
    char expected[64];
    const json_t *v = crlm__jv_member(obj, key);
    if (v && json_is_string(v)) {
        size_t len = json_string_length(v);
        if (len > 0 && len <= max_len && strlen(json_string_value(v)) == len) {
            *out = json_string_value(v);
            return true;
        }
    }
    if (!v && !required)
        return false;
    snprintf(expected, sizeof expected, "a string of 1 to %zu characters", max_len);
    if (!v)
        return missing(jv, key, required, expected);
    if (!json_is_string(v)) {
        type_error(jv, key, expected, v);
        return false;
    }
    size_t n = json_string_length(v);
    if (n == 0 || n > max_len || strlen(json_string_value(v)) != n) {
        char found[128], shown[96];
        if (strlen(json_string_value(v)) != n) {
            crlm__jv_describe(v, shown, sizeof shown);
            snprintf(found, sizeof found, "%s, which holds a NUL character", shown);
        } else {
            snprintf(found, sizeof found, "a string of %zu characters", n);
        }
        crlm__jv_error(jv, key, CRLM_E_RANGE, expected, found);
        return false;
    }
    *out = json_string_value(v);
    return true;
}

const json_t *crlm__jv_array(crlm__jv *jv, const json_t *obj, const char *key, size_t max)
{
    const json_t *v = crlm__jv_member(obj, key);
    if (!v)
        return NULL;
    if (json_is_array(v) && json_array_size(v) <= max)
        return v;
    char expected[64];
    snprintf(expected, sizeof expected, "an array of at most %zu items", max);
    if (!json_is_array(v)) {
        type_error(jv, key, expected, v);
        return NULL;
    }
    if (json_array_size(v) > max) {
        char found[96];
        crlm__jv_describe_at(jv, key, v, found, sizeof found);
        crlm__jv_error(jv, key, CRLM_E_LIMIT, expected, found);
        return NULL;
    }
    return v;
}

bool crlm__jv_is_object(crlm__jv *jv, const json_t *v, const char *key)
{
    if (json_is_object(v))
        return true;
    type_error(jv, key, "an object", v);
    return false;
}

/* Nesting beyond what the format needs is refused before parsing: jansson recurses per
 * level, and a document of a million '[' must cost nothing. Strings are skipped so brackets
 * inside them do not count. */
static bool depth_ok(const char *s, size_t n, int max_depth, long *line, long *col)
{
    int depth = 0;
    bool in_string = false;
    long ln = 1, c = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        c++;
        if (in_string) {
            if (ch == '\\')
                i++, c++;
            else if (ch == '"')
                in_string = false;
            else if (ch == '\n')
                ln++, c = 0;
            continue;
        }
        switch (ch) {
        case '"': in_string = true; break;
        case '\n': ln++, c = 0; break;
        case '{':
        case '[':
            if (++depth > max_depth) {
                *line = ln;
                *col = c;
                return false;
            }
            break;
        case '}':
        case ']': depth--; break;
        default: break;
        }
    }
    return true;
}

static void parse_error(crlm__jv *jv, crlm_status code, long line, long column,
                        const char *expected, const char *found)
{
    if (jv->first == CRLM_OK)
        jv->first = code;
    jv->count++;
    if (crlm_errors_add(jv->errors, code, "", line, column, expected, found) != CRLM_OK)
        jv->nomem = true;
}

static void syntax_error(crlm__jv *jv, long line, long column, const char *expected,
                         const char *found)
{
    parse_error(jv, CRLM_E_SYNTAX, line, column, expected, found);
}

/* jansson refuses a number it cannot hold (past 64-bit integers, past the largest double)
 * and says only that: the message quotes the number, as written, which ends where jansson
 * stopped. False when err is not such a refusal. */
static bool number_too_large(crlm__jv *jv, const char *text, size_t len, const json_error_t *err)
{
    if (strncmp(err->text, "too big", 7) != 0 &&
        strncmp(err->text, "real number overflow", 20) != 0)
        return false;
    if (err->position <= 0 || (size_t)err->position > len)
        return false;
    size_t end = (size_t)err->position, start = end;
    while (start > 0 && strchr("+-.0123456789eE", text[start - 1]) && text[start - 1] != '\0')
        start--;
    if (start == end)
        return false;
    char tok[64], found[96];
    crlm_error_escape(tok, sizeof tok, text + start, end - start);
    snprintf(found, sizeof found, "the number %s", tok);
    parse_error(jv, CRLM_E_RANGE, err->line > 0 ? err->line : 1,
                err->column > 0 ? err->column - (long)(end - start) + 1 : 1,
                "a number crlm can hold (an integer from -9223372036854775808 to "
                "9223372036854775807, a real below 1.8e308)",
                found);
    return true;
}

json_t *crlm__jv_parse(crlm__jv *jv, const char *text, size_t len, size_t max_bytes,
                       int max_depth)
{
    char msg[160];
    if (len > max_bytes) {
        snprintf(msg, sizeof msg, "%zu bytes", len);
        char exp[64];
        snprintf(exp, sizeof exp, "a document of at most %zu bytes", max_bytes);
        crlm__jv_error(jv, NULL, CRLM_E_LIMIT, exp, msg);
        return NULL;
    }
    long line = 0, col = 0;
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        /* No JSON text holds a raw NUL byte (inside a string it is written \u0000), and
         * jansson would take it for the end of the input and report something else. */
        line = 1;
        const char *bol = text;
        for (const char *q = text; q < nul; q++)
            if (*q == '\n')
                line++, bol = q + 1;
        syntax_error(jv, line, (long)(nul - bol) + 1, "valid JSON", "a NUL byte");
        return NULL;
    }
    if (!depth_ok(text, len, max_depth, &line, &col)) {
        if (jv->first == CRLM_OK)
            jv->first = CRLM_E_LIMIT;
        jv->count++;
        char exp[64];
        snprintf(exp, sizeof exp, "JSON nested at most %d levels deep", max_depth);
        snprintf(msg, sizeof msg, "deeper nesting");
        crlm_errors_add(jv->errors, CRLM_E_LIMIT, "", line, col, exp, msg);
        return NULL;
    }
    json_error_t err;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        if (!number_too_large(jv, text, len, &err))
            syntax_error(jv, err.line > 0 ? err.line : 1, err.column > 0 ? err.column : 1,
                         "valid JSON", err.text);
        return NULL;
    }
    jv->text = text;
    jv->text_len = len;
    return root;
}
