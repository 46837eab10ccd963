/* The JSON Lines reader (crlm/lines.h): lines by length, not by strlen, so a NUL byte neither
 * hides a line nor the rest of one; CRLF and a last line without a line end; a line over the
 * limit reported once with its length and the reader back in step at the next line; the limit
 * itself exact to the byte. Each input is inline next to what it must give, read both from
 * memory and through a FILE (fmemopen), since `crlm batch` reads files. */
#define _POSIX_C_SOURCE 200809L /* fmemopen */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/lines.h"

/* What a reader gives, as one string: "N:text|" per line, "N:TOO_LONG(len)|" for a long one;
 * bytes below 0x20 as \xx. */
static void read_all(const char *data, size_t len, size_t max, bool from_file, char *out,
                     size_t out_size)
{
    crlm_lines *r = NULL;
    FILE *f = NULL;
    if (from_file) {
        f = fmemopen((void *)data, len ? len : 1, "rb");
        assert_non_null(f);
        if (len == 0)
            (void)fgetc(f); /* an empty stream: fmemopen wants a size of at least 1 */
        assert_int_equal(crlm_lines_open_file(&r, f, max), CRLM_OK);
    } else {
        assert_int_equal(crlm_lines_open_memory(&r, data, len, max), CRLM_OK);
    }
    size_t w = 0;
    out[0] = '\0';
    crlm_line line;
    while (crlm_lines_next(r, &line)) {
        if (line.too_long) {
            assert_null(line.text);
            w += (size_t)snprintf(out + w, out_size - w, "%ld:TOO_LONG(%zu)|", line.number,
                                  line.len);
            continue;
        }
        assert_int_equal(line.text[line.len], '\0');
        w += (size_t)snprintf(out + w, out_size - w, "%ld:", line.number);
        for (size_t i = 0; i < line.len; i++) {
            unsigned char c = (unsigned char)line.text[i];
            w += (size_t)(c < 0x20 ? snprintf(out + w, out_size - w, "\\%02x", c)
                                   : snprintf(out + w, out_size - w, "%c", c));
        }
        w += (size_t)snprintf(out + w, out_size - w, "%s|",
                              crlm_line_blank(&line) ? "(blank)" : "");
    }
    assert_int_equal(crlm_lines_status(r), CRLM_OK);
    crlm_lines_close(r);
    if (f)
        fclose(f);
}

static void expect(const char *data, size_t len, size_t max, const char *want)
{
    char got[4096];
    read_all(data, len, max, false, got, sizeof got);
    assert_string_equal(got, want);
    read_all(data, len, max, true, got, sizeof got);
    assert_string_equal(got, want);
}

#define EXPECT(lit, max, want) expect(lit, sizeof lit - 1, max, want)

static void test_plain_lines(void **state)
{
    (void)state;
    EXPECT("", 100, "");
    EXPECT("a\nbc\n", 100, "1:a|2:bc|");
    /* A last line without a line end is a line. */
    EXPECT("a\nbc", 100, "1:a|2:bc|");
    /* Blank lines are lines (the batch skips them, but they are counted). */
    EXPECT("\n \t\na\n", 100, "1:(blank)|2: \\09(blank)|3:a|");
}

static void test_nul_bytes(void **state)
{
    (void)state;
    /* Today's fgets + strlen reader lost the first line and cut the second. */
    EXPECT("\0{}\n{\"a\"\0:1}\n", 100, "1:\\00{}|2:{\"a\"\\00:1}|");
    /* Only NULs: one line of them, not "no input". */
    EXPECT("\0\0\0", 100, "1:\\00\\00\\00|");
}

static void test_crlf(void **state)
{
    (void)state;
    EXPECT("a\r\nb\r\n", 100, "1:a|2:b|");
    /* A CR before the end of the input is a line end too; a CR inside a line is kept. */
    EXPECT("a\r\nb\r", 100, "1:a|2:b|");
    EXPECT("a\rb\n", 100, "1:a\\0db|");
    EXPECT("\r\n", 100, "1:(blank)|");
}

static void test_limit_exact(void **state)
{
    (void)state;
    /* max 3: three bytes fit, with or without a CR after them; four do not. */
    EXPECT("abc\nabc\r\nabcd\nx\n", 3, "1:abc|2:abc|3:TOO_LONG(4)|4:x|");
    EXPECT("abcd", 3, "1:TOO_LONG(4)|");
    EXPECT("abcd\r", 3, "1:TOO_LONG(4)|");
}

static void test_too_long_resynchronises(void **state)
{
    (void)state;
    size_t n = 100000;
    char *big = malloc(n + 16);
    assert_non_null(big);
    memset(big, 'x', n);
    memcpy(big + n, "\n{}\r\n\0\n", 7);
    char got[256];
    read_all(big, n + 7, 1000, false, got, sizeof got);
    assert_string_equal(got, "1:TOO_LONG(100000)|2:{}|3:\\00|");
    read_all(big, n + 7, 1000, true, got, sizeof got);
    assert_string_equal(got, "1:TOO_LONG(100000)|2:{}|3:\\00|");
    free(big);
}

static void test_arguments(void **state)
{
    (void)state;
    crlm_lines *r = (crlm_lines *)1;
    assert_int_equal(crlm_lines_open_memory(&r, "x", 1, 0), CRLM_E_ARGUMENT);
    assert_null(r);
    assert_int_equal(crlm_lines_open_file(&r, NULL, 10), CRLM_E_ARGUMENT);
    assert_null(r);
    assert_int_equal(crlm_lines_open_memory(&r, "x", 1, 10), CRLM_OK);
    assert_int_equal(crlm_lines_max(r), 10);
    crlm_lines_close(r);
    crlm_lines_close(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_lines),  cmocka_unit_test(test_nul_bytes),
        cmocka_unit_test(test_crlf),         cmocka_unit_test(test_limit_exact),
        cmocka_unit_test(test_too_long_resynchronises), cmocka_unit_test(test_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
