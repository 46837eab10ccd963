/* Dates: day numbers, parsing, and calendar months (the Fong interval's unit). Expected day
 * numbers are from `date -d YYYY-MM-DD +%s` / 86400. */
#include "test_util.h"

#include "crlm/date.h"

static crlm_date D(const char *s)
{
    crlm_date d;
    assert_true(crlm_date_parse(s, &d));
    return d;
}

static void day_numbers(void **state)
{
    (void)state;
    assert_int_equal(D("1970-01-01"), 0);
    assert_int_equal(D("2000-03-01"), 11017);
    assert_int_equal(D("2024-02-29"), 19782);
    assert_int_equal(D("1900-01-01"), -25567);
    char out[11];
    crlm_date_format(19782, out);
    assert_string_equal(out, "2024-02-29");
    crlm_date_format(-25567, out);
    assert_string_equal(out, "1900-01-01");
}

static void parse_rejects(void **state)
{
    (void)state;
    crlm_date d;
    const char *bad[] = {"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-1-01",
                         "2024-01-01T00:00", "24-01-01", "", "2024/01/01", "２０２４-01-01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(crlm_date_parse(bad[i], &d));
    assert_true(crlm_date_parse("2000-02-29", &d)); /* 2000 is a leap year */
    assert_false(crlm_date_parse("1900-02-29", &d)); /* 1900 is not */
}

static void months(void **state)
{
    (void)state;
    /* Exactly one calendar year is 12 months, whatever the number of days. */
    assert_int_equal(crlm_date_months_between(D("2023-03-15"), D("2024-03-15")), 12);
    assert_int_equal(crlm_date_months_between(D("2023-03-15"), D("2024-03-14")), 11);
    assert_int_equal(crlm_date_months_between(D("2023-01-01"), D("2024-01-01")), 12); /* 365 d */
    assert_int_equal(crlm_date_months_between(D("2024-01-01"), D("2024-12-31")), 11); /* 365 d */
    /* End-of-month clamping: Jan 31 + 1 month is Feb 29 in a leap year. */
    assert_int_equal(crlm_date_add_months(D("2024-01-31"), 1), D("2024-02-29"));
    assert_int_equal(crlm_date_add_months(D("2024-02-29"), 12), D("2025-02-28"));
    assert_int_equal(crlm_date_add_months(D("2023-11-30"), 3), D("2024-02-29"));
    assert_int_equal(crlm_date_add_months(D("2024-03-31"), -1), D("2024-02-29"));
    assert_int_equal(crlm_date_months_between(D("2024-02-29"), D("2025-02-28")), 12);
    assert_int_equal(crlm_date_months_between(D("2024-05-10"), D("2024-03-10")), -2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(day_numbers),
        cmocka_unit_test(parse_rejects),
        cmocka_unit_test(months),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
