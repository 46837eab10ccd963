/* The error texts (crlm/error.h): whatever an input quoted in a message holds -- a line end, a
 * terminal escape, a NUL byte, bytes that are not UTF-8 -- an error stays one line of valid
 * UTF-8, and a text cut to fit its field is cut after a whole character. Expected strings are
 * written out by hand from RFC 3629's table of valid sequences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "crlm/error.h"

static const char *esc(const char *s, size_t n)
{
    static char buf[256];
    return crlm_error_escape(buf, sizeof buf, s, n);
}
#define ESC(lit) esc(lit, sizeof lit - 1)

static void test_controls(void **state)
{
    (void)state;
    assert_string_equal(ESC("a\nb\rc\td"), "a\\nb\\rc\\td");
    assert_string_equal(ESC("L\x1b[2J"), "L\\u001b[2J");
    assert_string_equal(ESC("L1\0x"), "L1\\u0000x");
    assert_string_equal(ESC("\x7f"), "\\u007f");
    /* C1 controls (U+0080..U+009F, e.g. the one-byte CSI U+009B) drive terminals too. */
    assert_string_equal(ESC("\xc2\x9b"), "\\u009b");
    /* Printable text, backslashes included, is left as it is: escaping is idempotent. */
    assert_string_equal(ESC("a\\nb \"q\" ~/"), "a\\nb \"q\" ~/");
    char once[64], twice[64];
    crlm_error_escape(once, sizeof once, "x\n\xff\0y", 5);
    crlm_error_escape(twice, sizeof twice, once, strlen(once));
    assert_string_equal(once, "x\\n\\xff\\u0000y");
    assert_string_equal(twice, once);
}

static void test_utf8(void **state)
{
    (void)state;
    /* Valid: 2, 3 and 4 bytes. */
    assert_string_equal(ESC("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"),
                        "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    /* Invalid bytes, each shown by value: a lone continuation, 0xFF, an overlong '/', a
     * UTF-16 surrogate, past U+10FFFF, a sequence cut by the end. */
    assert_string_equal(ESC("\x80"), "\\x80");
    assert_string_equal(ESC("a\xff" "b"), "a\\xffb");
    assert_string_equal(ESC("\xc0\xaf"), "\\xc0\\xaf");
    assert_string_equal(ESC("\xed\xa0\x80"), "\\xed\\xa0\\x80");
    assert_string_equal(ESC("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");
    assert_string_equal(ESC("\xe2\x82"), "\\xe2\\x82");
}

static void test_truncation(void **state)
{
    (void)state;
    char buf[10];
    /* Fits exactly: no "..." */
    assert_string_equal(crlm_error_escape(buf, sizeof buf, "123456789", 9), "123456789");
    /* One more: six bytes and "...". */
    assert_string_equal(crlm_error_escape(buf, sizeof buf, "1234567890", 10), "123456...");
    /* Never half a character: "é" is 2 bytes, 3 of them fit in 6. */
    static const char accents[] = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";
    assert_string_equal(crlm_error_escape(buf, sizeof buf, accents, 10),
                        "\xc3\xa9\xc3\xa9\xc3\xa9...");
    /* Never half an escape: "\u0000" is 6 bytes; the second does not fit. */
    assert_string_equal(crlm_error_escape(buf, sizeof buf, "a\0\0", 3), "a...");
    assert_string_equal(crlm_error_escape(buf, 1, "abc", 3), "");
}

static void test_errors_escape_their_texts(void **state)
{
    (void)state;
    crlm_errors list = {0};
    assert_int_equal(crlm_errors_add(&list, CRLM_E_UNKNOWN_FIELD, "/a\nb", 0, 0,
                                     "only the fields", "the unknown field \"a\nb\""),
                     CRLM_OK);
    const crlm_error *e = &list.items[0];
    assert_string_equal(e->pointer, "/a\\nb");
    assert_string_equal(e->found, "the unknown field \"a\\nb\"");
    char line[512];
    crlm_error_format(e, line, sizeof line);
    assert_string_equal(line,
                        "/a\\nb: expected only the fields, found the unknown field \"a\\nb\"");
    assert_null(strchr(line, '\n'));
    crlm_errors_free(&list);

    /* A found text longer than its field: cut after a whole character, marked "...". */
    char longs[400];
    for (size_t i = 0; i + 1 < sizeof longs; i += 2)
        longs[i] = (char)0xc3, longs[i + 1] = (char)0xa9;
    longs[sizeof longs - 1] = '\0';
    crlm_error x;
    crlm_error_set(&x, CRLM_E_RANGE, NULL, 3, 0, "x", longs);
    size_t n = strlen(x.found);
    assert_true(n < sizeof x.found);
    assert_string_equal(x.found + n - 3, "...");
    assert_int_equal((n - 3) % 2, 0);
    assert_string_equal(x.pointer, "");
}

static void test_format_cuts_at_a_character(void **state)
{
    (void)state;
    crlm_error e;
    crlm_error_set(&e, CRLM_E_RANGE, "/id", 0, 0, "x", "\xc3\xa9\xc3\xa9");
    /* "/id: expected x, found " is 23 bytes and each "é" 2: a buffer of 26 holds one "é"
     * and the NUL; one of 25 would end in the first byte of it, which is dropped. */
    char buf[26];
    int n = crlm_error_format(&e, buf, 26);
    assert_int_equal(n, 27);
    assert_string_equal(buf, "/id: expected x, found \xc3\xa9");
    crlm_error_format(&e, buf, 25);
    assert_string_equal(buf, "/id: expected x, found ");
    crlm_error_format(&e, buf, 24);
    assert_string_equal(buf, "/id: expected x, found ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_controls),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_errors_escape_their_texts),
        cmocka_unit_test(test_format_cuts_at_a_character),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
