/* Reading a profile (`crlm-profile/1`, crlm/profile.h) from JSON: strict like a case, every
 * parameter required, thresholds that must be ordered checked against each other (the order
 * table of crlm/profile.h), and the canonical form's SHA-256.
 *
 * The canonical form is the document re-serialised by jansson with sorted keys and no
 * whitespace; jansson writes reals with 17 significant digits, so the form is a pure function
 * of the values. The built-in default is profiles/default.json compiled in verbatim and read
 * through exactly the same path as a file, so both hash identically.
 */
#include "crlm/profile_read.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/profile_build.h"
#include "core/sha256.h"
#include "io/jsonv.h"

extern const unsigned char crlm__default_profile_json[];
extern const size_t crlm__default_profile_len;

/* Index of `s` among the '|'-separated choices, or -1. */
static int choice_index(const char *choices, const char *s)
{
    size_t n = strlen(s);
    int i = 0;
    for (const char *c = choices; *c; i++) {
        const char *end = strchr(c, '|');
        size_t len = end ? (size_t)(end - c) : strlen(c);
        if (len == n && strncmp(c, s, n) == 0)
            return i;
        if (!end)
            break;
        c = end + 1;
    }
    return -1;
}

/* An evidence id: a string of 1 to 64 characters. The same test sizes and fills the joined
 * list, so an invalid id (reported as an error) is never copied. */
static bool evidence_ok(const json_t *e)
{
    return json_is_string(e) && json_string_length(e) > 0 && json_string_length(e) <= 64 &&
           strlen(json_string_value(e)) == json_string_length(e);
}

/* Reads one parameter; returns whether its value was stored. */
static bool read_param(crlm__jv *jv, crlm_profile *p, crlm_param i, const json_t *obj)
{
    static const char *const keys[] = {"value", "evidence", "note", NULL};
    bool stored = false;
    if (!crlm__jv_is_object(jv, obj, NULL))
        return false;
    crlm__jv_known_keys(jv, obj, keys);
    switch (crlm__param_kind_of(i)) {
    case CRLM__PARAM_NUM: {
        double v = 0;
        if ((stored = crlm__jv_number(jv, obj, "value", crlm__param_lo(i), crlm__param_hi(i),
                                      true, &v)))
            crlm__profile_set(p, i, v);
        break;
    }
    case CRLM__PARAM_FLAG: {
        bool b = false;
        if ((stored = crlm__jv_bool(jv, obj, "value", true, &b)))
            crlm__profile_set(p, i, b);
        break;
    }
    case CRLM__PARAM_CHOICE: {
        const char *s = NULL;
        if (crlm__jv_string(jv, obj, "value", 64, true, &s)) {
            int c = choice_index(crlm__param_choices(i), s);
            if (c < 0) {
                char expected[128], found[96];
                snprintf(expected, sizeof expected, "one of %s", crlm__param_choices(i));
                crlm__jv_describe(json_object_get(obj, "value"), found, sizeof found);
                crlm__jv_error(jv, "value", CRLM_E_ENUM, expected, found);
            } else {
                crlm__profile_set(p, i, c);
                stored = true;
            }
        }
        break;
    }
    }
    const char *note = NULL;
    crlm__jv_string(jv, obj, "note", 1000, false, &note);
    const json_t *ev = crlm__jv_array(jv, obj, "evidence", 20);
    if (!ev || json_array_size(ev) == 0) {
        if (!json_object_get(obj, "evidence") || ev)
            crlm__jv_error(jv, "evidence", CRLM_E_MISSING,
                           "a non-empty array of evidence ids", "nothing");
        return stored;
    }
    size_t total = 1;
    size_t old = crlm__jv_push_key(jv, "evidence");
    for (size_t k = 0; k < json_array_size(ev); k++) {
        const json_t *e = json_array_get(ev, k);
        if (!evidence_ok(e)) {
            char found[96];
            size_t o2 = crlm__jv_push_index(jv, k);
            crlm__jv_describe_at(jv, NULL, e, found, sizeof found);
            crlm__jv_error(jv, NULL, CRLM_E_TYPE, "an evidence id such as \"seed:6\"", found);
            crlm__jv_pop(jv, o2);
            continue;
        }
        total += json_string_length(e) + 2;
    }
    crlm__jv_pop(jv, old);
    char *s = malloc(total);
    if (!s) {
        jv->nomem = true;
        return stored;
    }
    s[0] = '\0';
    for (size_t k = 0; k < json_array_size(ev); k++) {
        const json_t *e = json_array_get(ev, k);
        if (!evidence_ok(e))
            continue;
        if (s[0])
            strcat(s, ", ");
        strcat(s, json_string_value(e));
    }
    crlm__profile_set_evidence(p, i, s);
    return stored;
}

/* The order constraints of crlm/profile.h as data: each row is checked when both of its
 * parameters were read, and a broken one is reported at the upper parameter's value, naming
 * the lower one and its value (the pair is what is wrong; the error names both). */
typedef enum order_rel { LE, LT } order_rel;
static const struct {
    crlm_param lower, upper;
    order_rel rel;
    const char *what;
} orders[] = {
#define O(lo, rel, hi, what) {CRLM_P_##lo, CRLM_P_##hi, rel, what},
    CRLM_PARAM_ORDER_TABLE(O)
#undef O
};

static void check_orders(crlm__jv *jv, const crlm_profile *p, const json_t *ps, const bool *stored)
{
    for (size_t k = 0; k < sizeof orders / sizeof orders[0]; k++) {
        crlm_param lo = orders[k].lower, hi = orders[k].upper;
        if (!stored[lo] || !stored[hi])
            continue; /* already an error of its own */
        double a = crlm_profile_num(p, lo), b = crlm_profile_num(p, hi);
        if (orders[k].rel == LE ? a <= b : a < b)
            continue;
        char expected[160], found[96];
        snprintf(expected, sizeof expected, "%s %s (%.15g; %s)",
                 orders[k].rel == LE ? "at least" : "more than", crlm_profile_key(lo), a,
                 orders[k].what);
        crlm__jv_describe(json_object_get(json_object_get(ps, crlm_profile_key(hi)), "value"),
                          found, sizeof found);
        size_t old = crlm__jv_push_key(jv, crlm_profile_key(hi));
        crlm__jv_error(jv, "value", CRLM_E_ORDER, expected, found);
        crlm__jv_pop(jv, old);
    }
}

static bool hash_canonical(const json_t *root, char out[65])
{
    char *canon = json_dumps(root, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENSURE_ASCII);
    if (!canon)
        return false;
    uint8_t md[32];
    crlm__sha256(canon, strlen(canon), md);
    free(canon);
    for (unsigned i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    return true;
}

crlm_status crlm_profile_read(const char *json, size_t len, crlm_profile **out,
                              crlm_errors *errors)
{
    *out = NULL;
    crlm__jv jv = {.errors = errors};
    json_t *root = crlm__jv_parse(&jv, json, len, 1u << 20, 6);
    if (!root)
        return jv.first;
    crlm_profile *p = crlm__profile_new();
    if (!p) {
        json_decref(root);
        return CRLM_E_NOMEM;
    }
    if (crlm__jv_is_object(&jv, root, NULL)) {
        static const char *const keys[] = {"format", "name", "description", "parameters", NULL};
        crlm__jv_known_keys(&jv, root, keys);
        const char *format = NULL, *name = NULL, *desc = NULL;
        if (crlm__jv_string(&jv, root, "format", 64, true, &format) &&
            strcmp(format, "crlm-profile/1") != 0) {
            char found[96];
            crlm__jv_describe(json_object_get(root, "format"), found, sizeof found);
            crlm__jv_error(&jv, "format", CRLM_E_FORMAT, "\"crlm-profile/1\"", found);
        }
        if (crlm__jv_string(&jv, root, "name", 64, true, &name))
            crlm__profile_set_identity(p, name, NULL);
        crlm__jv_string(&jv, root, "description", 4000, false, &desc);
        const json_t *ps = crlm__jv_member(root, "parameters");
        if (!ps) {
            crlm__jv_error(&jv, "parameters", CRLM_E_MISSING, "an object of parameters",
                           "nothing");
        } else if (crlm__jv_is_object(&jv, ps, "parameters")) {
            size_t old = crlm__jv_push_key(&jv, "parameters");
            const char *keys_all[CRLM_PARAM_COUNT + 1];
            for (size_t i = 0; i < CRLM_PARAM_COUNT; i++)
                keys_all[i] = crlm_profile_key((crlm_param)i);
            keys_all[CRLM_PARAM_COUNT] = NULL;
            crlm__jv_known_keys(&jv, ps, keys_all);
            bool stored[CRLM_PARAM_COUNT] = {false};
            for (size_t i = 0; i < CRLM_PARAM_COUNT; i++) {
                const json_t *v = json_object_get(ps, crlm_profile_key((crlm_param)i));
                if (!v) {
                    crlm__jv_error(&jv, crlm_profile_key((crlm_param)i), CRLM_E_MISSING,
                                   "every parameter of the profile, with its value and evidence",
                                   "nothing");
                    continue;
                }
                size_t o2 = crlm__jv_push_key(&jv, crlm_profile_key((crlm_param)i));
                stored[i] = read_param(&jv, p, (crlm_param)i, v);
                crlm__jv_pop(&jv, o2);
            }
            check_orders(&jv, p, ps, stored);
            crlm__jv_pop(&jv, old);
        }
    }
    char sha[65];
    if (jv.count == 0 && !jv.nomem) {
        if (hash_canonical(root, sha))
            crlm__profile_set_identity(p, NULL, sha);
        else
            jv.nomem = true;
    }
    json_decref(root);
    if (jv.nomem && jv.count == 0) {
        crlm_profile_free(p);
        return CRLM_E_NOMEM;
    }
    if (jv.count > 0) {
        crlm_profile_free(p);
        return jv.first;
    }
    *out = p;
    return CRLM_OK;
}

crlm_profile *crlm_profile_default_new(void)
{
    crlm_profile *p = NULL;
    if (crlm_profile_read((const char *)crlm__default_profile_json, crlm__default_profile_len,
                          &p, NULL) != CRLM_OK)
        return NULL;
    return p;
}
