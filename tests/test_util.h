/* Helpers shared by the unit tests: cmocka's includes in the order it needs, reading a case
 * from a JSON literal or a repository file, and finding an error by pointer. */
#ifndef CRLM_TEST_UTIL_H
#define CRLM_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crlm/case.h"
#include "crlm/case_read.h"
#include "crlm/profile.h"
#include "crlm/profile_read.h"

/* The default profile shared by a test file's group: `cmocka_run_group_tests(tests,
 * test_profile_setup, test_profile_teardown)`, then TEST_PROFILE in the tests. */
static inline crlm_profile **test__profile_slot(void)
{
    static crlm_profile *p;
    return &p;
}
#define TEST_PROFILE (*test__profile_slot())
static inline int test_profile_setup(void **state)
{
    (void)state;
    TEST_PROFILE = crlm_profile_default_new();
    return TEST_PROFILE ? 0 : -1;
}
static inline int test_profile_teardown(void **state)
{
    (void)state;
    crlm_profile_free(TEST_PROFILE);
    TEST_PROFILE = NULL;
    return 0;
}

/* Reads a whole repository file (path relative to the source tree); the caller frees. */
static inline char *test_read_file(const char *rel, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", CRLM_SOURCE_DIR, rel);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

/* Reads a case that must be valid; fails the test with the first error otherwise. */
static inline crlm_case *test_case(const char *json, const crlm_profile *p)
{
    crlm_errors e = {0};
    crlm_case *c = NULL;
    crlm_status st = crlm_case_read(json, strlen(json), p, &c, &e);
    if (st != CRLM_OK) {
        char line[600];
        crlm_error_format(&e.items[0], line, sizeof line);
        fprintf(stderr, "unexpected case error: %s\n", line);
    }
    assert_int_equal(st, CRLM_OK);
    crlm_errors_free(&e);
    return c;
}

/* `text` (malloc'd) with its first `from` replaced by `to`: a new malloc'd string, `text` freed.
 * Fails the test when `from` is absent. */
static inline char *test_replace(char *text, const char *from, const char *to)
{
    char *at = strstr(text, from);
    if (!at)
        fprintf(stderr, "test_replace: <%s> not found\n", from);
    assert_non_null(at);
    size_t head = (size_t)(at - text), nf = strlen(from), nt = strlen(to);
    size_t tail = strlen(text) - head - nf;
    char *out = malloc(head + nt + tail + 1);
    assert_non_null(out);
    memcpy(out, text, head);
    memcpy(out + head, to, nt);
    memcpy(out + head + nt, at + nf, tail + 1);
    free(text);
    return out;
}

/* The text of the default profile with edits[i][0] replaced by edits[i][1] in turn (the caller
 * frees). */
static inline char *test_profile_text_edited(const char *const (*edits)[2], size_t n)
{
    char *text = test_read_file("profiles/default.json", NULL);
    for (size_t i = 0; i < n; i++)
        text = test_replace(text, edits[i][0], edits[i][1]);
    return text;
}

/* The default profile with those edits; fails the test unless it is a valid profile. */
static inline crlm_profile *test_profile_edited(const char *const (*edits)[2], size_t n)
{
    char *text = test_profile_text_edited(edits, n);
    crlm_profile *p = NULL;
    crlm_errors e = {0};
    crlm_status st = crlm_profile_read(text, strlen(text), &p, &e);
    if (st != CRLM_OK && e.count) {
        char line[600];
        crlm_error_format(&e.items[0], line, sizeof line);
        fprintf(stderr, "unexpected profile error: %s\n", line);
    }
    assert_int_equal(st, CRLM_OK);
    crlm_errors_free(&e);
    free(text);
    return p;
}

/* The default profile with the first occurrence of `from` replaced by `to` (to set one
 * parameter); fails the test when `from` is absent or the result is not a valid profile. */
static inline crlm_profile *test_profile_with(const char *from, const char *to)
{
    const char *const edit[1][2] = {{from, to}};
    return test_profile_edited(edit, 1);
}

/* The error at `pointer`, or NULL. */
static inline const crlm_error *test_find_error(const crlm_errors *e, const char *pointer)
{
    for (size_t i = 0; i < e->count; i++)
        if (strcmp(e->items[i].pointer, pointer) == 0)
            return &e->items[i];
    return NULL;
}

#endif
