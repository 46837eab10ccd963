/* The strict JSON accessors of jsonv.h. Every check names the pointer, the expectation and
 * what was found, because a tumour-board coordinator fixing a case file by hand needs to
 * know exactly which field to change. */
#include "io/jsonv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static size_t append(crlm__jv *jv, const char *s, size_t n)
{
    size_t old = jv->len;
    if (jv->len + n + 1 >= sizeof jv->ptr) {
        n = sizeof jv->ptr - jv->len - 1;
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
        const char *s = json_string_value(v);
        size_t n = strlen(s);
        if (n > 60)
            snprintf(buf, size, "the string \"%.57s...\"", s);
        else
            snprintf(buf, size, "the string \"%s\"", s);
        break;
    }
    case JSON_INTEGER: snprintf(buf, size, "the number %lld", (long long)json_integer_value(v)); break;
    case JSON_REAL: snprintf(buf, size, "the number %.17g", json_real_value(v)); break;
    case JSON_TRUE: snprintf(buf, size, "true"); break;
    case JSON_FALSE: snprintf(buf, size, "false"); break;
    case JSON_NULL: snprintf(buf, size, "null"); break;
    }
}

static void type_error(crlm__jv *jv, const char *key, const char *expected, const json_t *v)
{
    char found[96];
    crlm__jv_describe(v, found, sizeof found);
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
            char found[96];
            snprintf(found, sizeof found, "the unknown field \"%.60s\"", key);
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
    snprintf(expected, sizeof expected, "a number from %g to %g", lo, hi);
    if (!v)
        return missing(jv, key, required, expected);
    if (!json_is_number(v)) {
        type_error(jv, key, expected, v);
        return false;
    }
    {
        char found[96];
        crlm__jv_describe(v, found, sizeof found);
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
        crlm__jv_describe(v, found, sizeof found);
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
        crlm__jv_describe(v, found, sizeof found);
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
        crlm__jv_describe(v, found, sizeof found);
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
        char found[96];
        if (strlen(json_string_value(v)) != n)
            snprintf(found, sizeof found, "a string containing a NUL character");
        else
            snprintf(found, sizeof found, "a string of %zu characters", n);
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
        crlm__jv_describe(v, found, sizeof found);
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
        if (jv->first == CRLM_OK)
            jv->first = CRLM_E_SYNTAX;
        jv->count++;
        crlm_errors_add(jv->errors, CRLM_E_SYNTAX, "", err.line > 0 ? err.line : 1,
                        err.column > 0 ? err.column : 1, "valid JSON", err.text);
        return NULL;
    }
    return root;
}
