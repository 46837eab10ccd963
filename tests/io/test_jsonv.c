/* What the JSON reader says about a bad value (src/io/jsonv.c): the value as the input wrote
 * it (`1.0`, `1e300`, not `1` or `1.0000000000000001e+300`), found by its pointer in the
 * document, keys with `/`, `~` and escapes included; strings quoted by their length with a
 * NUL shown as \u0000; keys that hold a line end kept on one line; a raw NUL byte in a
 * document named as such; numbers without a decimal exponent where none is needed. */
#include "test_util.h"

#include "io/jsonv.h"

static void locate(const char *text, const char *pointer, const char *want)
{
    size_t start = 0, n = 0;
    bool ok = crlm__jv_locate(text, strlen(text), pointer, &start, &n);
    if (!want) {
        assert_false(ok);
        return;
    }
    assert_true(ok);
    assert_int_equal(n, strlen(want));
    assert_memory_equal(text + start, want, n);
}

static void test_locate(void **state)
{
    (void)state;
    const char *doc = " { \"a\" : [ 1 , {\"b\":2.50, \"c/d\":[\"x]\",1e3]}, -0.0 ],"
                      " \"t~\":{\"\\u00e9\\n\" : 1.0 }, \"s\":\"q\\\"}\"}";
    locate(doc, "/a/0", "1");
    locate(doc, "/a/1/b", "2.50");
    locate(doc, "/a/1/c~1d/1", "1e3");
    locate(doc, "/a/2", "-0.0");
    locate(doc, "/t~0/\xc3\xa9\n", "1.0");
    locate(doc, "/s", "\"q\\\"}\"");
    locate(doc, "/a/3", NULL);
    locate(doc, "/b", NULL);
    locate(doc, "/a/x", NULL);
    locate(doc, "/s/0", NULL);
}

static void test_format_number(void **state)
{
    (void)state;
    char b[32];
    crlm__jv_format_number(1e6, b, sizeof b);
    assert_string_equal(b, "1000000");
    crlm__jv_format_number(0.1, b, sizeof b);
    assert_string_equal(b, "0.1");
    crlm__jv_format_number(1e300, b, sizeof b);
    assert_string_equal(b, "1e+300");
    crlm__jv_format_number(-2.5, b, sizeof b);
    assert_string_equal(b, "-2.5");
    crlm__jv_format_number(123456789012345678.0, b, sizeof b);
    assert_string_equal(b, "1.2345678901234568e+17");
}

/* The first error of reading `json` as a case. */
static crlm_error first_error(const char *json, size_t len)
{
    crlm_errors e = {0};
    crlm_case *c = NULL;
    assert_int_not_equal(crlm_case_read(json, len, TEST_PROFILE, &c, &e), CRLM_OK);
    assert_null(c);
    assert_true(e.count > 0);
    crlm_error x = e.items[0];
    crlm_errors_free(&e);
    return x;
}

static char *example_with(const char *from, const char *to)
{
    size_t len;
    char *text = test_read_file("examples/low-risk-metachronous.json", &len);
    char *at = strstr(text, from);
    assert_non_null(at);
    char *out = malloc(len + strlen(to) + 1);
    assert_non_null(out);
    size_t head = (size_t)(at - text);
    memcpy(out, text, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    free(text);
    return out;
}

static void test_numbers_as_written(void **state)
{
    (void)state;
    static const struct {
        const char *to, *found;
    } cases[] = {
        {"\"weight_kg\": 1.0", "the number 1.0"},
        {"\"weight_kg\": 1e300", "the number 1e300"},
        {"\"weight_kg\": -0.000", "the number -0.000"},
        {"\"weight_kg\": 5E+0", "the number 5E+0"},
        {"\"weight_kg\":\n 1000000000000000000000000.5", "the number 1000000000000000000000000.5"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *json = example_with("\"weight_kg\": 68", cases[i].to);
        crlm_error x = first_error(json, strlen(json));
        assert_string_equal(x.pointer, "/patient/weight_kg");
        assert_int_equal(x.code, CRLM_E_RANGE);
        assert_string_equal(x.expected, "a number from 10 to 500");
        assert_string_equal(x.found, cases[i].found);
        free(json);
    }
    /* A number where a string belongs, inside an array: quoted as written too. */
    char *json = example_with("\"sex\": \"female\"", "\"sex\": 2.50");
    crlm_error x = first_error(json, strlen(json));
    assert_string_equal(x.pointer, "/patient/sex");
    assert_string_equal(x.found, "the number 2.50");
    free(json);
}

static void test_keys_and_strings_escaped(void **state)
{
    (void)state;
    /* An unknown key holding a line end and a terminal escape: one line, shown escaped. */
    char *json = example_with("\"sex\": \"female\"",
                              "\"sex\": \"female\", \"a\\nb\\u001b[2J\": 1");
    crlm_error x = first_error(json, strlen(json));
    assert_int_equal(x.code, CRLM_E_UNKNOWN_FIELD);
    assert_string_equal(x.pointer, "/patient/a\\nb\\u001b[2J");
    assert_string_equal(x.found, "the unknown field \"a\\nb\\u001b[2J\"");
    free(json);

    /* A string with a NUL inside, described by its length. */
    json_t *s = json_stringn("L1\0x", 4);
    char buf[96];
    crlm__jv_describe(s, buf, sizeof buf);
    assert_string_equal(buf, "the string \"L1\\u0000x\"");
    json_decref(s);
    /* A long string of two-byte characters is cut after a whole one. */
    char longs[201];
    for (size_t i = 0; i < 200; i += 2)
        longs[i] = (char)0xc3, longs[i + 1] = (char)0xa9;
    longs[200] = '\0';
    s = json_string(longs);
    crlm__jv_describe(s, buf, sizeof buf);
    size_t n = strlen(buf);
    assert_string_equal(buf + n - 4, "...\"");
    assert_int_equal((n - strlen("the string \"...\"")) % 2, 0);
    json_decref(s);
}

static void test_numbers_too_large_for_jansson(void **state)
{
    (void)state;
    /* Valid JSON that jansson cannot hold: said so, with the number as written, where it is. */
    static const char *const big[] = {"123456789012345678901234567890", "-99999999999999999999",
                                      "1e400"};
    for (size_t i = 0; i < 3; i++) {
        char to[64];
        snprintf(to, sizeof to, "\"weight_kg\": %s", big[i]);
        char *json = example_with("\"weight_kg\": 68", to);
        crlm_error x = first_error(json, strlen(json));
        assert_int_equal(x.code, CRLM_E_RANGE);
        assert_int_equal(x.line, 5);
        assert_int_equal(x.column, 81);
        char want[96];
        snprintf(want, sizeof want, "the number %s", big[i]);
        assert_string_equal(x.found, want);
        free(json);
    }
    /* A token too long to quote: the value in the fewest digits, not a cut. */
    char to[160] = "\"weight_kg\": 0.";
    for (int k = 0; k < 68; k++)
        strcat(to, "0");
    strcat(to, "1");
    char *json = example_with("\"weight_kg\": 68", to);
    crlm_error x = first_error(json, strlen(json));
    assert_string_equal(x.found, "the number 1e-69");
    free(json);
}

static void test_nul_byte_in_document(void **state)
{
    (void)state;
    static const char doc[] = "{\"format\": \"crlm-case/1\",\n  \"id\": \0}";
    crlm_error x = first_error(doc, sizeof doc - 1);
    assert_int_equal(x.code, CRLM_E_SYNTAX);
    assert_int_equal(x.line, 2);
    assert_int_equal(x.column, 9);
    assert_string_equal(x.found, "a NUL byte");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_locate),
        cmocka_unit_test(test_format_number),
        cmocka_unit_test(test_numbers_as_written),
        cmocka_unit_test(test_keys_and_strings_escaped),
        cmocka_unit_test(test_numbers_too_large_for_jansson),
        cmocka_unit_test(test_nul_byte_in_document),
    };
    return cmocka_run_group_tests(tests, test_profile_setup, test_profile_teardown);
}
