/* Applies what-if assignments to a parsed case (see whatif.h). RFC 6901 pointers: "~1" is
 * "/", "~0" is "~"; in an array the index must exist, or be "-" (or the length) to append; in
 * an object a missing member is created, but a missing parent is an error rather than a
 * silently invented structure. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/case_read.h"
#include "crlm/whatif.h"
#include "io/jsonv.h"

static void arg_error(crlm_errors *e, const char *pointer, const char *expected, const char *found)
{
    crlm_errors_add(e, CRLM_E_ARGUMENT, pointer, 0, 0, expected, found);
}

/* Copies the next reference token of *p (after its leading '/') into tok, unescaped. */
static bool next_token(const char **p, char *tok, size_t size)
{
    const char *s = *p;
    if (*s != '/')
        return false;
    s++;
    size_t n = 0;
    while (*s && *s != '/') {
        char c = *s++;
        if (c == '~') {
            if (*s == '0')
                c = '~';
            else if (*s == '1')
                c = '/';
            else
                return false;
            s++;
        }
        if (n + 1 >= size)
            return false;
        tok[n++] = c;
    }
    tok[n] = '\0';
    *p = s;
    return true;
}

static bool parse_index(const char *tok, size_t *out)
{
    if (!tok[0] || (tok[0] == '0' && tok[1]))
        return false;
    size_t v = 0;
    for (const char *c = tok; *c; c++) {
        if (*c < '0' || *c > '9' || v > 100000)
            return false;
        v = v * 10 + (size_t)(*c - '0');
    }
    *out = v;
    return true;
}

static void dump_short(const json_t *v, char *out, size_t size)
{
    if (!v) {
        snprintf(out, size, "(absent)");
        return;
    }
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    snprintf(out, size, "%s", s ? s : "?");
    free(s);
}

/* Sets root[pointer] = value (a new reference, always consumed). */
static bool set_pointer(json_t *root, const char *pointer, json_t *value, crlm_change *ch,
                        crlm_errors *e)
{
    char tok[128];
    const char *p = pointer;
    json_t *cur = root;
    if (*p != '/') {
        arg_error(e, pointer, "a JSON pointer starting with /", "something else");
        json_decref(value);
        return false;
    }
    while (*p) {
        if (!next_token(&p, tok, sizeof tok)) {
            arg_error(e, pointer, "a well-formed JSON pointer", "a bad escape or a long token");
            json_decref(value);
            return false;
        }
        bool last = *p == '\0';
        if (json_is_object(cur)) {
            json_t *child = json_object_get(cur, tok);
            if (last) {
                dump_short(child, ch->before, sizeof ch->before);
                json_object_set_new(cur, tok, value);
                return true;
            }
            if (!child || !(json_is_object(child) || json_is_array(child))) {
                arg_error(e, pointer, "an existing object or array on the way",
                          child ? "a value that is neither" : "nothing");
                json_decref(value);
                return false;
            }
            cur = child;
        } else if (json_is_array(cur)) {
            size_t idx, size = json_array_size(cur);
            bool append = strcmp(tok, "-") == 0 || (parse_index(tok, &idx) && idx == size);
            if (!append && (!parse_index(tok, &idx) || idx >= size)) {
                char found[64];
                snprintf(found, sizeof found, "index \"%.20s\" of an array of %zu", tok, size);
                arg_error(e, pointer, "an existing array index (or - to append)", found);
                json_decref(value);
                return false;
            }
            if (last) {
                if (append) {
                    snprintf(ch->before, sizeof ch->before, "(absent)");
                    json_array_append_new(cur, value);
                } else {
                    dump_short(json_array_get(cur, idx), ch->before, sizeof ch->before);
                    json_array_set_new(cur, idx, value);
                }
                return true;
            }
            if (append) {
                arg_error(e, pointer, "an existing array element on the way", "the end of the array");
                json_decref(value);
                return false;
            }
            cur = json_array_get(cur, idx);
        } else {
            arg_error(e, pointer, "an object or array on the way", "a plain value");
            json_decref(value);
            return false;
        }
    }
    /* The empty pointer would replace the whole case: refuse. */
    arg_error(e, pointer, "a pointer to a field", "the whole document");
    json_decref(value);
    return false;
}

crlm_status crlm_case_read_what_if(const char *json, size_t len, const char *const *assignments,
                                   size_t n_assignments, const crlm_profile *p,
                                   crlm_case **original, crlm_case **changed,
                                   crlm_what_if *what_if, crlm_errors *errors)
{
    *original = *changed = NULL;
    *what_if = (crlm_what_if){0};
    /* One parse: the original is read from the tree (a case copies what it keeps into its own
     * arena), then the same tree is edited and read again. */
    crlm__jv jv = {.errors = errors};
    json_t *root = crlm__jv_parse(&jv, json, len, CRLM_CASE_MAX_BYTES, CRLM_CASE_MAX_DEPTH);
    if (!root)
        return jv.first;
    crlm_status st = crlm_case_from_json(root, p, original, errors);
    if (st != CRLM_OK) {
        json_decref(root);
        return st;
    }
    bool ok = n_assignments <= CRLM_WHATIF_MAX;
    if (!ok) {
        char found[32];
        snprintf(found, sizeof found, "%zu", n_assignments);
        arg_error(errors, "", "at most 16 changes", found);
    }
    for (size_t i = 0; ok && i < n_assignments; i++) {
        const char *a = assignments[i];
        const char *eq = strchr(a, '=');
        if (!eq) {
            arg_error(errors, a, "POINTER=VALUE", "no '='");
            ok = false;
            break;
        }
        crlm_change *ch = &what_if->changes[what_if->n];
        size_t plen = (size_t)(eq - a);
        if (plen >= sizeof ch->pointer) {
            arg_error(errors, "", "a pointer of at most 191 characters", "a longer one");
            ok = false;
            break;
        }
        memcpy(ch->pointer, a, plen);
        ch->pointer[plen] = '\0';
        json_error_t jerr;
        json_t *value = json_loads(eq + 1, JSON_DECODE_ANY, &jerr);
        if (!value)
            value = json_string(eq + 1); /* a bare word is a string: /primary/site=rectum */
        if (!value) {
            arg_error(errors, ch->pointer, "a JSON value or a UTF-8 word", "neither");
            ok = false;
            break;
        }
        dump_short(value, ch->after, sizeof ch->after);
        if (!set_pointer(root, ch->pointer, value, ch, errors)) {
            ok = false;
            break;
        }
        what_if->n++;
    }
    if (ok)
        st = crlm_case_from_json(root, p, changed, errors);
    else
        st = CRLM_E_ARGUMENT;
    json_decref(root);
    if (st != CRLM_OK) {
        crlm_case_free(*original);
        *original = NULL;
    }
    return st;
}
