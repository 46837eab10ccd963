/* The CSV reader against RFC 4180's cases, line numbering, limits and the number parser.
 * Inputs are written inline so each expectation sits next to the bytes it is about; the
 * large-input test crosses the 64 KiB chunk boundary many times, with quoted line breaks
 * straddling it, to prove the restart-on-refill logic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/csv.h"

static void assert_field(const crlm_csv_record *rec, size_t i, const char *want)
{
    assert_true(i < rec->count);
    size_t n = strlen(want);
    if (rec->fields[i].len != n || memcmp(rec->fields[i].ptr, want, n) != 0) {
        print_error("field %zu: want \"%s\" got \"%.*s\"\n", i, want, (int)rec->fields[i].len,
                    rec->fields[i].ptr);
        fail();
    }
}

static crlm_csv_reader *open_str(const char *s)
{
    crlm_csv_reader *r = NULL;
    assert_int_equal(crlm_csv_open_memory(&r, s, strlen(s), NULL, NULL), CRLM_OK);
    return r;
}

static void test_simple_and_missing(void **state)
{
    (void)state;
    crlm_csv_reader *r = open_str("a,b,c\n1,,NA\n");
    crlm_csv_record rec;
    assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
    assert_int_equal(rec.count, 3);
    assert_int_equal(rec.line, 1);
    assert_field(&rec, 0, "a");
    assert_field(&rec, 2, "c");
    assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
    assert_int_equal(rec.count, 3);
    assert_int_equal(rec.line, 2);
    assert_false(crlm_csv_is_missing(&rec.fields[0]));
    assert_true(crlm_csv_is_missing(&rec.fields[1]));
    assert_true(crlm_csv_is_missing(&rec.fields[2]));
    assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
    assert_int_equal(rec.count, 0);
    assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
    assert_int_equal(rec.count, 0);
    crlm_csv_close(r);
}

static void test_quotes(void **state)
{
    (void)state;
    /* embedded comma, embedded CRLF and LF, doubled quotes, a quoted empty field, CRLF ends,
     * a trailing empty field, no final line end */
    crlm_csv_reader *r = open_str("\"x,y\",\"say \"\"hi\"\"\",\"\"\r\n"
                                  "\"two\r\nlines\",\"and\nthree\nhere\",z\r\n"
                                  "last,\n"
                                  "\"\"\"\",end");
    crlm_csv_record rec;
    assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
    assert_int_equal(rec.count, 3);
    assert_int_equal(rec.line, 1);
    assert_field(&rec, 0, "x,y");
    assert_field(&rec, 1, "say \"hi\"");
    assert_field(&rec, 2, "");
    assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
    assert_int_equal(rec.line, 2);
    assert_int_equal(rec.count, 3);
    assert_field(&rec, 0, "two\r\nlines");
    assert_field(&rec, 1, "and\nthree\nhere");
    assert_field(&rec, 2, "z");
    assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
    assert_int_equal(rec.line, 6); /* 2 + one CRLF and two LF inside quotes + the line end */
    assert_int_equal(rec.count, 2);
    assert_field(&rec, 0, "last");
    assert_field(&rec, 1, "");
    assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
    assert_int_equal(rec.line, 7);
    assert_int_equal(rec.count, 2);
    assert_field(&rec, 0, "\"");
    assert_field(&rec, 1, "end");
    assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
    assert_int_equal(rec.count, 0);
    crlm_csv_close(r);
}

static void test_blank_lines_bom_cr(void **state)
{
    (void)state;
    crlm_csv_reader *r = open_str("\xEF\xBB\xBFh1,h2\n\n\r\n1,2\r3,4\n\n");
    crlm_csv_record rec;
    assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
    assert_field(&rec, 0, "h1");
    assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
    assert_int_equal(rec.line, 4);
    assert_field(&rec, 1, "2");
    assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
    assert_int_equal(rec.line, 5); /* a lone CR ends a line too */
    assert_field(&rec, 0, "3");
    assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
    assert_int_equal(rec.count, 0);
    crlm_csv_close(r);
}

static void expect_error(const char *input, crlm_status code, long line, long column)
{
    crlm_csv_reader *r = open_str(input);
    crlm_errors errs = {0};
    crlm_csv_record rec;
    crlm_status st;
    while ((st = crlm_csv_next(r, &rec, &errs)) == CRLM_OK && rec.count > 0) {
    }
    assert_int_equal(st, code);
    assert_int_equal(errs.count, 1);
    assert_int_equal(errs.items[0].line, line);
    assert_int_equal(errs.items[0].column, column);
    /* the reader stays failed */
    assert_int_equal(crlm_csv_next(r, &rec, &errs), code);
    crlm_errors_free(&errs);
    crlm_csv_close(r);
}

static void test_syntax_errors(void **state)
{
    (void)state;
    expect_error("a,b\n1,\"open\n\nstill", CRLM_E_SYNTAX, 2, 2);
    expect_error("a,b\n1,\"x\"y\n", CRLM_E_SYNTAX, 2, 2);
    expect_error("a,b\nx,ab\"c\n", CRLM_E_SYNTAX, 2, 2);
    expect_error("a,b\n\"multi\nline\",\"q\"z\n", CRLM_E_SYNTAX, 3, 2);
}

static void test_limits(void **state)
{
    (void)state;
    crlm_csv_options opt = {.max_record_bytes = 100, .max_fields = 3};
    crlm_csv_reader *r = NULL;
    const char *s = "a,b,c\n1,2,3,4\n";
    assert_int_equal(crlm_csv_open_memory(&r, s, strlen(s), &opt, NULL), CRLM_OK);
    crlm_csv_record rec;
    crlm_errors errs = {0};
    assert_int_equal(crlm_csv_next(r, &rec, &errs), CRLM_OK);
    assert_int_equal(crlm_csv_next(r, &rec, &errs), CRLM_E_LIMIT);
    assert_int_equal(errs.items[0].line, 2);
    assert_int_equal(errs.items[0].column, 4);
    crlm_csv_close(r);
    crlm_errors_free(&errs);

    /* a 300 KB record against the 200 KB limit: refused, and the buffer stayed bounded */
    size_t big = 300 * 1000;
    char *data = malloc(big + 8);
    assert_non_null(data);
    memcpy(data, "h\n", 2);
    memset(data + 2, 'x', big);
    memcpy(data + 2 + big, "\n", 1);
    opt.max_record_bytes = 200 * 1000;
    opt.max_fields = 0;
    assert_int_equal(crlm_csv_open_memory(&r, data, big + 3, &opt, NULL), CRLM_OK);
    assert_int_equal(crlm_csv_next(r, &rec, &errs), CRLM_OK);
    assert_int_equal(crlm_csv_next(r, &rec, &errs), CRLM_E_LIMIT);
    assert_int_equal(errs.items[0].line, 2);
    crlm_csv_close(r);
    crlm_errors_free(&errs);

    /* the same record is fine under the default 1 MiB limit */
    assert_int_equal(crlm_csv_open_memory(&r, data, big + 3, NULL, NULL), CRLM_OK);
    assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
    assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
    assert_int_equal(rec.count, 1);
    assert_int_equal(rec.fields[0].len, big);
    crlm_csv_close(r);
    free(data);
}

/* 40,000 records with quoted line breaks and doubled quotes: crosses many chunk boundaries
 * at every possible offset inside a record; each record is checked field by field. */
static void test_many_chunks(void **state)
{
    (void)state;
    size_t cap = 4 * 1000 * 1000, len = 0;
    char *data = malloc(cap);
    assert_non_null(data);
    const int rows = 40000;
    for (int i = 0; i < rows; i++)
        len += (size_t)snprintf(data + len, cap - len, "%d,\"q\"\"%d\"\"\nx\",%d.5\r\n", i, i,
                                i % 7);
    FILE *fp = tmpfile();
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    rewind(fp);
    for (int pass = 0; pass < 2; pass++) {
        crlm_csv_reader *r = NULL;
        if (pass == 0)
            assert_int_equal(crlm_csv_open_memory(&r, data, len, NULL, NULL), CRLM_OK);
        else
            assert_int_equal(crlm_csv_open_file(&r, fp, NULL, NULL), CRLM_OK);
        crlm_csv_record rec;
        for (int i = 0; i < rows; i++) {
            assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
            assert_int_equal(rec.count, 3);
            assert_int_equal(rec.line, 1 + 2L * i);
            char want[64];
            snprintf(want, sizeof want, "%d", i);
            assert_field(&rec, 0, want);
            snprintf(want, sizeof want, "q\"%d\"\nx", i);
            assert_field(&rec, 1, want);
            double v = 0;
            assert_true(crlm_csv_parse_double(rec.fields[2].ptr, rec.fields[2].len, &v));
            assert_true(v == (double)(i % 7) + 0.5);
        }
        assert_int_equal(crlm_csv_next(r, &rec, NULL), CRLM_OK);
        assert_int_equal(rec.count, 0);
        crlm_csv_close(r);
    }
    fclose(fp);
    free(data);
}

static void test_parse_double(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        double want;
    } ok[] = {
        {"0", 0.0},
        {"42", 42.0},
        {"-3", -3.0},
        {"+7.25", 7.25},
        {" 12 ", 12.0},
        {".5", 0.5},
        {"5.", 5.0},
        {"1e3", 1000.0},
        {"2.5E-2", 0.025},
        {"0.1", 0.1},
        {"72.3315", 72.3315},
        {"58.765229295003422", 58.765229295003422},
        {"56.446269678302535", 56.446269678302535},
        {"123456789012345678901234", 123456789012345678901234.0},
        {"0.000000000000000000000000123", 1.23e-25},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        double v = -999;
        assert_true(crlm_csv_parse_double(ok[i].s, strlen(ok[i].s), &v));
        if (v != ok[i].want) {
            print_error("%s -> %.17g, want %.17g\n", ok[i].s, v, ok[i].want);
            fail();
        }
    }
    static const char *bad[] = {"", " ", "NA", "abc", "1,5", "1.2.3", "1e", "e5", "-",
                                "0x10", "inf", "NaN", "1e999", "12a", "."};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v;
        if (crlm_csv_parse_double(bad[i], strlen(bad[i]), &v)) {
            print_error("accepted \"%s\"\n", bad[i]);
            fail();
        }
    }
    /* exhaustive-ish: every value k/1000 for k < 200000 matches strtod */
    for (int k = 0; k < 200000; k += 7) {
        char s[32];
        int n = snprintf(s, sizeof s, "%d.%03d", k / 1000, k % 1000);
        double v;
        assert_true(crlm_csv_parse_double(s, (size_t)n, &v));
        assert_true(v == strtod(s, NULL));
    }
}

static void test_field_show(void **state)
{
    (void)state;
    char buf[80];
    crlm_csv_field f = {"a\tb", 3};
    assert_string_equal(crlm_csv_field_show(&f, buf, sizeof buf), "\"a\\tb\"");
    /* A NUL byte is shown, not a cut; a byte that is not UTF-8 is shown by its value. */
    crlm_csv_field nul = {"L1\0x", 4};
    assert_string_equal(crlm_csv_field_show(&nul, buf, sizeof buf), "\"L1\\u0000x\"");
    crlm_csv_field bad = {"\xff\n", 2};
    assert_string_equal(crlm_csv_field_show(&bad, buf, sizeof buf), "\"\\xff\\n\"");
    /* 100 two-byte characters: cut after a whole one. */
    char accents[200];
    for (size_t i = 0; i < sizeof accents; i += 2)
        accents[i] = (char)0xC3, accents[i + 1] = (char)0xA9;
    crlm_csv_field e = {accents, sizeof accents};
    crlm_csv_field_show(&e, buf, sizeof buf);
    size_t n = strlen(buf);
    assert_string_equal(buf + n - 4, "...\"");
    assert_int_equal((n - 5) % 2, 0); /* the quote, pairs of bytes, "...", the quote */
    char longs[200];
    memset(longs, 'z', sizeof longs);
    crlm_csv_field g = {longs, sizeof longs};
    crlm_csv_field_show(&g, buf, sizeof buf);
    assert_true(strlen(buf) < 70);
    assert_non_null(strstr(buf, "...\""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_and_missing), cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_blank_lines_bom_cr), cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_limits),             cmocka_unit_test(test_many_chunks),
        cmocka_unit_test(test_parse_double),       cmocka_unit_test(test_field_show),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
