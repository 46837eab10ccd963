/* docs/rules.md stays in step with the code, both ways: every rule id of crlm_pathway_rules()
 * and every check code of crlm_check_rules() has a table row (a line starting "| `id`") whose
 * evidence cell lists exactly the code's evidence ids (and, for a rule, whose conclusion cell is
 * the code's conclusion); every id in the tables exists in the code, at most once; every
 * backticked parameter in a "profile parameters" cell is a parameter of profiles/default.json.
 * The expected values are the code's own tables: this test proves the document, not the rules. */
#include "pathway_test.h"

#define MAX_ROWS 128
#define MAX_CELLS 8

typedef struct row {
    char id[80];
    char cell[MAX_CELLS][600];
    int n;
} row;

static row rows[MAX_ROWS];
static size_t n_rows;
static char *doc, *profile_text;

/* Copies at most size-1 bytes of src[0..len) and terminates. */
static void copy(char *dst, size_t size, const char *src, size_t len)
{
    if (len >= size)
        len = size - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        s[--n] = '\0';
    size_t k = 0;
    while (s[k] == ' ')
        k++;
    memmove(s, s + k, strlen(s + k) + 1);
}

static int setup(void **s)
{
    (void)s;
    doc = test_read_file("docs/rules.md", NULL);
    profile_text = test_read_file("profiles/default.json", NULL);
    for (char *line = doc; line && *line;) {
        char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > 3 && strncmp(line, "| `", 3) == 0 && n_rows < MAX_ROWS) {
            row *r = &rows[n_rows++];
            char buf[4096];
            copy(buf, sizeof buf, line, len);
            char *p = buf + 1; /* after the leading '|' */
            while (r->n < MAX_CELLS) {
                char *bar = strchr(p, '|');
                if (!bar)
                    break;
                *bar = '\0';
                copy(r->cell[r->n], sizeof r->cell[0], p, strlen(p));
                trim(r->cell[r->n]);
                r->n++;
                p = bar + 1;
            }
            const char *c0 = r->cell[0];
            const char *close = strchr(c0 + 1, '`');
            if (c0[0] == '`' && close)
                copy(r->id, sizeof r->id, c0 + 1, (size_t)(close - c0 - 1));
        }
        line = end ? end + 1 : NULL;
    }
    return 0;
}

static int teardown(void **s)
{
    (void)s;
    free(doc);
    free(profile_text);
    return 0;
}

static const row *find_row(const char *id)
{
    for (size_t i = 0; i < n_rows; i++)
        if (strcmp(rows[i].id, id) == 0)
            return &rows[i];
    return NULL;
}

/* Is each comma-separated id of `a` in `b`? */
static bool ids_subset(const char *a, const char *b)
{
    char buf[600];
    copy(buf, sizeof buf, a, strlen(a));
    for (char *p = buf; p && *p;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        char id[80];
        copy(id, sizeof id, p, strlen(p));
        trim(id);
        bool found = false;
        char bb[600];
        copy(bb, sizeof bb, b, strlen(b));
        for (char *q = bb; q && *q;) {
            char *c2 = strchr(q, ',');
            if (c2)
                *c2 = '\0';
            char other[80];
            copy(other, sizeof other, q, strlen(q));
            trim(other);
            found |= strcmp(id, other) == 0;
            q = c2 ? c2 + 1 : NULL;
        }
        if (!found)
            return false;
        p = comma ? comma + 1 : NULL;
    }
    return true;
}

static int check_table(const crlm_rule_info *t, size_t n, bool rules_table)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        const row *r = find_row(t[i].id);
        if (!r) {
            fprintf(stderr, "docs/rules.md has no row for `%s`\n", t[i].id);
            bad++;
            continue;
        }
        if (r->n < 5) {
            fprintf(stderr, "row `%s` has %d cells, expected at least 5\n", t[i].id, r->n);
            bad++;
            continue;
        }
        /* evidence is the fourth cell in both tables */
        const char *ev = r->cell[3];
        if (!ids_subset(t[i].evidence, ev) || !ids_subset(ev, t[i].evidence)) {
            fprintf(stderr, "row `%s`: evidence \"%s\", code says \"%s\"\n", t[i].id, ev,
                    t[i].evidence);
            bad++;
        }
        if (rules_table && strcmp(r->cell[2], t[i].conclusion) != 0) {
            fprintf(stderr, "row `%s`: conclusion \"%s\", code says \"%s\"\n", t[i].id,
                    r->cell[2], t[i].conclusion);
            bad++;
        }
    }
    return bad;
}

static void every_rule_documented(void **s)
{
    (void)s;
    size_t n;
    const crlm_rule_info *t = crlm_pathway_rules(&n);
    assert_true(n > 0);
    assert_int_equal(check_table(t, n, true), 0);
}

static void every_check_documented(void **s)
{
    (void)s;
    size_t n;
    const crlm_rule_info *t = crlm_check_rules(&n);
    assert_true(n > 0);
    assert_int_equal(check_table(t, n, false), 0);
}

static bool in_code(const char *id)
{
    size_t n;
    const crlm_rule_info *t = crlm_pathway_rules(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].id, id) == 0)
            return true;
    t = crlm_check_rules(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].id, id) == 0)
            return true;
    return false;
}

static void every_documented_id_exists(void **s)
{
    (void)s;
    size_t total;
    crlm_pathway_rules(&total);
    size_t nc;
    crlm_check_rules(&nc);
    assert_true(n_rows >= total + nc); /* the parser found the tables */
    int bad = 0;
    for (size_t i = 0; i < n_rows; i++) {
        if (!rows[i].id[0] || !in_code(rows[i].id)) {
            fprintf(stderr, "docs/rules.md lists `%s`, which the code does not have\n", rows[i].id);
            bad++;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(rows[i].id, rows[k].id) == 0) {
                fprintf(stderr, "docs/rules.md lists `%s` twice\n", rows[i].id);
                bad++;
            }
    }
    assert_int_equal(bad, 0);
}

static void documented_parameters_exist(void **s)
{
    (void)s;
    int bad = 0, seen = 0;
    for (size_t i = 0; i < n_rows; i++) {
        if (rows[i].n < 5)
            continue;
        const char *p = rows[i].cell[4];
        while ((p = strchr(p, '`')) != NULL) {
            const char *close = strchr(p + 1, '`');
            if (!close)
                break;
            char key[96];
            snprintf(key, sizeof key, "\"%.*s\":", (int)(close - p - 1), p + 1);
            seen++;
            if (!strstr(profile_text, key)) {
                fprintf(stderr, "row `%s` names parameter %s, not in profiles/default.json\n",
                        rows[i].id, key);
                bad++;
            }
            p = close + 1;
        }
    }
    assert_true(seen > 0);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_rule_documented),
        cmocka_unit_test(every_check_documented),
        cmocka_unit_test(every_documented_id_exists),
        cmocka_unit_test(documented_parameters_exist),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
